// Order statistics of measurements: medians, quantiles and the spread of a set of runs. Pure, so
// test/bench/stats.test.ts can check them.

/** The values, checked to be a non-empty list of finite numbers, sorted ascending (a copy). */
function sorted(values: readonly number[]): number[] {
  if (values.length === 0 || values.some((v) => !Number.isFinite(v))) {
    throw new TypeError(`needs finite numbers, got [${values.join(", ")}]`);
  }
  return [...values].sort((a, b) => a - b);
}

/**
 * The `q` quantile (0 ≤ q ≤ 1) of a non-empty list, interpolated linearly between order statistics
 * (the usual "type 7" definition): the median of an even count is the mean of the middle two.
 */
export function quantile(values: readonly number[], q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be from 0 to 1, got ${q}`);
  const list = sorted(values);
  const at = q * (list.length - 1);
  const below = Math.floor(at);
  const low = list[below] as number;
  const high = list[Math.min(below + 1, list.length - 1)] as number;
  return low + (high - low) * (at - below);
}

/** The median of a non-empty list of finite numbers. */
export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** Where a set of runs lies: its median, quartiles and extremes. */
export interface Spread {
  median: number;
  p25: number;
  p75: number;
  min: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  const list = sorted(values);
  return {
    median: quantile(list, 0.5),
    p25: quantile(list, 0.25),
    p75: quantile(list, 0.75),
    min: list[0] as number,
    max: list[list.length - 1] as number,
  };
}
