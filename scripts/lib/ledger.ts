// The normalization ledger (spec/ledger.yaml): every decision taken about a garbled or silent page.
import { loadYaml } from "./spec.js";

export interface LedgerEntry {
  id: string;
  kind: string;
  operations: string[];
  pointers: string[];
  page_shows: string;
  spec_says: string;
  evidence: string;
  /** `none`: a decision that produces no difference between the converted page and the spec. */
  drift?: "none";
}

export interface Ledger {
  kinds: Record<string, string>;
  entries: LedgerEntry[];
}

export const loadLedger = (relativePath = "spec/ledger.yaml"): Ledger => loadYaml<Ledger>(relativePath);
