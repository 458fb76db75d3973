// bench/lib/format.ts: how BENCHMARKS.md writes numbers, goal verdicts and tables.
import { describe, expect, it } from "vitest";
import { bytes, delta, goal, kB, ms, num, ratio, table, times } from "../../bench/lib/format.js";

describe("numbers", () => {
  it("shows counts, milliseconds, signed differences, bytes and factors", () => {
    expect(num(12_345.6)).toBe("12,346");
    expect(num(0.25, 1)).toBe("0.3");
    expect(ms(999.4)).toBe("999 ms");
    expect(ms(12_270)).toBe("12.27 s");
    expect(delta(554)).toBe("+554 ms");
    expect(delta(-1580)).toBe("−1.58 s");
    expect(kB(8500)).toBe("8.50 kB");
    expect(bytes(10_977)).toBe("10,977 B (10.98 kB)");
    expect(times(0.934)).toBe("0.93×");
  });

  it("ratio divides by a positive base", () => {
    expect(ratio(9, 10)).toBe("0.90×");
    expect(ratio(30_113, 13_473)).toBe("2.24×");
    expect(() => ratio(1, 0)).toThrow(RangeError);
    expect(() => ratio(1, Number.NaN)).toThrow(RangeError);
  });
});

describe("goal", () => {
  it("a ceiling is met at or under the limit, and says by how much it is missed", () => {
    expect(goal(8000, 8000)).toEqual({ met: true, text: "met (8000 ≤ 8000)" });
    expect(goal(10_000, 8000)).toEqual({ met: false, text: "missed by 25% (10000 > 8000)" });
    expect(goal(1.003, 1, { show: times }).text).toBe("missed by 0.3% (1.00× > 1.00×)");
  });

  it("a floor is met at or over the limit", () => {
    expect(goal(0.95, 0.9, { higherIsBetter: true, show: times })).toEqual({ met: true, text: "met (0.95× ≥ 0.90×)" });
    expect(goal(0.45, 0.9, { higherIsBetter: true, show: times })).toEqual({
      met: false,
      text: "missed by 50% (0.45× < 0.90×)",
    });
  });
});

describe("table", () => {
  it("builds a markdown table with alignment, escaping pipes and newlines in cells", () => {
    expect(table(["a", "b"], [["x|y", 1]], "lr")).toBe("| a | b |\n| --- | ---: |\n| x\\|y | 1 |");
    expect(table(["a"], [["two\nlines"]])).toBe("| a |\n| --- |\n| two lines |");
  });

  it("refuses a row whose cell count differs from the header's", () => {
    expect(() => table(["a", "b"], [["only one"]])).toThrow(/1 cells, header has 2/);
  });
});
