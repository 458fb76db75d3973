// How the bench writes numbers, goals and tables in BENCHMARKS.md. Pure, so
// test/bench/format.test.ts can check them.

/** A number with thousands separators and `digits` decimals: 12345.6 → "12,346". */
export const num = (value: number, digits = 0): string =>
  value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Milliseconds: as seconds with two decimals from one second up, else as whole ms. */
export const ms = (value: number): string =>
  value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;

/** A signed difference of milliseconds: "+1.20 s", "−350 ms". */
export const delta = (value: number): string => `${value < 0 ? "−" : "+"}${ms(Math.abs(value))}`;

/** Bytes in kB (1 kB = 1,000 bytes) with two decimals. */
export const kB = (value: number): string => `${(value / 1000).toFixed(2)} kB`;

/** Bytes as `1,234 B (1.23 kB)`. */
export const bytes = (value: number): string => `${num(value)} B (${kB(value)})`;

/** A factor with two decimals: 0.934 → "0.93×". */
export const times = (value: number): string => `${value.toFixed(2)}×`;

/** `value / base` as a factor (`0.93×`); the base must be positive. */
export function ratio(value: number, base: number): string {
  if (!(base > 0)) throw new RangeError(`ratio base must be positive, got ${base}`);
  return times(value / base);
}

export interface Verdict {
  met: boolean;
  text: string;
}

export interface GoalOptions {
  /** Whether the goal is a floor (`actual ≥ limit`) rather than a ceiling (`actual ≤ limit`). */
  higherIsBetter?: boolean;
  show?: (value: number) => string;
}

/** `actual` against `limit`: "met (0.95× ≥ 0.90×)" or "missed by 12% (9.00 kB > 8.00 kB)". */
export function goal(
  actual: number,
  limit: number,
  { higherIsBetter = false, show = String }: GoalOptions = {},
): Verdict {
  const met = higherIsBetter ? actual >= limit : actual <= limit;
  const sign = met ? (higherIsBetter ? "≥" : "≤") : higherIsBetter ? "<" : ">";
  const off = (Math.abs(actual - limit) / limit) * 100;
  const head = met ? "met" : `missed by ${off.toFixed(off < 1 ? 1 : 0)}%`;
  return { met, text: `${head} (${show(actual)} ${sign} ${show(limit)})` };
}

export type Cell = string | number;

const cell = (value: Cell): string => String(value).replace(/\|/g, "\\|").replace(/\n/g, " ");

/**
 * A GitHub markdown table. `align` has an `l` or `r` per column (default: left). Every row must
 * have as many cells as the header.
 */
export function table(header: readonly string[], rows: readonly (readonly Cell[])[], align = ""): string {
  for (const row of rows) {
    if (row.length !== header.length) {
      throw new RangeError(`table row has ${row.length} cells, header has ${header.length}: ${row.join(" | ")}`);
    }
  }
  const rule = header.map((_, i) => (align[i] === "r" ? "---:" : "---"));
  return [header, rule, ...rows].map((row) => `| ${row.map(cell).join(" | ")} |`).join("\n");
}
