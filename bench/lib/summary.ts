// A row of BENCHMARKS.md's summary table: figure, what is measured, the result, the goal's verdict.
export type SummaryRow = [figure: string, measure: string, result: string, goal: string];
