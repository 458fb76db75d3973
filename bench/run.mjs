// `npm run bench`: measures the five figures of BENCHMARKS.md and writes it. Not part of `npm test`.
// Works on a copy of the working tree (lib/workspace.mjs), compiled there, and runs each figure in
// a child process of its own (lib/figure.mjs).
//
//   node bench/run.mjs                  all figures on commit HEAD, writes BENCHMARKS.md
//   node bench/run.mjs calls size       only these figures, markdown on stdout (BENCHMARKS.md untouched)
//   node bench/run.mjs --working-tree   measure the working tree, uncommitted changes included
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { measureInChild } from "./lib/figure.mjs";
import { table } from "./lib/stats.mjs";
import { REPO, makeWorkspace, remove, timed, version } from "./lib/workspace.mjs";

const FIGURES = {
  calls: "1. Per-call overhead",
  size: "2. Runtime size",
  generation: "3. Pipeline and generators",
  typecheck: "4. Type-check cost",
  mock: "5. Mock throughput",
};

const { values: options, positionals: chosen } = parseArgs({ options: { "working-tree": { type: "boolean" } }, allowPositionals: true });
const workingTree = Boolean(options["working-tree"]);
for (const name of chosen) if (!FIGURES[name]) throw new Error(`unknown figure ${name}; one of ${Object.keys(FIGURES).join(", ")}`);
const names = chosen.length ? chosen : Object.keys(FIGURES);

const load = () => os.loadavg().map((n) => n.toFixed(2)).join(" / ");
const git = (...args) => execFileSync("git", args, { cwd: REPO, encoding: "utf8" }).trim();

function machine(loadBefore) {
  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? "unknown";
  const dirty = workingTree && git("status", "--porcelain").length > 0;
  return table(
    ["", "this run"],
    [
      ["CPU", `${cpuModel} (from /proc/cpuinfo), ${os.availableParallelism()} cores`],
      ["memory", `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`],
      ["OS", `${os.type()} ${os.release()} ${os.arch()}`],
      ["Node", process.version],
      ["load average (1/5/15 min)", `${loadBefore} at the start, ${load()} at the end`],
      ["date", new Date().toISOString()],
      ["tree", `commit ${git("rev-parse", "--short", "HEAD")}${workingTree ? `, working tree${dirty ? " with uncommitted changes" : ""}` : " (committed files only)"}`],
    ],
  );
}

const PEERS = () => `Peers are devDependencies used only by the bench, pinned exact. The project runs on Node 20, so each
is the newest release whose \`engines\` allows Node 20:

- **@hey-api/openapi-ts ${version("@hey-api/openapi-ts")}**: 0.96 and later require Node ≥ 22.13; 0.95.x requires ≥ 20.19.
  Run with its defaults (types, SDK, its fetch client).
- **orval ${version("orval")}**: 7.14 and later (and all of 8.x) require Node ≥ 22.18; 7.13.2 declares no engines and
  runs here. Run with \`--client fetch\`, the closest to openapi-fetch (its default is axios).
- **axios ${version("axios")}**: the latest; it declares no engines.
- openapi-fetch ${version("openapi-fetch")}, openapi-typescript ${version("openapi-typescript")}, TypeScript ${version("typescript")},
  tinybench ${version("tinybench")} and esbuild ${version("esbuild")} are the project's own pinned versions.`;

const loadBefore = load();
const started = Date.now();
const workspace = makeWorkspace({ workingTree });
const sections = [];
const summary = [];
try {
  console.error(`bench: workspace ${workspace}; compiling`);
  timed("npm", ["run", "compile"], { cwd: workspace });
  for (const name of names) {
    console.error(`bench: ${FIGURES[name]}`);
    const figure = await import(`./${name}.mjs`);
    const data = measureInChild(name, workspace);
    sections.push(`## ${FIGURES[name]}\n\n${figure.section(data)}`);
    summary.push(...figure.summary(data));
  }
} finally {
  remove(workspace);
}

const minutes = ((Date.now() - started) / 60_000).toFixed(1);
const markdown = `# Benchmarks

What the client, the package and the pipeline cost, side by side with the alternatives. Written by
\`npm run bench\` (\`bench/run.mjs\`) in ${minutes} minutes; every number below is from that run. Goals are
targets to report against, not test assertions.

To reproduce: \`npm ci && npm run bench\` (Node 20). It measures the files of commit HEAD, extracted into a
temporary directory where it compiles and builds them, and writes this file; \`npm run bench -- --working-tree\`
measures uncommitted changes too.

## Machine

${machine(loadBefore)}

The machine is shared with other work: the load average above says how busy it was. Wall times of child
processes (figures 3 and 4) are reported with their CPU time, which moves less when other work competes for the
two cores; tsc's type instantiation counts (figure 4) do not depend on load at all.

## Summary

${table(["figure", "measure", "result", "goal"], summary)}

## Peers

${PEERS()}

${sections.join("\n\n")}
`;

if (chosen.length) process.stdout.write(markdown);
else {
  writeFileSync(join(REPO, "BENCHMARKS.md"), markdown);
  console.error(`bench: wrote BENCHMARKS.md (${minutes} min)`);
}
