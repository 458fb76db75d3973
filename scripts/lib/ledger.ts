// The normalization ledger (spec/ledger.yaml): every decision taken about a garbled or silent page.
import { loadYaml } from "./spec.js";

/**
 * One difference between a page and the spec that an entry explains: where it is (a JSON pointer
 * into the operation), what kind of difference it is (bounds, enum, required, …) and the values the
 * page and the spec hold there. A difference whose pointer, kind or either value differs is not
 * explained by the item.
 */
export interface Explains {
  pointer: string;
  kind: string;
  /** The page's value at the pointer, as the drift check converts it; absent when the page holds none. */
  page?: unknown;
  /** The spec's value at the pointer, as the drift check normalizes it; absent when the spec holds none. */
  spec?: unknown;
}

/** How sure the evidence makes the decision. */
export type Confidence = "high" | "medium" | "low";

export interface LedgerEntry {
  id: string;
  kind: string;
  operations: string[];
  /** Where the decision applies in the spec (JSON pointers into the operations, as bundled). */
  pointers: string[];
  /** The differences between the pages and the spec it explains; none when it produces no difference. */
  explains?: Explains[];
  page_shows: string;
  spec_says: string;
  evidence: string;
  /** Public pages (URLs) or files of this repository the evidence rests on. */
  cites: string[];
  confidence?: Confidence;
}

export interface Ledger {
  kinds: Record<string, string>;
  entries: LedgerEntry[];
}

export const loadLedger = (relativePath = "spec/ledger.yaml"): Ledger => loadYaml<Ledger>(relativePath);
