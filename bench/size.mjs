// Figure 2: runtime size. Each entry is bundled by esbuild for the browser (ESM, minified, tree-
// shaken, nothing external unless said) and gzipped at level 9: the bytes a consumer ships.
import { join } from "node:path";
import { bundleSize } from "../scripts/lib/bundle-size.mjs";
import { log, runIfMain } from "./lib/figure.mjs";
import { generators } from "./lib/generators.mjs";
import { outputSize, remove, scratch, timed, version } from "./lib/workspace.mjs";
import { bytes, goal, num, ratio, table } from "./lib/stats.mjs";

const GOAL_MIN = 8_000;
const GOAL_GZIP = 3_500;

export async function measure(workspace) {
  const tmp = scratch("size");
  try {
    // The clients @hey-api/openapi-ts and orval generate from the same bundle.
    const [, hey, orval] = generators(join(workspace, "generated", "openapi.json"), tmp);
    for (const peer of [hey, orval]) timed(peer.command, peer.args, { cwd: tmp });
    log("size: peer clients generated");

    const dist = join(workspace, "dist", "index.js");
    const rows = [
      { key: "openapi-fetch", name: `openapi-fetch ${version("openapi-fetch")} alone (\`createClient\`)`, ...(await bundleSize(`export { default } from "openapi-fetch";`, workspace)) },
      { name: "ours: `createAppliveryClient` only, with openapi-fetch", ...(await bundleSize(`export { createAppliveryClient } from ${JSON.stringify(dist)};`, workspace)) },
      { key: "ours", name: "ours: whole runtime (every export), with openapi-fetch", ...(await bundleSize(`export * from ${JSON.stringify(dist)};`, workspace)) },
      { key: "ours-alone", name: "ours: whole runtime, openapi-fetch left external", ...(await bundleSize(`export * from ${JSON.stringify(dist)};`, workspace, ["openapi-fetch"])) },
      { name: `${hey.name} client (SDK + its fetch client, ${outputSize(hey.output).files} files)`, ...(await bundleSize(`export * from ${JSON.stringify(hey.entry)};`, tmp)) },
      { name: `${orval.name}: one file, no runtime library`, ...(await bundleSize(`export * from ${JSON.stringify(orval.entry)};`, tmp)) },
      { name: `axios ${version("axios")} alone (for scale)`, ...(await bundleSize(`export { default } from "axios";`, workspace)) },
    ];
    return { rows };
  } finally {
    remove(tmp);
  }
}

export function section({ rows }) {
  const by = Object.fromEntries(rows.map((r) => [r.key, r]));
  const base = by["openapi-fetch"];
  const body = rows.map((r) => [r.name, num(r.minified), num(r.gzipped), ratio(r.minified, base.minified), ratio(r.gzipped, base.gzipped)]);
  const kB = (v) => `${(v / 1000).toFixed(2)} kB`;
  const min = goal(by.ours.minified, GOAL_MIN, { show: kB });
  const gz = goal(by.ours.gzipped, GOAL_GZIP, { show: kB });
  const share = (part, whole) => `${Math.round((100 * part) / whole)}%`;
  return [
    "Bytes a browser consumer ships: esbuild bundle (ESM, `platform: browser`, `target: es2022`, minified, " +
      "tree-shaken), then gzip level 9. The peers' clients are generated into a temporary directory from the same " +
      "`generated/openapi.json`. 1 kB = 1,000 bytes.",
    "",
    table(["runtime", "minified (B)", "gzipped (B)", "min vs openapi-fetch", "gzip vs openapi-fetch"], body, "lrrrr"),
    "",
    "Goal: our runtime with openapi-fetch at most 8 kB minified and 3.5 kB gzipped.",
    "",
    `- **minified:** ${bytes(by.ours.minified)} — ${min.text}`,
    `- **gzipped:** ${bytes(by.ours.gzipped)} — ${gz.text}`,
    ...(min.met && gz.met
      ? []
      : [
          `- **why:** openapi-fetch alone is ${kB(base.minified)} minified / ${kB(base.gzipped)} gzipped, ` +
            `${share(base.minified, GOAL_MIN)} / ${share(base.gzipped, GOAL_GZIP)} of the budget before any code of ours; ` +
            `our own code adds ${kB(by["ours-alone"].minified)} / ${kB(by["ours-alone"].gzipped)} (the row with openapi-fetch ` +
            "left external). Minified bytes by file: " +
            Object.entries(by.ours.parts)
              .filter(([, n]) => n > 0)
              .sort((a, b) => b[1] - a[1])
              .map(([file, n]) => `${file} ${num(n)}`)
              .join(", ") +
            ".",
        ]),
  ].join("\n");
}

/** Summary rows: [figure, measure, result, goal]. */
export function summary({ rows }) {
  const by = Object.fromEntries(rows.map((r) => [r.key, r]));
  const kB = (v) => `${(v / 1000).toFixed(2)} kB`;
  return [
    [
      "2. size",
      "runtime with openapi-fetch, minified / gzipped (openapi-fetch alone)",
      `${kB(by.ours.minified)} / ${kB(by.ours.gzipped)} (${kB(by["openapi-fetch"].minified)} / ${kB(by["openapi-fetch"].gzipped)})`,
      `≤ 8 kB: ${goal(by.ours.minified, GOAL_MIN, { show: kB }).text}; ≤ 3.5 kB: ${goal(by.ours.gzipped, GOAL_GZIP, { show: kB }).text}`,
    ],
  ];
}

await runIfMain(import.meta.url, measure);
