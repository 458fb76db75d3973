// The bench's pure helpers (bench/lib/stats.mjs): medians, ratios, goal verdicts, tables and the
// parsing of CPU times. Timings themselves are never asserted.
import { describe, expect, it } from "vitest";
import { bytes, childCpuMs, delta, goal, median, medianOf, ms, ratio, table } from "../bench/lib/stats.mjs";

describe("median", () => {
  it("takes the middle value of an odd count and the mean of the middle two of an even one, in any order", () => {
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([100, 1, 2, 3, 1000])).toBe(3);
  });

  it("does not reorder its input", () => {
    const runs = [3, 1, 2];
    median(runs);
    expect(runs).toEqual([3, 1, 2]);
  });

  it("refuses an empty list and non-finite values", () => {
    expect(() => median([])).toThrow(TypeError);
    expect(() => median([1, Number.NaN])).toThrow(/finite/);
    expect(() => median([1, Infinity])).toThrow(/finite/);
  });

  it("medianOf runs the measurement the given number of times", async () => {
    const seen: number[] = [];
    const result = await medianOf(4, (i: number) => (seen.push(i), [10, 40, 20, 30][i]));
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(result).toEqual({ median: 25, runs: [10, 40, 20, 30] });
  });
});

describe("ratio and goal", () => {
  it("ratio divides by the base and shows two decimals", () => {
    expect(ratio(9, 10)).toBe("0.90×");
    expect(ratio(30_113, 13_473)).toBe("2.24×");
    expect(() => ratio(1, 0)).toThrow(RangeError);
  });

  it("a lower-is-better goal is met at or under the limit and says by how much it is missed", () => {
    expect(goal(8000, 8000)).toEqual({ met: true, text: "met (8000 ≤ 8000)" });
    expect(goal(10_000, 8000)).toEqual({ met: false, text: "missed by 25% (10000 > 8000)" });
  });

  it("a higher-is-better goal is met at or over the limit", () => {
    const show = (v: number) => `${v.toFixed(2)}×`;
    expect(goal(0.95, 0.9, { higherIsBetter: true, show })).toEqual({ met: true, text: "met (0.95× ≥ 0.90×)" });
    expect(goal(0.45, 0.9, { higherIsBetter: true, show })).toEqual({ met: false, text: "missed by 50% (0.45× < 0.90×)" });
  });
});

describe("formatting", () => {
  it("shows milliseconds, signed differences and bytes", () => {
    expect(ms(999.4)).toBe("999 ms");
    expect(ms(12_270)).toBe("12.27 s");
    expect(delta(554)).toBe("+554 ms");
    expect(delta(-1580)).toBe("−1.58 s");
    expect(bytes(10_977)).toBe("10,977 B (10.98 kB)");
  });

  it("builds a markdown table with alignment, escaping pipes in cells", () => {
    expect(table(["a", "b"], [["x|y", 1]], "lr")).toBe("| a | b |\n| --- | ---: |\n| x\\|y | 1 |");
  });

  it("refuses a row whose cell count differs from the header's", () => {
    expect(() => table(["a", "b"], [["only one"]])).toThrow(/1 cells, header has 2/);
  });
});

describe("childCpuMs", () => {
  it("adds the user and system time of the children (the last line of bash's times)", () => {
    expect(childCpuMs("noise\n0m0.010s 0m0.004s\n0m1.250s 0m0.250s\n")).toBe(1500);
    expect(childCpuMs("0m0.000s 0m0.000s\n2m3.500s 0m0.500s")).toBe(124_000);
  });

  it("fails when the output does not end with the times", () => {
    expect(() => childCpuMs("tsc: error TS2322\n")).toThrow(/no CPU times/);
  });
});
