// The spec as it stood at a git ref: which ref a release is compared with, and the bundle and the
// package.json of that ref, read with git alone (no checkout, the working tree is left alone).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleSpec } from "../bundle.js";
import type { Document } from "../openapi.js";

const git = (root: string, args: string[]): string =>
  execFileSync("git", args, {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });

/** The ref's commit id; throws a readable error when git does not know the ref. */
export function resolveRef(root: string, ref: string): string {
  try {
    return git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]).trim();
  } catch {
    throw new Error(`git does not know the ref "${ref}" in ${root}`);
  }
}

/** The ref a release is compared with; `released` is false when nothing has been released yet. */
export interface Base {
  ref: string;
  why: string;
  released: boolean;
}

/**
 * What a release is compared with: the newest tag `v*` reachable from HEAD, or, when no release
 * has been tagged yet, the repository's first commit.
 */
export function defaultBase(root: string): Base {
  try {
    const tag = git(root, ["describe", "--tags", "--abbrev=0", "--match", "v*"]).trim();
    if (tag) return { ref: tag, why: "the last release tag", released: true };
  } catch {
    // No tag: fall through to the first commit.
  }
  const roots = git(root, ["rev-list", "--max-parents=0", "HEAD"]).trim().split("\n");
  const first = roots[roots.length - 1];
  if (!first) throw new Error(`${root} has no commit`);
  return { ref: first, why: "no release tag yet: the first commit", released: false };
}

/** Whether the repository has the tag `name`. */
export function hasTag(root: string, name: string): boolean {
  try {
    git(root, ["rev-parse", "--verify", "--quiet", `refs/tags/${name}`]);
    return true;
  } catch {
    return false;
  }
}

/** A file of the ref, or `undefined` when the ref does not have it. */
export function fileAtRef(root: string, ref: string, path: string): string | undefined {
  try {
    return git(root, ["show", `${resolveRef(root, ref)}:${path}`]);
  } catch {
    return undefined;
  }
}

/**
 * The spec of `ref`, bundled in memory: spec/ and redocly.yaml of that ref are extracted with
 * `git archive` into a temporary directory and bundled there. A ref without redocly.yaml is
 * bundled with an empty configuration.
 */
export async function bundleAtRef(root: string, ref: string): Promise<Document> {
  const commit = resolveRef(root, ref);
  const dir = mkdtempSync(join(tmpdir(), "applivery-breaking-"));
  try {
    const present = git(root, ["ls-tree", "--name-only", commit, "spec", "redocly.yaml"]).trim().split("\n");
    if (!present.includes("spec")) throw new Error(`${ref} has no spec/ directory`);
    const archive = execFileSync("git", ["archive", "--format=tar", commit, ...present.filter(Boolean)], {
      cwd: root,
      maxBuffer: 256 * 1024 * 1024,
    });
    execFileSync("tar", ["-x", "-C", dir], { input: archive });
    const config = join(dir, "redocly.yaml");
    if (!existsSync(config)) writeFileSync(config, "{}\n");
    const rootFile = join(dir, "spec", "openapi.yaml");
    if (!existsSync(rootFile)) throw new Error(`${ref} has no spec/openapi.yaml`);
    return await bundleSpec(rootFile, config);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
