// check:breaking's output: the changes grouped by operation, one line each, `BREAKING` or `ok`,
// what changed, the old and new values and the pointer.
import type { ReleaseVerdict } from "./changesets.js";
import type { Base } from "./git.js";
import { type Change, DOCUMENT } from "./model.js";

const MAX_VALUE = 160;

/** A value as the report prints it: JSON, `(absent)` for none, cut when long. */
function show(value: unknown): string {
  if (value === undefined) return "(absent)";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** One change as a line: `BREAKING  body field displayName: maxLength tightened: 128 → 64  [pointer]`. */
const line = (change: Change): string =>
  `  ${change.breaking ? "BREAKING" : "ok      "}  ${change.field}: ${change.what}: ${show(change.before)} → ${show(change.after)}  [${change.pointer || "/"}]`;

/** Every change, grouped by operation (document-wide changes first), then the summary and the verdict. */
export function report(changes: Change[], base: Base, verdict: ReleaseVerdict): string[] {
  const lines = [`check:breaking: the spec at ${base.ref} (${base.why}) → the working tree`];
  if (changes.length === 0) {
    lines.push("no change to operations, parameters, bodies, responses, permissions, servers or type names");
    return lines;
  }
  const groups = new Map<string, Change[]>();
  for (const change of changes) groups.set(change.operation, [...(groups.get(change.operation) ?? []), change]);
  const order = [...groups.keys()].sort((a, b) => (a === DOCUMENT ? -1 : b === DOCUMENT ? 1 : 0));
  for (const operation of order) {
    lines.push("", operation);
    for (const change of groups.get(operation) ?? []) lines.push(line(change));
  }
  const breaking = changes.filter((change) => change.breaking).length;
  lines.push("", `${changes.length} change(s), ${breaking} breaking for users of the types and the client.`);
  if (breaking > 0) lines.push(`${verdict.breakingAllowed ? "Allowed" : "Not allowed"}: ${verdict.reason}.`);
  return lines;
}
