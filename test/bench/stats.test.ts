// bench/lib/stats.ts: medians, quantiles and spreads of runs.
import { describe, expect, it } from "vitest";
import { median, quantile, spread } from "../../bench/lib/stats.js";

describe("median and quantile", () => {
  it("takes the middle value of an odd count and the mean of the middle two of an even one, in any order", () => {
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([100, 1, 2, 3, 1000])).toBe(3);
  });

  it("interpolates quantiles between order statistics", () => {
    expect(quantile([1, 2, 3, 4, 5], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4, 5], 1)).toBe(5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([10, 20], 0.25)).toBe(12.5);
  });

  it("does not reorder its input", () => {
    const runs = [3, 1, 2];
    median(runs);
    expect(runs).toEqual([3, 1, 2]);
  });

  it("refuses an empty list, non-finite values and a quantile outside 0..1", () => {
    expect(() => median([])).toThrow(TypeError);
    expect(() => median([1, Number.NaN])).toThrow(/finite/);
    expect(() => median([1, Number.POSITIVE_INFINITY])).toThrow(/finite/);
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });
});

describe("spread", () => {
  it("gives the median, the quartiles and the extremes", () => {
    expect(spread([5, 1, 4, 2, 3])).toEqual({ median: 3, p25: 2, p75: 4, min: 1, max: 5 });
    expect(spread([7])).toEqual({ median: 7, p25: 7, p75: 7, min: 7, max: 7 });
  });
});
