// Source-drift check: converts what each vendor page prints (spec/sources/) and compares it, field
// by field and constraint by constraint, with the bundled spec. Every difference must be explained
// by an entry of spec/ledger.yaml, and every entry must explain one (or be marked `drift: none`).
//
//   node scripts/check-drift.mjs          summary; exits 1 on any unexplained difference or stale entry
//   node scripts/check-drift.mjs --list   also every difference with the entries that explain it
import { pathToFileURL } from "node:url";
import { checkDrift, countBy, loadSources } from "./lib/drift.mjs";
import { loadBundle, loadYaml } from "./lib/spec.mjs";

const show = (value) => (value === undefined ? "(nothing)" : JSON.stringify(value));
export const describeDifference = (d) => `${d.operation} ${d.pointer || '""'} [${d.kind}] page: ${show(d.source)}, spec: ${show(d.spec)}`;

/** The check's report as lines of text. */
export function report(result, ledger, { list = false } = {}) {
  const lines = [];
  const { differences } = result;
  const drifting = ledger.entries.filter((e) => e.drift !== "none");
  lines.push(
    `source drift: ${differences.length} differences between the pages (spec/sources/) and the spec, ` +
      `${differences.length - result.unexplained.length} explained by ${drifting.length} ledger entries ` +
      `(${ledger.entries.length - drifting.length} more are marked drift: none).`,
  );
  lines.push("", "by kind of difference:");
  for (const [kind, n] of countBy(differences, (d) => d.kind)) lines.push(`  ${String(n).padStart(4)}  ${kind}`);
  const kindOf = new Map(ledger.entries.map((e) => [e.id, e.kind]));
  lines.push("", "by ledger kind (a difference explained by entries of two kinds counts in both):");
  for (const [kind, n] of countBy(differences, (d) => [...new Set(d.explainedBy.map((id) => kindOf.get(id)))])) {
    lines.push(`  ${String(n).padStart(4)}  ${kind}`);
  }
  if (list) {
    lines.push("", "differences:");
    for (const d of differences) lines.push(`  ${describeDifference(d)} <- ${d.explainedBy.join(", ") || "UNEXPLAINED"}`);
  }
  const failures = [
    ...result.problems.map((p) => `ERROR ${p}`),
    ...result.unexplained.map((d) => `UNEXPLAINED ${describeDifference(d)}`),
    ...result.stale.map((e) => `STALE ledger entry ${e.id} explains no difference (mark it drift: none if it documents one that produces none)`),
    ...result.falselyNone.map(({ entry, explained }) => `NOT NONE ledger entry ${entry.id} is marked drift: none but explains ${explained.map(describeDifference).join("; ")}`),
    ...result.idle.map(({ entry, pointer }) => `IDLE pointer ${pointer} of ledger entry ${entry.id} explains no difference`),
  ];
  lines.push("", failures.length === 0 ? "OK: every difference is explained and every ledger entry is current." : `FAILED (${failures.length}):`, ...failures);
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const ledger = loadYaml("spec/ledger.yaml");
  const result = checkDrift({ bundle: loadBundle(), sources: loadSources(), ledger });
  console.log(report(result, ledger, { list: process.argv.includes("--list") }).join("\n"));
  process.exit(result.ok ? 0 : 1);
}
