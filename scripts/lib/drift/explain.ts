// Matching the differences between the pages and the spec to the ledger entries that explain them.
import { same } from "../json.js";
import type { Explains, LedgerEntry } from "../ledger.js";
import { DIFFERENCE_KINDS, type Difference } from "./compare.js";

export interface Explained extends Difference {
  /** The ids of the entries that explain it; empty when none does. */
  explainedBy: string[];
}

/** One `explains` item of one entry that matches no difference. */
export interface StaleItem {
  entry: LedgerEntry;
  item: Explains;
}

export interface Explanation {
  differences: Explained[];
  unexplained: Explained[];
  /** `explains` items that explain nothing: the spec changed there, or the page did. */
  stale: StaleItem[];
  problems: string[];
}

/**
 * Whether one `explains` item of an entry names a difference: same pointer, same kind, and the
 * values the page and the spec hold there. An item that states no `spec` (or `page`) value names
 * only a difference where that side holds nothing (a constraint the page prints and the spec
 * drops, or the reverse), so a value changed on either side is never explained by an item that
 * does not say it.
 */
export function names(item: Explains, d: Difference): boolean {
  if (item.pointer !== d.pointer || item.kind !== d.kind) return false;
  const holds = (key: "page" | "spec", value: unknown) => (key in item ? same(item[key], value) : value === undefined);
  return holds("page", d.source) && holds("spec", d.spec);
}

/**
 * An entry explains a difference when it lists the difference's operation and one of its
 * `explains` items names the difference (see {@link names}). Every difference must be explained;
 * every `explains` item must explain at least one difference. An entry without `explains` records
 * a decision that produces no difference (a printed value that carries no information, a judgement
 * that agrees with the page, an example fix). An item shared by several operations stays current as
 * long as it explains a difference in one of them; generated/ledger.md lists, under each item, the
 * operations where it does, so a difference that vanishes from one operation changes that file.
 */
export function explain(found: Difference[], entries: LedgerEntry[]): Explanation {
  const problems: string[] = [];
  const kinds = new Set<string>(DIFFERENCE_KINDS);
  for (const entry of entries) {
    for (const item of entry.explains ?? []) {
      if (typeof item.pointer !== "string" || !kinds.has(item.kind)) {
        problems.push(
          `ledger entry ${entry.id}: explains ${JSON.stringify(item)} needs a pointer and one of the kinds ${[...kinds].join(", ")}`,
        );
      }
    }
  }
  const used = new Set<Explains>();
  const differences: Explained[] = found.map((d) => {
    const explainedBy: string[] = [];
    for (const entry of entries) {
      if (!entry.operations.includes(d.operation)) continue;
      const matching = (entry.explains ?? []).filter((item) => names(item, d));
      for (const item of matching) used.add(item);
      if (matching.length > 0) explainedBy.push(entry.id);
    }
    return { ...d, explainedBy };
  });
  const stale = entries.flatMap((entry) =>
    (entry.explains ?? []).filter((item) => !used.has(item)).map((item) => ({ entry, item })),
  );
  return {
    differences,
    unexplained: differences.filter((d) => d.explainedBy.length === 0),
    stale,
    problems,
  };
}
