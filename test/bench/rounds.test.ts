// bench/lib/rounds.ts: paired rounds. Only the structure is asserted (calls made, rounds kept,
// orders rotated), never a duration.
import { expect, it } from "vitest";
import { pairedRounds } from "../../bench/lib/rounds.js";

it("runs every contender for the same number of calls per round, in an order that rotates", async () => {
  const calls = { a: 0, b: 0, c: 0 };
  const order: string[] = [];
  const contender = (name: keyof typeof calls) => ({
    name,
    call: async () => {
      if (calls[name]++ % 6 === 0) order.push(name);
    },
  });
  const rounds: number[] = [];
  const result = await pairedRounds([contender("a"), contender("b"), contender("c")], {
    warmupRounds: 1,
    rounds: 3,
    batches: 2,
    batchSize: 3,
    onRound: (round) => rounds.push(round),
  });
  // Four rounds (one of warm-up) of 2 × 3 calls each.
  expect(calls).toEqual({ a: 24, b: 24, c: 24 });
  expect(order.join("")).toBe("abcbcacababc");
  expect(rounds).toEqual([1, 2, 3]);
  expect(result.callsPerRound).toBe(6);
  for (const name of ["a", "b", "c"]) {
    expect(result.cpuMs[name]).toHaveLength(3);
    for (const value of result.cpuMs[name] ?? []) expect(value).toBeGreaterThanOrEqual(0);
  }
});

it("a contender that throws stops the run", async () => {
  const failing = { name: "broken", call: async () => Promise.reject(new Error("boom")) };
  await expect(pairedRounds([failing], { warmupRounds: 0, rounds: 1, batches: 1, batchSize: 1 })).rejects.toThrow(
    /boom/,
  );
});
