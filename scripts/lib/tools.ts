// Running the command-line tools of node_modules/.bin (Redocly, Spectral, Prism) quietly.
import { execFile, type SpawnSyncReturns, spawnSync } from "node:child_process";
import { repoPath } from "./spec.js";

/** The environment for Redocly: no telemetry, no update notice. */
const TOOL_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
};

/** The path of a tool installed in the repository's node_modules/.bin. */
export const bin = (name: string): string => repoPath(`node_modules/.bin/${name}`);

/** Runs a node_modules tool to completion in `cwd` (default: the repository root). */
export function runTool(name: string, args: string[], cwd = repoPath("")): SpawnSyncReturns<string> {
  return spawnSync(bin(name), args, { cwd, encoding: "utf8", env: TOOL_ENV, maxBuffer: 64 * 1024 * 1024 });
}

/** Runs a node_modules tool in `cwd`; resolves to its output whatever its exit code. */
export function runToolAsync(
  name: string,
  args: string[],
  cwd = repoPath(""),
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      bin(name),
      args,
      { cwd, encoding: "utf8", env: TOOL_ENV, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === "number" ? error.code : error ? 1 : 0;
        resolve({ status: code, stdout, stderr });
      },
    );
  });
}
