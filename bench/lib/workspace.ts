// The bench's scratch space: a copy of the repository in a temporary directory, where it is
// compiled, built and measured, so that nothing the bench does writes into the repository or
// races other work in it. node_modules is linked, not copied.
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository the bench belongs to (no trailing slash). */
export const REPO = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");

/** A fresh empty temporary directory. */
export const scratch = (name: string): string => mkdtempSync(join(tmpdir(), `applivery-bench-${name}-`));

export const remove = (dir: string): void => rmSync(dir, { recursive: true, force: true });

/**
 * A copy of the repository in a temporary directory: the files of commit HEAD, or with
 * `workingTree` the working tree as it is (tracked and untracked files git does not ignore,
 * uncommitted changes included). node_modules is linked to the repository's.
 */
export function makeWorkspace({ workingTree = false } = {}): string {
  const dir = scratch("workspace");
  if (workingTree) {
    const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
      cwd: REPO,
      encoding: "utf8",
      maxBuffer: 64 << 20,
    });
    for (const file of new Set(listed.split("\0").filter(Boolean))) {
      const from = join(REPO, file);
      // A tracked file deleted in the working tree is listed but absent.
      if (!existsSync(from) || statSync(from).isDirectory()) continue;
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      cpSync(from, join(dir, file));
    }
  } else {
    const run = spawnSync(
      "bash",
      ["-c", 'set -o pipefail; git -C "$1" archive HEAD | tar -x -C "$2"', "bench", REPO, dir],
      {
        encoding: "utf8",
      },
    );
    if (run.status !== 0) throw new Error(`could not extract HEAD into ${dir}: ${run.stderr}`);
  }
  symlinkSync(join(REPO, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

/**
 * The generators the bench compares with are a package of their own (bench/generators/, which
 * `npm run bench` installs): command-line tools, never imported, so the bench's modules resolve
 * only the repository's packages. The rest are the repository's.
 */
const GENERATORS = join(REPO, "bench", "generators");
const generators = JSON.parse(readFileSync(join(GENERATORS, "package.json"), "utf8")) as {
  devDependencies: Record<string, string>;
};

/** The node_modules a package comes from: the generators' for theirs, the repository's otherwise. */
const nodeModules = (name: string): string =>
  join(name in generators.devDependencies ? GENERATORS : REPO, "node_modules");

/** `node_modules/.bin/<command>` of the repository, or of the generators' package. */
export const bin = (command: string, of: "repository" | "generators" = "repository"): string =>
  join(of === "generators" ? GENERATORS : REPO, "node_modules", ".bin", command);

/** The installed version of a package of the repository or of the generators. */
export function version(name: string): string {
  const manifest = JSON.parse(readFileSync(join(nodeModules(name), name, "package.json"), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

/** Files, bytes and lines of a file, or of every file under a directory. */
export function outputSize(path: string): { files: number; bytes: number; lines: number } {
  const files = statSync(path).isDirectory()
    ? readdirSync(path, { recursive: true, encoding: "utf8" })
        .map((file) => join(path, file))
        .filter((file) => statSync(file).isFile())
    : [path];
  const texts = files.map((file) => readFileSync(file, "utf8"));
  return {
    files: files.length,
    bytes: texts.reduce((n, text) => n + Buffer.byteLength(text), 0),
    lines: texts.reduce((n, text) => n + text.split("\n").length, 0),
  };
}
