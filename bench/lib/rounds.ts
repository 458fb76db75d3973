// Runs contenders in paired rounds and measures each one's CPU time per round. Every round runs
// every contender for the same number of calls, one after another in an order that rotates from
// round to round; tinybench runs each contender's batches with a CPU-time clock, so a round's
// figure for a contender is the process CPU time (user + system, every thread: garbage collection
// included) its calls took.
import { Bench, type TimestampProvider } from "tinybench";
import { rotate } from "./paired.js";

export interface Contender {
  name: string;
  /** One call, awaited. */
  call: () => Promise<unknown>;
}

export interface RoundsOptions {
  /** Measured rounds. */
  rounds: number;
  /** Rounds run first and not kept (JIT warm-up). */
  warmupRounds: number;
  /** Calls per contender per round: `batches` batches of `batchSize` calls. */
  batches: number;
  batchSize: number;
  /** Called after each measured round (progress). */
  onRound?: (round: number) => void;
}

export interface RoundsResult {
  /** Per contender: CPU milliseconds of its calls in each measured round. */
  cpuMs: Record<string, number[]>;
  callsPerRound: number;
}

/** Process CPU time (user + system) in milliseconds, as a tinybench clock. */
const CPU_CLOCK: TimestampProvider = {
  name: "process.cpuUsage",
  fn: () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  },
  toMs: (value) => Number(value),
  fromMs: (value) => value,
};

async function round(contenders: readonly Contender[], index: number, options: RoundsOptions) {
  const bench = new Bench({
    name: `round ${index}`,
    timestampProvider: CPU_CLOCK,
    time: 0,
    iterations: options.batches,
    warmup: false,
    throws: true,
  });
  for (const { name, call } of rotate(contenders, index)) {
    bench.add(
      name,
      async () => {
        for (let i = 0; i < options.batchSize; i++) await call();
      },
      { async: true },
    );
  }
  await bench.run();
  return bench.tasks.map((task) => {
    const { result } = task;
    if (result.state !== "completed") throw new Error(`${task.name}: round ${index} ended ${result.state}`);
    return { name: task.name, cpuMs: result.totalTime };
  });
}

export async function pairedRounds(contenders: readonly Contender[], options: RoundsOptions): Promise<RoundsResult> {
  const cpuMs: Record<string, number[]> = Object.fromEntries(contenders.map((c) => [c.name, []]));
  for (let index = 0; index < options.warmupRounds + options.rounds; index++) {
    const results = await round(contenders, index, options);
    if (index < options.warmupRounds) continue;
    for (const result of results) {
      cpuMs[result.name]?.push(result.cpuMs);
    }
    options.onRound?.(index - options.warmupRounds + 1);
  }
  return { cpuMs, callsPerRound: options.batches * options.batchSize };
}
