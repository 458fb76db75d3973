// `npm run bench`: measures the five figures of BENCHMARKS.md and writes it. Not part of `npm test`.
// Works on a copy of the tree (lib/workspace.ts), compiled there, with the peer clients generated
// there (lib/peers.ts); each figure is measured in a child process of its own (lib/child.ts).
//
//   npm run bench                         every figure, on commit HEAD; writes BENCHMARKS.md
//   npm run bench -- calls typecheck      only these figures; markdown on stdout, BENCHMARKS.md untouched
//   npm run bench -- --working-tree       measure the working tree, uncommitted changes included
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { scriptArgs } from "../scripts/lib/cli.js";
import { FIGURES, type FigureName, isFigure } from "./figures.js";
import { measureInChild } from "./lib/child.js";
import { table } from "./lib/format.js";
import { describeTree, loadAverage, machineTable } from "./lib/machine.js";
import { generatePeerClients } from "./lib/peers.js";
import { timed } from "./lib/processes.js";
import type { SummaryRow } from "./lib/summary.js";
import { makeWorkspace, REPO, remove, version } from "./lib/workspace.js";

const { values, positionals } = scriptArgs({
  options: { "working-tree": { type: "boolean", default: false } },
  allowPositionals: true,
});
const workingTree = values["working-tree"];
for (const name of positionals) {
  if (!isFigure(name)) throw new Error(`unknown figure ${name}; one of ${Object.keys(FIGURES).join(", ")}`);
}
const chosen = positionals.filter(isFigure);
const names: FigureName[] = chosen.length > 0 ? chosen : (Object.keys(FIGURES) as FigureName[]);

const peersText =
  () => `Peers are pinned exact. The two generators are the bench's own (\`bench/generators/package.json\`, which
\`npm run bench\` installs); axios is a devDependency of the project, whose tests run figure 1's contenders. The project
runs on Node 20, so each is the newest release whose \`engines\` allows Node 20:

- **@hey-api/openapi-ts ${version("@hey-api/openapi-ts")}**: 0.96 and later require Node ≥ 22.13; 0.95.x requires ≥ 20.19.
  Run with its defaults (types, SDK, its fetch client).
- **orval ${version("orval")}**: 7.14 and later (and all of 8.x) require Node ≥ 22.18; 7.13.2 declares no engines and
  runs here. Run with \`--client fetch\`, the closest to openapi-fetch (its default is axios).
- **axios ${version("axios")}**: the latest; it declares no engines. Figure 1 runs its fetch adapter.
- openapi-fetch ${version("openapi-fetch")}, openapi-typescript ${version("openapi-typescript")}, TypeScript ${version("typescript")},
  tinybench ${version("tinybench")} and esbuild ${version("esbuild")} are the project's own pinned versions.`;

const loadAtStart = loadAverage();
const tree = describeTree(workingTree);
const started = Date.now();
const workspace = makeWorkspace({ workingTree });
const sections: string[] = [];
const summary: SummaryRow[] = [];
try {
  console.error(`bench: ${tree.summary}; workspace ${workspace}; compiling, generating the peer clients`);
  timed("npm", ["run", "compile"], { cwd: workspace });
  await generatePeerClients(workspace);
  for (const name of names) {
    const figure = FIGURES[name];
    console.error(`bench: ${figure.title} (at ${((Date.now() - started) / 60_000).toFixed(1)} min)`);
    const written = figure.write(measureInChild(name, workspace, figure.nodeFlags));
    sections.push(`## ${figure.title}\n\n${written.section}`);
    summary.push(...written.summary);
  }
} finally {
  remove(workspace);
}

const minutes = ((Date.now() - started) / 60_000).toFixed(1);
const markdown = `# Benchmarks

What the client, the package and the pipeline cost, side by side with the alternatives. Written by
\`npm run bench\` (\`bench/run.ts\`) in ${minutes} minutes; every number below is from that run. Goals are
targets to report against, not test assertions.

To reproduce: \`npm ci && npm run bench\` (Node 20). It measures the files of commit HEAD, copied into a
temporary directory where it compiles and builds them, and writes this file; \`npm run bench -- --working-tree\`
measures the working tree, uncommitted changes included.

## Machine

${machineTable(loadAtStart, tree.summary)}
${tree.changed.length > 0 ? `\nUncommitted or untracked in the measured tree: ${tree.changed.map((f) => `\`${f}\``).join(", ")}.\n` : ""}
The machine is shared with other work; the load average says how busy it was. Figure 1 compares CPU time
within paired rounds, and figures 3 and 4 give each process's CPU time beside its wall time: both move less
than wall time when other work competes for the cores. tsc's instantiation counts (figure 4) do not depend on
load at all.

## Summary

${table(["figure", "measure", "result", "goal"], summary)}

## Peers

${peersText()}

${sections.join("\n\n")}
`;

if (chosen.length > 0) process.stdout.write(markdown);
else {
  writeFileSync(join(REPO, "BENCHMARKS.md"), markdown);
  console.error(`bench: wrote BENCHMARKS.md (${minutes} min)`);
}
