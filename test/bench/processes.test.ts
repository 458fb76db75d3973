// bench/lib/processes.ts: timing commands, and reading the CPU time bash's `times` prints. No
// wall-clock duration is asserted; the CPU time of a command that spins for a known CPU time is.
import { describe, expect, it } from "vitest";
import { childCpuMs, summarize, timed } from "../../bench/lib/processes.js";

describe("childCpuMs", () => {
  it("adds the user and system time of the children (the last line of bash's times)", () => {
    expect(childCpuMs("noise\n0m0.010s 0m0.004s\n0m1.250s 0m0.250s\n")).toBe(1500);
    expect(childCpuMs("0m0.000s 0m0.000s\n2m3.500s 0m0.500s")).toBe(124_000);
  });

  it("fails when the output does not end with the times", () => {
    expect(() => childCpuMs("tsc: error TS2322\n")).toThrow(/no CPU times/);
  });
});

describe("timed", () => {
  it("returns the command's output with its wall and CPU time", () => {
    const run = timed("echo", ["hello"], { cwd: process.cwd() });
    expect(run.stdout).toBe("hello\n");
    expect(run.ms).toBeGreaterThan(0);
  });

  it("counts the CPU time of the command's process: one that spins for 300 ms of CPU is measured at least that", () => {
    const spin = "const start = process.cpuUsage(); while (process.cpuUsage(start).user < 300_000);";
    const run = timed(process.execPath, ["-e", spin], { cwd: process.cwd() });
    expect(run.cpuMs).toBeGreaterThanOrEqual(300);
  });

  it("throws with the command's output when it fails", () => {
    expect(() => timed("bash", ["-c", "echo broken >&2; exit 3"], { cwd: process.cwd() })).toThrow(
      /exited with 3:\nbroken/,
    );
  });
});

describe("summarize", () => {
  it("keeps every run and takes the medians", () => {
    const runs = [
      { ms: 30, cpuMs: 3 },
      { ms: 10, cpuMs: 1 },
      { ms: 20, cpuMs: 5 },
    ];
    expect(summarize(runs)).toEqual({ ms: 20, cpuMs: 3, runs: [30, 10, 20], cpuRuns: [3, 1, 5] });
  });
});
