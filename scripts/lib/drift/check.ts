// The source-drift check as a whole: every page (spec/sources/) against its operation in a bundle,
// each difference matched to the ledger, and the result as lines of text.
import type { Ledger } from "../ledger.js";
import type { Document } from "../openapi.js";
import { operations } from "../spec.js";
import { compareOperation, type Difference } from "./compare.js";
import { documentedBy, type Explained, type Explanation, explain } from "./explain.js";
import type { Source } from "./sources.js";

export interface DriftResult extends Explanation {
  ok: boolean;
}

export function checkDrift({
  bundle,
  sources,
  ledger,
}: {
  bundle: Document;
  sources: Record<string, Source>;
  ledger: Ledger;
}): DriftResult {
  const ops = operations(bundle);
  const problems: string[] = [];
  const found: Difference[] = [];
  for (const op of ops) {
    const source = sources[op.operationId];
    if (!source) problems.push(`${op.operationId}: no page in spec/sources/`);
    else found.push(...compareOperation(op, source, bundle));
  }
  for (const id of Object.keys(sources)) {
    if (!ops.some((op) => op.operationId === id))
      problems.push(`spec/sources/${id}.json: no such operation in the spec`);
  }
  const byId = new Map(ops.map((op) => [op.operationId, op]));
  const documented = (id: string, pointer: string) => {
    const op = byId.get(id);
    const source = sources[id];
    return op !== undefined && source !== undefined && documentedBy(op, source, pointer);
  };
  const result = explain(found, ledger.entries, documented);
  result.problems.unshift(...problems);
  const ok = [result.unexplained, result.stale, result.falselyNone, result.idle, result.problems].every(
    (list) => list.length === 0,
  );
  return { ...result, ok };
}

/** Counts by a key function (a list counts in each of its keys), largest first. */
export function countBy<T>(items: T[], key: (item: T) => string | string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) for (const k of [key(item)].flat()) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

const show = (value: unknown) => (value === undefined ? "(nothing)" : JSON.stringify(value));

/** One difference on one line: operation, pointer, kind, both values. */
export const describeDifference = (d: Difference): string =>
  `${d.operation} ${d.pointer || '""'} [${d.kind}] page: ${show(d.source)}, spec: ${show(d.spec)}`;

/** The check's report as lines of text; `list` adds every difference with the entries that explain it. */
export function report(result: DriftResult, ledger: Ledger, { list = false } = {}): string[] {
  const { differences } = result;
  const drifting = ledger.entries.filter((e) => e.drift !== "none");
  const lines = [
    `source drift: ${differences.length} differences between the pages (spec/sources/) and the spec, ` +
      `${differences.length - result.unexplained.length} explained by ${drifting.length} ledger entries ` +
      `(${ledger.entries.length - drifting.length} more are marked drift: none).`,
    "",
    "by kind of difference:",
  ];
  for (const [kind, n] of countBy(differences, (d) => d.kind)) lines.push(`  ${String(n).padStart(4)}  ${kind}`);
  const kindOf = new Map(ledger.entries.map((e) => [e.id, e.kind]));
  lines.push("", "by ledger kind (a difference explained by entries of two kinds counts in both):");
  const kinds = (d: Explained) => [...new Set(d.explainedBy.map((id) => kindOf.get(id) ?? "?"))];
  for (const [kind, n] of countBy(differences, kinds)) lines.push(`  ${String(n).padStart(4)}  ${kind}`);
  if (list) {
    lines.push("", "differences:");
    for (const d of differences)
      lines.push(`  ${describeDifference(d)} <- ${d.explainedBy.join(", ") || "UNEXPLAINED"}`);
  }
  const failures = [
    ...result.problems.map((p) => `ERROR ${p}`),
    ...result.unexplained.map((d) => `UNEXPLAINED ${describeDifference(d)}`),
    ...result.stale.map(
      (e) =>
        `STALE ledger entry ${e.id} explains no difference (mark it drift: none if it documents one that produces none)`,
    ),
    ...result.falselyNone.map(
      ({ entry, explained }) =>
        `NOT NONE ledger entry ${entry.id} is marked drift: none but explains ${explained.map(describeDifference).join("; ")}`,
    ),
    ...result.idle.map(
      ({ entry, pointer }) => `IDLE pointer ${pointer} of ledger entry ${entry.id} explains no difference`,
    ),
  ];
  lines.push(
    "",
    failures.length === 0
      ? "OK: every difference is explained and every ledger entry is current."
      : `FAILED (${failures.length}):`,
    ...failures,
  );
  return lines;
}
