// check:breaking's output: the changes grouped by operation (document-wide changes first), one line
// each, `BREAKING` or the bump it needs, where it is, and below it each rule's message.
import type { Document } from "../openapi.js";
import type { ReleaseVerdict } from "./changesets.js";
import { type Change, DOCUMENT, isBreaking, place } from "./diff.js";
import type { Base } from "./git.js";

/**
 * `  BREAKING  modified  requestBody/…/language · enum  [#/components/schemas/Language/enum]`, then
 * `      Enum of `language` lost values: 'ru'. (enum-values-removed)`. A change to a shared component
 * is listed once, under the first operation that uses it; the pointer says where it is written.
 */
function lines(change: Change, at: string): string[] {
  const mark = isBreaking(change) ? "BREAKING" : change.impact.padEnd(8);
  const property = change.property ? ` · ${change.property}` : "";
  const pointer = (change.revision ?? change.base)?.pointer;
  const shared = pointer?.startsWith("#/components/") && !change.path.startsWith("#/components/");
  const written = shared ? `  [${pointer}]` : "";
  const head = `  ${mark}  ${change.kind.padEnd(8)}  ${at || "/"}${property}${written}`;
  return [head, ...change.verdicts.map((verdict) => `      ${verdict.message} (${verdict.ruleId})`)];
}

/** Every change, grouped, then the summary and the verdict. */
export function report(changes: Change[], before: Document, after: Document, base: Base, verdict: ReleaseVerdict) {
  const out = [`check:breaking: the spec at ${base.ref} (${base.why}) → the working tree`];
  if (changes.length === 0) {
    out.push("no change (redocly diff)");
    return out;
  }
  const groups = new Map<string, string[]>([[DOCUMENT, []]]);
  for (const change of changes) {
    const { group, at } = place(change, before, after);
    groups.set(group, [...(groups.get(group) ?? []), ...lines(change, at)]);
  }
  for (const [group, text] of groups) if (text.length > 0) out.push("", group, ...text);
  const breaking = changes.filter(isBreaking).length;
  out.push("", `${changes.length} change(s), ${breaking} breaking for users of the types and the client.`);
  if (breaking > 0) out.push(`${verdict.breakingAllowed ? "Allowed" : "Not allowed"}: ${verdict.reason}.`);
  return out;
}
