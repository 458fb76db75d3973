// What BENCHMARKS.md says about the run: the machine, how busy it was, and which tree was measured.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { table } from "./format.js";
import { REPO } from "./workspace.js";

/** The 1, 5 and 15 minute load averages. */
export const loadAverage = (): string =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" / ");

const git = (...args: string[]) => execFileSync("git", args, { cwd: REPO, encoding: "utf8" });

export interface Tree {
  /** One line for the machine table. */
  summary: string;
  /** The files that differ from the commit, when the working tree was measured. */
  changed: string[];
}

/** The measured tree: commit HEAD, or the working tree and what in it is not committed. */
export function describeTree(workingTree: boolean): Tree {
  const commit = `commit ${git("rev-parse", "--short", "HEAD").trim()}`;
  if (!workingTree) return { summary: `${commit} (committed files only)`, changed: [] };
  // Each line is two status letters, a space and the path (untrimmed: the first letter may be a space).
  const changed = git("status", "--porcelain", "--untracked-files=all")
    .split("\n")
    .filter(Boolean)
    .map((line) => line.slice(3));
  const summary =
    changed.length === 0
      ? `the working tree at ${commit} (no uncommitted changes)`
      : `the working tree at ${commit}, with ${changed.length} uncommitted or untracked files (listed below)`;
  return { summary, changed };
}

export function machineTable(loadAtStart: string, tree: string): string {
  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? "unknown";
  return table(
    ["", "this run"],
    [
      ["CPU", `${cpuModel} (from /proc/cpuinfo), ${os.availableParallelism()} cores`],
      ["memory", `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`],
      ["OS", `${os.type()} ${os.release()} ${os.arch()}`],
      ["Node", process.version],
      ["load average (1 / 5 / 15 min)", `${loadAtStart} at the start, ${loadAverage()} at the end`],
      ["date", new Date().toISOString()],
      ["tree", tree],
    ],
  );
}
