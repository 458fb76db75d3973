// Figure 2, written: bytes shipped, against openapi-fetch alone and the package's budget.
import { bytes, goal, kB, num, ratio, table } from "../lib/format.js";
import type { SummaryRow } from "../lib/summary.js";
import type { SizeData, SizeRow } from "./measure.js";

function find(data: SizeData, key: string): SizeRow {
  const row = data.rows.find((r) => r.key === key);
  if (!row) throw new Error(`figure 2 has no row ${key}`);
  return row;
}

/** Our files' minified bytes in the main entry's bundle, largest first (openapi-fetch apart). */
function ourParts(row: SizeRow): string {
  return Object.entries(row.parts)
    .filter(([name, n]) => n > 0 && name !== "openapi-fetch" && name !== "<stdin>")
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `\`${name}\` ${num(n)}`)
    .join(", ");
}

export function section(data: SizeData): string {
  const base = find(data, "openapi-fetch");
  const ours = find(data, "ours");
  const alone = find(data, "ours-alone");
  const min = goal(ours.minified, data.budget.minified, { show: kB });
  const gz = goal(ours.gzipped, data.budget.gzipped, { show: kB });
  const body = data.rows.map((r) => [
    r.name,
    num(r.minified),
    num(r.gzipped),
    ratio(r.minified, base.minified),
    ratio(r.gzipped, base.gzipped),
  ]);
  return [
    "Bytes a browser consumer ships: an esbuild bundle of the entry (ESM, `platform: browser`, `target: es2022`, " +
      "minified, tree-shaken), then gzip level 9 — `scripts/lib/bundle-size.ts`, the measure of the package's size " +
      "test. The peers' clients are generated from the same `generated/openapi.json`. 1 kB = 1,000 bytes.",
    "",
    table(["runtime", "minified (B)", "gzipped (B)", "min vs openapi-fetch", "gzip vs openapi-fetch"], body, "lrrrr"),
    "",
    `Goal: the main entry with openapi-fetch within the package's budget (\`RUNTIME_BUDGET\`: ` +
      `${kB(data.budget.minified)} minified, ${kB(data.budget.gzipped)} gzipped).`,
    "",
    `- **minified:** ${bytes(ours.minified)} — ${min.text}`,
    `- **gzipped:** ${bytes(ours.gzipped)} — ${gz.text}; the goal of issues 19 and 21, ${kB(GOAL_GZIPPED)}: ` +
      `${goal(ours.gzipped, GOAL_GZIPPED, { show: kB }).text}`,
    `- **what it holds:** openapi-fetch ${kB(ours.parts["openapi-fetch"] ?? 0)} minified; our code ` +
      `${kB(alone.minified)} minified / ${kB(alone.gzipped)} gzipped (the row with openapi-fetch left out), by file: ` +
      `${ourParts(ours)}. \`dist/generated/client.js\` is the operation table the methods are made from.`,
  ].join("\n");
}

/** Goal (issues 19 and 21): the main entry with openapi-fetch at most 6.5 kB gzipped. */
const GOAL_GZIPPED = 6_500;

export function summary(data: SizeData): SummaryRow[] {
  const ours = find(data, "ours");
  const base = find(data, "openapi-fetch");
  const { budget } = data;
  return [
    [
      "2. size",
      "main entry with openapi-fetch, minified / gzipped (openapi-fetch alone)",
      `${kB(ours.minified)} / ${kB(ours.gzipped)} (${kB(base.minified)} / ${kB(base.gzipped)})`,
      `≤ ${kB(budget.minified)}: ${goal(ours.minified, budget.minified, { show: kB }).met ? "met" : "missed"}; ` +
        `≤ ${kB(budget.gzipped)}: ${goal(ours.gzipped, budget.gzipped, { show: kB }).met ? "met" : "missed"}; ` +
        `goal ≤ ${kB(GOAL_GZIPPED)} gzipped: ${goal(ours.gzipped, GOAL_GZIPPED, { show: kB }).text}`,
    ],
  ];
}
