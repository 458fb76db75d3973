// bench/lib/paired.ts: round orders and per-round ratios.
import { describe, expect, it } from "vitest";
import { pairedRatios, rotate, roundRatios } from "../../bench/lib/paired.js";

describe("rotate", () => {
  it("starts each round one place further on, so every contender takes every place", () => {
    const names = ["a", "b", "c"];
    expect([0, 1, 2, 3].map((round) => rotate(names, round).join(""))).toEqual(["abc", "bca", "cab", "abc"]);
    expect(rotate([], 5)).toEqual([]);
    expect(names).toEqual(["a", "b", "c"]);
  });
});

describe("paired ratios", () => {
  it("divides round by round", () => {
    expect(roundRatios([10, 20], [5, 40])).toEqual([2, 0.5]);
  });

  it("gives each contender's calls per unit of cost relative to the base, per round", () => {
    const cost = { bare: [100, 200, 150], fast: [50, 100, 150], slow: [200, 400, 300] };
    expect(pairedRatios(cost, "bare")).toEqual({ bare: [1, 1, 1], fast: [2, 2, 1], slow: [0.5, 0.5, 0.5] });
  });

  it("a round slow for everyone does not move the ratios (which separate medians would)", () => {
    const cost = { bare: [100, 1000], ours: [125, 1250] };
    expect(pairedRatios(cost, "bare").ours).toEqual([0.8, 0.8]);
  });

  it("refuses unpaired rounds, a missing base and a cost that is not positive", () => {
    expect(() => roundRatios([1, 2], [1])).toThrow(RangeError);
    expect(() => pairedRatios({ a: [1] }, "b")).toThrow(/no contender named b/);
    expect(() => pairedRatios({ a: [1], b: [0] }, "a")).toThrow(/round 1/);
  });
});
