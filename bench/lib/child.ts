// Each figure is measured in a child process of its own (bench/child.ts), so in-process timings
// start from a fresh heap and JIT and no figure's leftovers weigh on the next. The child prints the
// figure's data as JSON on stdout; progress goes to stderr.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Progress on stderr (stdout carries the data). */
export const log = (message: string): void => {
  process.stderr.write(`  ${message}\n`);
};

const CHILD = fileURLToPath(new URL("../child.ts", import.meta.url));

/**
 * Runs figure `name`'s measure in a child process (cwd: the workspace; `nodeFlags` given to node)
 * and returns the JSON it printed.
 */
export function measureInChild(name: string, workspace: string, nodeFlags: readonly string[] = []): unknown {
  const run = spawnSync(process.execPath, [...nodeFlags, "--import", "tsx", CHILD, name, workspace], {
    cwd: workspace,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 << 20,
  });
  if (run.status !== 0) throw new Error(`figure ${name} exited with ${run.status ?? run.signal}`);
  return JSON.parse(run.stdout) as unknown;
}
