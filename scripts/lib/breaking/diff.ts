// The comparison of two bundles: `redocly diff` (Redocly CLI, pinned in package.json) rates every
// change by the semver bump it needs, with the diff rules of redocly-diff.yaml. One rule is ours:
// every component is a key of the exported `components` type (and every schema a named type), so a
// component removed or renamed breaks an import, where Redocly rates it a patch.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unescapeToken } from "../json.js";
import type { Document } from "../openapi.js";
import { repoPath } from "../spec.js";
import { runToolAsync } from "../tools.js";

export type Impact = "major" | "minor" | "patch";

/** A change as Redocly's JSON report (`reportVersion` 1) gives it, the fields check:breaking reads. */
export interface Change {
  /** A JSON pointer into the revision (into the base for what was removed): `#/paths/~1x/post/…`. */
  path: string;
  kind: "added" | "removed" | "modified";
  impact: Impact;
  /** The keyword that changed, for `modified`. */
  property?: string;
  /** Why the change has its impact: the rules that matched it (none for a plain minor or patch). */
  verdicts: { ruleId: string; impact: Impact; message: string }[];
  /** Where the changed value is written (a shared component's own pointer, for one). */
  base?: { pointer: string };
  revision?: { pointer: string };
}

/** A change is breaking when it needs a major bump. */
export const isBreaking = (change: Change): boolean => change.impact === "major";

/** Redocly's diff rules, as check:breaking configures them. */
export const DIFF_CONFIG = repoPath("redocly-diff.yaml");

/** `redocly diff` on two files: every change, in Redocly's order. Throws when Redocly fails. */
export async function redoclyDiff(baseFile: string, revisionFile: string): Promise<Change[]> {
  const dir = mkdtempSync(join(tmpdir(), "applivery-diff-"));
  try {
    const out = join(dir, "diff.json");
    const args = ["diff", baseFile, revisionFile, "--config", DIFF_CONFIG, "--format", "json"];
    const result = await runToolAsync("redocly", [...args, "--fail-on", "none", "--output", out]);
    if (result.status !== 0) throw new Error(`redocly diff failed:\n${result.stderr}${result.stdout}`);
    return (JSON.parse(readFileSync(out, "utf8")) as { changes: Change[] }).changes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The component sections openapi-typescript exports as keys of `components`. */
const EXPORTED = ["schemas", "parameters", "responses"] as const;

/** Redocly's changes with ours applied: a component that is gone is a major change. */
export function withExportedNames(changes: Change[], before: Document, after: Document): Change[] {
  const result = changes.map((change) => ({ ...change }));
  for (const section of EXPORTED) {
    const kept = new Set(Object.keys(after.components?.[section] ?? {}));
    for (const name of Object.keys(before.components?.[section] ?? {})) {
      if (kept.has(name)) continue;
      const path = `#/components/${section}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      let change = result.find((c) => c.path === path && c.kind === "removed");
      if (!change) {
        change = { path, kind: "removed", impact: "patch", verdicts: [] };
        result.push(change);
      }
      change.impact = "major";
      change.verdicts.push({
        ruleId: "exported-name-removed",
        impact: "major",
        message: `components.${section}.${name} is an exported type: removing or renaming it breaks an import.`,
      });
    }
  }
  return result;
}

/** Every change from `before` to `after`, rated by Redocly and by our rule. */
export async function diffBundles(before: Document, after: Document): Promise<Change[]> {
  const dir = mkdtempSync(join(tmpdir(), "applivery-breaking-"));
  try {
    const [baseFile, revisionFile] = [join(dir, "base.json"), join(dir, "revision.json")];
    writeFileSync(baseFile, JSON.stringify(before));
    writeFileSync(revisionFile, JSON.stringify(after));
    return withExportedNames(await redoclyDiff(baseFile, revisionFile), before, after);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/**
 * Where a change is: its operation (`operationId (POST /path)`, from whichever document has it), a
 * path item (`/path`), or `(document)`; and the rest of its pointer, as Redocly prints it.
 */
export function place(change: Change, before: Document, after: Document): { group: string; at: string } {
  const tokens = change.path.replace(/^#\//, "").split("/").map(unescapeToken);
  if (tokens[0] !== "paths" || tokens[1] === undefined) return { group: DOCUMENT, at: tokens.join("/") };
  const [, path, method = "", ...rest] = tokens;
  if (!METHODS.has(method)) return { group: path, at: [method, ...rest].filter(Boolean).join("/") };
  const operationId = (after.paths[path]?.[method as "get"] ?? before.paths[path]?.[method as "get"])?.operationId;
  return { group: `${operationId ?? "(no operationId)"} (${method.toUpperCase()} ${path})`, at: rest.join("/") };
}

/** The group of changes outside `paths`. */
export const DOCUMENT = "(document)";
