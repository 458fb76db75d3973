// The npm scripts' command lines: --help prints the script's usage, an unknown option is an error
// naming it (scripts/lib/cli.ts). Proved once on check:drift; every other entry point parses its
// arguments the same way, strictly.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { repoPath } from "../../scripts/lib/spec.js";

const drift = (arg: string) =>
  spawnSync(process.execPath, ["--import", "tsx", "scripts/check-drift.ts", arg], {
    cwd: repoPath(""),
    encoding: "utf8",
  });

it("check:drift -- --help prints its usage; an unknown option fails, naming it", () => {
  const help = drift("--help");
  expect(help.status, help.stderr).toBe(0);
  expect(help.stdout).toContain("npm run check:drift -- --list");
  const unknown = drift("--lsit");
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toContain("'--lsit'");
});

it("every script entry point parses its arguments strictly", () => {
  const entries = [
    ...readdirSync(repoPath("scripts"))
      .filter((file) => file.endsWith(".ts"))
      .map((file) => `scripts/${file}`),
    "bench/run.ts",
  ];
  const loose = entries.filter((file) => {
    const source = readFileSync(repoPath(file), "utf8");
    return !/scriptArgs\(|parseArgs\(\{[^;]*strict: true/.test(source);
  });
  expect(loose).toEqual([]);
});
