// Matching the differences between the pages and the spec to the ledger entries that explain them.
import type { LedgerEntry } from "../ledger.js";
import type { SpecOperation } from "../openapi.js";
import { resolvePointer } from "../spec.js";
import type { Difference } from "./compare.js";
import type { Source } from "./sources.js";

export interface Explained extends Difference {
  /** The ids of the entries that explain it; empty when none does. */
  explainedBy: string[];
}

export interface Explanation {
  differences: Explained[];
  unexplained: Explained[];
  /** Entries that explain nothing (and are not marked `drift: none`). */
  stale: LedgerEntry[];
  /** Entries marked `drift: none` that name an anchor of a difference. */
  falselyNone: { entry: LedgerEntry; explained: Explained[] }[];
  /** Pointers of entries that explain nothing where the page documents that part of the operation. */
  idle: { entry: LedgerEntry; pointer: string }[];
  problems: string[];
}

/**
 * An entry explains a difference when it lists the difference's operation and names its most
 * specific anchor that any entry names: an entry on a field's `…/enum` explains the enum
 * difference, and an entry on the whole field only what no more precise entry explains. Every
 * difference must be explained. Every entry must explain at least one, except entries marked
 * `drift: none` (a printed value or a judgement that produces no structural difference), which must
 * not name any anchor of any difference. A pointer of an entry that explains nothing, where the page
 * documents that part of the operation (`documented(operationId, pointer)`), is idle: a partly stale
 * entry.
 */
export function explain(
  found: Difference[],
  entries: LedgerEntry[],
  documented: (operationId: string, pointer: string) => boolean = () => true,
): Explanation {
  const problems: string[] = [];
  for (const entry of entries) {
    if (entry.drift !== undefined && entry.drift !== "none") {
      problems.push(`ledger entry ${entry.id}: drift must be "none" or absent, not ${JSON.stringify(entry.drift)}`);
    }
  }
  const names = (entry: LedgerEntry, d: Difference, anchor: string) =>
    entry.operations.includes(d.operation) && entry.pointers.includes(anchor);
  const used = new Map(entries.map((entry) => [entry.id, new Set<string>()])); // the pointers of each entry that explain something
  const differences: Explained[] = found.map((d) => {
    for (const anchor of d.anchors) {
      const matching = entries.filter((entry) => entry.drift !== "none" && names(entry, d, anchor));
      if (matching.length === 0) continue;
      for (const entry of matching) used.get(entry.id)?.add(anchor);
      return { ...d, explainedBy: matching.map((entry) => entry.id) };
    }
    return { ...d, explainedBy: [] };
  });
  const stale: LedgerEntry[] = [];
  const falselyNone: Explanation["falselyNone"] = [];
  const idle: Explanation["idle"] = [];
  for (const entry of entries) {
    const pointers = used.get(entry.id) ?? new Set();
    if (entry.drift === "none") {
      const explained = differences.filter((d) => d.anchors.some((anchor) => names(entry, d, anchor)));
      if (explained.length > 0) falselyNone.push({ entry, explained });
    } else if (pointers.size === 0) stale.push(entry);
    else {
      for (const pointer of entry.pointers) {
        if (!pointers.has(pointer) && entry.operations.some((op) => documented(op, pointer)))
          idle.push({ entry, pointer });
      }
    }
  }
  return {
    differences,
    unexplained: differences.filter((d) => d.explainedBy.length === 0),
    stale,
    falselyNone,
    idle,
    problems,
  };
}

/**
 * Whether a page documents the part of its operation a pointer names (so a difference there would
 * be seen): the pointer resolves in the operation and lies in a part the page prints, i.e. not in
 * examples and not in a response the page prints without a field list.
 */
export function documentedBy(op: SpecOperation, source: Source, pointer: string): boolean {
  if (resolvePointer(op.operation, pointer) === undefined) return false;
  if (/\/examples?(\/|$)/.test(pointer)) return false;
  const response = /^\/responses\/([^/]+)/.exec(pointer);
  if (response?.[1]) return source.responses !== null && response[1] in source.responses;
  if (pointer.startsWith("/requestBody")) return source.requestBody !== null;
  return true;
}
