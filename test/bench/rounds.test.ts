// bench/lib/rounds.ts: paired rounds. The structure is asserted (calls made, rounds kept, orders
// rotated), and that a round's figure is the CPU time of that contender's calls: a contender that
// spins for a known CPU time per call is measured at least that much. Never a wall-clock duration.
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
  for (const name of ["a", "b", "c"]) expect(result.cpuMs[name]).toHaveLength(3);
});

it("measures each contender's CPU time: 6 calls of 5 ms of CPU each are at least 30 ms a round", async () => {
  const spin = async () => {
    const start = process.cpuUsage();
    while (process.cpuUsage(start).user < 5_000) {
      // spinning: CPU time passes
    }
  };
  const result = await pairedRounds(
    [
      { name: "idle", call: async () => undefined },
      { name: "busy", call: spin },
    ],
    { warmupRounds: 0, rounds: 2, batches: 2, batchSize: 3 },
  );
  expect(result.cpuMs.busy).toHaveLength(2);
  for (const value of result.cpuMs.busy ?? []) expect(value).toBeGreaterThanOrEqual(30);
});

it("a contender that throws stops the run", async () => {
  const failing = { name: "broken", call: async () => Promise.reject(new Error("boom")) };
  await expect(pairedRounds([failing], { warmupRounds: 0, rounds: 1, batches: 1, batchSize: 1 })).rejects.toThrow(
    /boom/,
  );
});
