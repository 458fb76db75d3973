// The comparison of two bundles: `redocly diff` (Redocly CLI, pinned in package.json) rates every
// change by the semver bump it needs, with the diff rules of redocly-diff.yaml. Three rules are ours,
// where the README's version table is stricter than Redocly (which rates each a minor or a patch):
// a component removed or renamed breaks an import (every component is a key of the exported
// `components` type, every schema a named type); a success status added changes an operation's
// result type; a required request body added to an operation that had none breaks every call.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unescapeToken } from "../json.js";
import { type Document, METHODS as METHOD_LIST } from "../openapi.js";
import { deref, followRef, repoPath } from "../spec.js";
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

const METHODS = new Set<string>(METHOD_LIST);

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

/** `change` rated major by a rule of ours. */
function breaks(change: Change, ruleId: string, message: string): void {
  change.impact = "major";
  change.verdicts.push({ ruleId, impact: "major", message });
}

/** A pointer's tokens, unescaped: `#/paths/~1x/post` → `["paths", "/x", "post"]`. */
const tokensOf = (pointer: string): string[] => pointer.replace(/^#\//, "").split("/").map(unescapeToken);

/** Redocly's changes (copied, not altered) with our rules applied. */
export function withOurRules(changes: Change[], before: Document, after: Document): Change[] {
  const result = changes.map((change) => ({ ...change, verdicts: [...change.verdicts] }));
  // A component that is gone.
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
      const message = `components.${section}.${name} is an exported type: removing or renaming it breaks an import.`;
      breaks(change, "exported-name-removed", message);
    }
  }
  for (const change of result) {
    if (change.kind !== "added") continue;
    const [section, , method = "", field, status, ...deeper] = tokensOf(change.path);
    if (section !== "paths" || !METHODS.has(method) || deeper.length > 0) continue;
    // A success status added: the operation's result type gains a member.
    if (field === "responses" && status?.startsWith("2")) {
      breaks(change, "success-status-added", `Success status \`${status}\` was added: the result type changes.`);
    }
    // A required request body where there was none: every existing call lacks it.
    if (field === "requestBody" && status === undefined) {
      const body = deref(followRef(after, change.path), after) as { required?: boolean };
      if (body.required === true) breaks(change, "required-request-body-added", "A required request body was added.");
    }
  }
  return result;
}

/** Every change from `before` to `after`, rated by Redocly and by our rules. */
export async function diffBundles(before: Document, after: Document): Promise<Change[]> {
  const dir = mkdtempSync(join(tmpdir(), "applivery-breaking-"));
  try {
    const [baseFile, revisionFile] = [join(dir, "base.json"), join(dir, "revision.json")];
    writeFileSync(baseFile, JSON.stringify(before));
    writeFileSync(revisionFile, JSON.stringify(after));
    return withOurRules(await redoclyDiff(baseFile, revisionFile), before, after);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Where a change is: its operation (`operationId (POST /path)`, from whichever document has it), a
 * path item (`/path`), or `(document)`; and the rest of its pointer, as Redocly prints it.
 */
export function place(change: Change, before: Document, after: Document): { group: string; at: string } {
  const tokens = tokensOf(change.path);
  if (tokens[0] !== "paths" || tokens[1] === undefined) return { group: DOCUMENT, at: tokens.join("/") };
  const [, path, method = "", ...rest] = tokens;
  if (!METHODS.has(method)) return { group: path, at: [method, ...rest].filter(Boolean).join("/") };
  const operationId = (after.paths[path]?.[method as "get"] ?? before.paths[path]?.[method as "get"])?.operationId;
  return { group: `${operationId ?? "(no operationId)"} (${method.toUpperCase()} ${path})`, at: rest.join("/") };
}

/** The group of changes outside `paths`. */
export const DOCUMENT = "(document)";
