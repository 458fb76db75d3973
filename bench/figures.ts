// The five figures of BENCHMARKS.md: how each is measured (in a child process: child.ts) and
// written (in the parent: run.ts).

import * as calls from "./calls/measure.js";
import * as callsReport from "./calls/report.js";
import type { SummaryRow } from "./lib/summary.js";
import * as mock from "./mock/measure.js";
import * as mockReport from "./mock/report.js";
import * as pipeline from "./pipeline/measure.js";
import * as pipelineReport from "./pipeline/report.js";
import * as size from "./size/measure.js";
import * as sizeReport from "./size/report.js";
import * as typecheck from "./typecheck/measure.js";
import * as typecheckReport from "./typecheck/report.js";

export interface Figure {
  title: string;
  /** Options for the node process that measures the figure. */
  nodeFlags: readonly string[];
  /** Measures the figure on a workspace (see lib/workspace.ts); the result is plain JSON data. */
  measure(workspace: string): Promise<unknown>;
  /** The figure's section of BENCHMARKS.md and its rows of the summary, from what measure returned. */
  write(data: unknown): { section: string; summary: SummaryRow[] };
}

interface Report<D> {
  section(data: D): string;
  summary(data: D): SummaryRow[];
}

/** A figure whose data crosses the process boundary as JSON: `write` reads what `measure` returned. */
function figure<D>(
  title: string,
  measure: (workspace: string) => Promise<D>,
  report: Report<D>,
  nodeFlags: readonly string[] = [],
): Figure {
  return {
    title,
    nodeFlags,
    measure,
    write: (data) => ({ section: report.section(data as D), summary: report.summary(data as D) }),
  };
}

export const FIGURES = {
  calls: figure("1. Per-call cost", calls.measure, callsReport, calls.NODE_FLAGS),
  size: figure("2. Runtime size", size.measure, sizeReport),
  pipeline: figure("3. Pipeline and generators", pipeline.measure, pipelineReport),
  typecheck: figure("4. Type-check cost", typecheck.measure, typecheckReport),
  mock: figure("5. Mock throughput", mock.measure, mockReport),
} satisfies Record<string, Figure>;

export type FigureName = keyof typeof FIGURES;

export const isFigure = (name: string): name is FigureName => Object.hasOwn(FIGURES, name);
