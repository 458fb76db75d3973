// How a figure runs: each figure file exports `measure(workspace)` (returns plain JSON data) and
// `section(data)` (returns its markdown). bench/run.mjs runs every figure's measure() in a child
// process of its own, so in-process timings start from a fresh heap and JIT; run alone, a figure
// file prints its data: `node bench/calls.mjs <workspace>` (workspace: see lib/workspace.mjs).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** When `moduleUrl` is the script node was started with, runs `measure` and prints its JSON. */
export async function runIfMain(moduleUrl, measure) {
  if (process.argv[1] !== fileURLToPath(moduleUrl)) return;
  const workspace = process.argv[2];
  if (!workspace) throw new Error(`usage: node ${process.argv[1]} <workspace directory>`);
  process.stdout.write(JSON.stringify(await measure(workspace)));
}

/** Runs bench/<name>.mjs in a child process and returns the data it printed. */
export function measureInChild(name, workspace) {
  const file = fileURLToPath(new URL(`../${name}.mjs`, import.meta.url));
  const run = spawnSync(process.execPath, [file, workspace], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 << 20,
  });
  if (run.status !== 0) throw new Error(`bench/${name}.mjs exited with ${run.status ?? run.signal}`);
  return JSON.parse(run.stdout);
}

/** Progress on stderr (stdout carries the data). */
export const log = (message) => process.stderr.write(`  ${message}\n`);
