// The package as a user gets it: compiled, packed with `npm pack`, and installed from the tarball
// into a project of its own. The global setup packs and installs once per run (`installPackage`);
// tests read the install with `inject("install")`, work in a directory of their own inside it
// (`workspace`), and a test that needs more packages installs them into a copy (`projectWith`).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
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

/**
 * The run's install of the packed tarball: `dir` is a project (package.json type module) whose
 * node_modules holds the package and its dependencies only (no msw, no @types/node); `tarball` is the
 * packed file beside it, `files` what `npm pack` put in it.
 */
export interface Install {
  dir: string;
  tarball: string;
  files: string[];
}

function npmInstall(dir: string, specs: string[]): void {
  const installed = run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", ...specs], dir);
  if (installed.status !== 0) throw new Error(`npm install ${specs.join(" ")} failed:\n${installed.output}`);
}

/** Packs the compiled package (scripts skipped: compile first) and installs it into a new project. */
export function installPackage(): Install {
  const root = mkdtempSync(join(tmpdir(), "applivery-package-"));
  const packed = run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", root]);
  if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.output}`);
  const [result] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  if (!result) throw new Error("npm pack printed no result");
  const dir = join(root, "consumer");
  mkdirSync(dir);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  // From a sibling directory, so that a copy of the project (projectWith) finds the tarball too.
  npmInstall(dir, [`../${result.filename}`]);
  return { dir, tarball: join(root, result.filename), files: result.files.map((f) => f.path).sort() };
}

/** Removes the install: the project, the tarball and every copy beside them. */
export function removeInstall(install: Install): void {
  rmSync(join(install.dir, ".."), { recursive: true, force: true });
}

/**
 * A new, empty directory `name` inside the install: node and tsc resolve `applivery-mdm-openapi`
 * from it as from the project itself, and no two tests write into the same place.
 */
export function workspace(install: Install, name: string): string {
  const dir = join(install.dir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  return dir;
}

/**
 * A copy of the install beside it, named `name`, with `packages` added by `npm install` (for
 * example `["msw@2.15.0"]`, or msw 3 in another copy): the tarball is not packed or resolved again,
 * and the shared install stays as it was. Returns the copy's directory.
 */
export function projectWith(install: Install, name: string, packages: string[]): string {
  const dir = join(install.dir, "..", name);
  if (basename(dir) !== name || existsSync(dir)) throw new Error(`projectWith: ${name} is not a new sibling name`);
  mkdirSync(dir);
  for (const entry of ["package.json", "package-lock.json", "node_modules"]) {
    cpSync(join(install.dir, entry), join(dir, entry), { recursive: true, verbatimSymlinks: true });
  }
  npmInstall(dir, packages);
  return dir;
}
