// The source-drift check as a whole: every page (spec/sources/) against its operation in a bundle,
// each difference matched to the ledger, and the result as lines of text.
import type { Explains, Ledger } from "../ledger.js";
import type { Document } from "../openapi.js";
import { operations } from "../spec.js";
import { compareOperation, type Difference } from "./compare.js";
import { type Explained, type Explanation, explain } from "./explain.js";
import { pagesOf, type Source } from "./sources.js";

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
    else for (const page of pagesOf(source)) found.push(...compareOperation(op, page, bundle));
  }
  for (const id of Object.keys(sources)) {
    if (!ops.some((op) => op.operationId === id))
      problems.push(`spec/sources/${id}.json: no such operation in the spec`);
  }
  const result = explain(found, ledger.entries);
  result.problems.unshift(...problems);
  const ok = [result.unexplained, result.stale, result.problems].every((list) => list.length === 0);
  return { ...result, ok };
}

/** Counts by a key function (a list counts in each of its keys), largest first. */
function countBy<T>(items: T[], key: (item: T) => string | string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) for (const k of [key(item)].flat()) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

const show = (value: unknown) => (value === undefined ? "(nothing)" : JSON.stringify(value));

/** Where a difference was found: its operation, and the rendering of its page unless it is the one transcribed in full. */
export const whereFound = (d: Difference): string => (d.rendering ? `${d.operation}@${d.rendering}` : d.operation);

/** One difference on one line: operation (and rendering), pointer, kind, both values. */
const describeDifference = (d: Difference): string =>
  `${whereFound(d)} ${d.pointer || '""'} [${d.kind}] page: ${show(d.source)}, spec: ${show(d.spec)}`;

/** One `explains` item on one line: pointer, kind, the page's and the spec's values. */
const describeItem = (item: Explains): string =>
  `${item.pointer || '""'} [${item.kind}] page: ${show(item.page)}, spec: ${show(item.spec)}`;

/** The check's report as lines of text; `list` adds every difference with the entries that explain it. */
export function report(result: DriftResult, ledger: Ledger, { list = false } = {}): string[] {
  const { differences } = result;
  const explaining = ledger.entries.filter((e) => (e.explains ?? []).length > 0);
  const items = explaining.reduce((n, e) => n + (e.explains ?? []).length, 0);
  const lines = [
    `source drift: ${differences.length} differences between the pages (spec/sources/) and the spec, ` +
      `${differences.length - result.unexplained.length} explained by ${explaining.length} ledger entries ` +
      `(${items} explains items; ${ledger.entries.length - explaining.length} more entries produce no difference).`,
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
      ({ entry, item }) => `STALE ledger entry ${entry.id}: ${describeItem(item)} explains no difference`,
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
