// Timing a command run to completion: wall time, and CPU time (user + system, of the command and
// every process it started). CPU time is reported beside wall time because the machine is shared:
// it moves less when other work competes for the cores.
import { spawnSync } from "node:child_process";
import { median } from "./stats.js";

/** The environment of timed commands: tools that phone home or print update notices are told not to. */
export const ENV: NodeJS.ProcessEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  NO_COLOR: "1",
};

/** The children's user + system time, from the last line of bash's `times` (`0m1.5s 0m0.2s`). */
export function childCpuMs(stderr: string): number {
  const last = stderr.trimEnd().split("\n").pop() ?? "";
  const times = [...last.matchAll(/(\d+)m([\d.]+)s/g)].map(([, m, s]) => (60 * Number(m) + Number(s)) * 1000);
  if (times.length !== 2) throw new Error(`no CPU times in the output of bash's times: ${JSON.stringify(last)}`);
  return (times[0] as number) + (times[1] as number);
}

export interface Timed {
  ms: number;
  cpuMs: number;
  stdout: string;
  /** The exit status (0 unless `allowFailure`). */
  status: number;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Return the timing of a command that exits non-zero instead of throwing. */
  allowFailure?: boolean;
}

/**
 * Runs `command args…` to completion. Throws, with the tail of its output, when it exits non-zero
 * (a failed step has no meaningful time), unless `allowFailure`.
 */
export function timed(
  command: string,
  args: readonly string[],
  { cwd, env = ENV, allowFailure = false }: RunOptions,
): Timed {
  // bash's `times` prints the CPU times of the shell and of its children, on stderr, last.
  const script = '"$@"; status=$?; times >&2; exit $status';
  const start = process.hrtime.bigint();
  const run = spawnSync("bash", ["-c", script, "bench", command, ...args], {
    cwd,
    env,
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0 && !(allowFailure && run.status !== null)) {
    const output = `${run.stdout ?? ""}${run.stderr ?? ""}`.slice(-4000);
    throw new Error(`${command} ${args.join(" ")} (in ${cwd}) exited with ${run.status ?? run.signal}:\n${output}`);
  }
  return { ms, cpuMs: childCpuMs(run.stderr), stdout: run.stdout, status: run.status ?? 0 };
}

export interface Repeated {
  /** Median wall time. */
  ms: number;
  /** Median CPU time. */
  cpuMs: number;
  /** Every run's wall time, in order. */
  runs: number[];
  /** Every run's CPU time, in order. */
  cpuRuns: number[];
}

/** Medians of several timings (each a {@link Timed}), with every run's. */
export function summarize(all: readonly Pick<Timed, "ms" | "cpuMs">[]): Repeated {
  const runs = all.map((r) => r.ms);
  const cpuRuns = all.map((r) => r.cpuMs);
  return { ms: median(runs), cpuMs: median(cpuRuns), runs, cpuRuns };
}
