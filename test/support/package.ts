// Packing the package as a user gets it: compile, then `npm pack` into a directory.
import { spawnSync } from "node:child_process";
import { repoPath } from "../../scripts/lib/spec.js";

const ROOT_DIR = repoPath("");

const ENV = {
  ...process.env,
  npm_config_update_notifier: "false",
  npm_config_fund: "false",
  npm_config_audit: "false",
};

export interface Run {
  status: number | null;
  stdout: string;
  /** stdout and stderr together, for assertion messages. */
  output: string;
}

export function run(command: string, args: string[], cwd = ROOT_DIR, env: Record<string, string> = {}): Run {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...ENV, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, output: `${result.stdout}\n${result.stderr}` };
}

/** Compiles src/ and generated/ to dist/ (what `prepare` does). */
export function compile(): Run {
  return run(process.execPath, [repoPath("node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"]);
}

export interface Packed {
  filename: string;
  files: { path: string }[];
}

/** `npm pack` of the repository (scripts skipped: compile first); `--dry-run` to list only. */
export function pack(args: string[]): Packed {
  const result = run("npm", ["pack", "--json", "--ignore-scripts", ...args]);
  if (result.status !== 0) throw new Error(`npm pack failed:\n${result.output}`);
  const [packed] = JSON.parse(result.stdout) as Packed[];
  if (!packed) throw new Error("npm pack printed no result");
  return packed;
}
