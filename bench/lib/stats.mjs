// Pure helpers of the bench: medians, ratios, goal verdicts and markdown tables. No I/O here, so
// test/bench-helpers.test.ts can check them.

/** The median of a non-empty list of finite numbers (the mean of the middle two for an even count). */
export function median(values) {
  if (!values.length || values.some((v) => typeof v !== "number" || !Number.isFinite(v))) {
    throw new TypeError(`median needs finite numbers, got [${values.join(", ")}]`);
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The median of `runs` measurements of `measure()` (each a number), plus all of them. */
export async function medianOf(runs, measure) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await measure(i));
  return { median: median(all), runs: all };
}

/** `value / base`, rounded to two decimals, as text with a `×` (e.g. `0.93×`). */
export function ratio(value, base) {
  if (!(base > 0)) throw new RangeError(`ratio base must be positive, got ${base}`);
  return `${(value / base).toFixed(2)}×`;
}

/** A number with thousands separators and `digits` decimals: 12345.6 -> "12,346". */
export const num = (value, digits = 0) =>
  value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Milliseconds as seconds with two decimals, or as ms below one second. */
export const ms = (value) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`);

/** A signed difference of milliseconds: "+1.20 s", "−350 ms". */
export const delta = (value) => `${value < 0 ? "−" : "+"}${ms(Math.abs(value))}`;

/** Bytes as `1,234 B (1.23 kB)`; 1 kB is 1,000 bytes. */
export const bytes = (value) => `${num(value)} B (${(value / 1000).toFixed(2)} kB)`;

/**
 * A goal verdict: `actual` against `limit`, where `higherIsBetter` says which side passes.
 * Returns { met, text }, e.g. "met (0.95× ≥ 0.9×)" or "missed by 12% (9.0 kB > 8 kB)".
 * @param {number} actual
 * @param {number} limit
 * @param {{ higherIsBetter?: boolean, show?: (value: number) => string }} [options]
 */
export function goal(actual, limit, { higherIsBetter = false, show = String } = {}) {
  const met = higherIsBetter ? actual >= limit : actual <= limit;
  const sign = met ? (higherIsBetter ? "≥" : "≤") : higherIsBetter ? "<" : ">";
  const off = Math.abs(actual - limit) / limit;
  const head = met ? "met" : `missed by ${(off * 100).toFixed(0)}%`;
  return { met, text: `${head} (${show(actual)} ${sign} ${show(limit)})` };
}

const cell = (value) => String(value ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");

/**
 * A GitHub markdown table. `align` is a string of `l`/`r` per column (default: all left).
 * Every row must have as many cells as the header.
 */
export function table(header, rows, align = "") {
  for (const row of rows) {
    if (row.length !== header.length) {
      throw new RangeError(`table row has ${row.length} cells, header has ${header.length}: ${row.join(" | ")}`);
    }
  }
  const rule = header.map((_, i) => (align[i] === "r" ? "---:" : "---"));
  return [header, rule, ...rows].map((row) => `| ${row.map(cell).join(" | ")} |`).join("\n");
}

/** The children's user + system time from the last line of bash's `times` ("0m1.5s 0m0.2s"). */
export function childCpuMs(stderr) {
  const last = stderr.trimEnd().split("\n").pop();
  const times = [...last.matchAll(/(\d+)m([\d.]+)s/g)].map(([, m, s]) => (60 * m + Number(s)) * 1000);
  if (times.length !== 2) throw new Error(`no CPU times in the output of bash's times: ${JSON.stringify(last)}`);
  return times[0] + times[1];
}
