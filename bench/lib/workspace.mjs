// The bench's scratch space: a copy of the repository in a temporary directory, so that timing
// the pipeline, compiling and running peer generators never writes into the repository (or races
// other work in it). node_modules is linked, not copied.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { childCpuMs, median } from "./stats.mjs";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));
const SKIP = new Set(["node_modules", ".git", "dist", "coverage", ".vitest-cache"]);

// Tools that phone home or print update notices are told not to, as scripts/lint.mjs does.
export const ENV = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" };

/** A fresh empty temporary directory. */
export const scratch = (name) => mkdtempSync(join(tmpdir(), `applivery-bench-${name}-`));

/**
 * A copy of the repository in a temporary directory: the files of commit HEAD, or with
 * `workingTree` the working tree as it is (uncommitted changes included). node_modules is linked.
 */
export function makeWorkspace({ workingTree = false } = {}) {
  const dir = scratch("workspace");
  if (workingTree) {
    cpSync(REPO, dir, { recursive: true, filter: (src) => !SKIP.has(basename(src)) || src === REPO });
  } else {
    const run = spawnSync("bash", ["-c", 'set -o pipefail; git -C "$1" archive HEAD | tar -x -C "$2"', "bench", REPO, dir], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`could not extract HEAD into ${dir}: ${run.stderr}`);
  }
  symlinkSync(join(REPO, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

export const remove = (dir) => rmSync(dir, { recursive: true, force: true });

/**
 * Runs a command to completion and returns its wall time and its CPU time (user + system, of the
 * command and its children) in milliseconds, and its stdout. CPU time is reported beside wall time
 * because this machine is shared: it moves less when other work competes for the two cores. Throws,
 * with the tail of the output, when the command exits non-zero: a failed step has no meaningful time.
 */
export function timed(command, args, { cwd, env = ENV } = {}) {
  // bash's `times` prints the CPU times of the shell and of its children, on stderr, last.
  const script = '"$@"; status=$?; times >&2; exit $status';
  const start = process.hrtime.bigint();
  const run = spawnSync("bash", ["-c", script, "bench", command, ...args], { cwd, env, encoding: "utf8", maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) {
    const output = `${run.stdout ?? ""}${run.stderr ?? ""}`.slice(-4000);
    throw new Error(`${command} ${args.join(" ")} (in ${cwd}) exited with ${run.status ?? run.signal}:\n${output}`);
  }
  return { ms, cpuMs: childCpuMs(run.stderr), stdout: run.stdout };
}

/** `node_modules/.bin/<name>` of the repository. */
export const bin = (name) => join(REPO, "node_modules", ".bin", name);

/** Files, bytes and lines of a generated file or of every file under a directory. */
export function outputSize(path) {
  const files = statSync(path).isDirectory()
    ? readdirSync(path, { recursive: true }).map((f) => join(path, f)).filter((f) => statSync(f).isFile())
    : [path];
  const text = files.map((f) => readFileSync(f, "utf8"));
  return {
    files: files.length,
    bytes: text.reduce((n, t) => n + Buffer.byteLength(t), 0),
    lines: text.reduce((n, t) => n + t.split("\n").length, 0),
  };
}

/** The installed version of a package of the repository's node_modules. */
export const version = (name) =>
  JSON.parse(readFileSync(join(REPO, "node_modules", name, "package.json"), "utf8")).version;

/** `timed` run `runs` times: the median wall and CPU times, and every run's. */
export function repeat(runs, command, args, options) {
  const all = Array.from({ length: runs }, () => timed(command, args, options));
  const wall = all.map((r) => r.ms);
  const cpu = all.map((r) => r.cpuMs);
  return { ms: median(wall), cpuMs: median(cpu), runs: wall, cpuRuns: cpu, stdout: all.at(-1).stdout };
}
