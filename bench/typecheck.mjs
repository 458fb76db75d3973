// Figure 4: what our types cost a consumer at compile time. `tsc --noEmit` of the consumer sample
// (test/fixtures/consumer, which test/package.test.ts compiles against the packed package) with
// the package installed, against an empty module, and the same five calls through bare
// openapi-fetch and through createAppliveryClient (bench/fixtures/). Each project uses the
// fixture's tsconfig (skipLibCheck: false) and the same with skipLibCheck: true. The package is the
// workspace copy, linked into node_modules beside openapi-fetch.
import { copyFileSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { log, runIfMain } from "./lib/figure.mjs";
import { REPO, remove, repeat, scratch, version } from "./lib/workspace.mjs";
import { delta, goal, ms, num, ratio, table } from "./lib/stats.mjs";

const RUNS = 5;
const GOAL_MS = 2_000;
const FIXTURE = "test/fixtures/consumer";
const OURS = join(REPO, "bench", "fixtures");
const TSC = join(REPO, "node_modules", "typescript", "bin", "tsc");
const read = (dir, file) => readFileSync(join(dir, file), "utf8");

/** The four projects' source files; the consumer sample and its tsconfig are the workspace's. */
const projects = (workspace) => ({
  "empty module": { "sample.ts": "export {};\n" },
  "five calls, bare openapi-fetch": { "sample.ts": read(OURS, "five-calls.ts"), "client.ts": read(OURS, "client-bare.ts") },
  "five calls, createAppliveryClient": { "sample.ts": read(OURS, "five-calls.ts"), "client.ts": read(OURS, "client-ours.ts") },
  "consumer sample": { "sample.ts": read(join(workspace, FIXTURE), "sample.ts") },
});
const CONFIGS = {
  "tsconfig.nodenext.json": "fixture's: `skipLibCheck: false`",
  "tsconfig.skiplib.json": "same, `skipLibCheck: true`",
};

/** A consumer project: an ESM package.json, the fixture's tsconfig, `files`, and the package installed. */
function project(dir, files, workspace) {
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "bench-consumer", private: true, type: "module" }));
  copyFileSync(join(workspace, FIXTURE, "tsconfig.nodenext.json"), join(dir, "tsconfig.nodenext.json"));
  const skipLib = { extends: "./tsconfig.nodenext.json", compilerOptions: { skipLibCheck: true } };
  writeFileSync(join(dir, "tsconfig.skiplib.json"), JSON.stringify(skipLib));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  symlinkSync(workspace, join(dir, "node_modules", "applivery-mdm-openapi"), "dir");
  symlinkSync(join(REPO, "node_modules", "openapi-fetch"), join(dir, "node_modules", "openapi-fetch"), "dir");
  return dir;
}

/** Pulls the numbers of interest out of `tsc --extendedDiagnostics`. */
function diagnostics(stdout) {
  const field = (name) => new RegExp(`^${name}:\\s+([\\d.]+)`, "m").exec(stdout)?.[1];
  return {
    files: Number(field("Files")),
    types: Number(field("Types")),
    instantiations: Number(field("Instantiations")),
    memoryKB: Number(field("Memory used")),
    checkMs: Number(field("Check time")) * 1000,
  };
}

export async function measure(workspace) {
  const tmp = scratch("typecheck");
  try {
    const rows = [];
    for (const [name, files] of Object.entries(projects(workspace))) {
      const dir = project(join(tmp, name.replace(/\W+/g, "-")), files, workspace);
      for (const config of Object.keys(CONFIGS)) {
        // A failed compile (a broken sample or an @ts-expect-error that no longer errs) throws.
        const { stdout, ...result } = repeat(RUNS, process.execPath, [TSC, "-p", config, "--extendedDiagnostics"], { cwd: dir });
        log(`typecheck: ${name} ${config} ${result.runs.map(ms).join(", ")}`);
        rows.push({ config, name, ...result, ...diagnostics(stdout) });
      }
    }
    const schema = readFileSync(join(workspace, "generated", "schema.d.ts"), "utf8");
    return {
      runs: RUNS,
      typescript: version("typescript"),
      rows,
      schema: { bytes: statSync(join(workspace, "generated", "schema.d.ts")).size, lines: schema.split("\n").length },
    };
  } finally {
    remove(tmp);
  }
}

export function section({ runs, typescript, rows, schema }) {
  const find = (name, config) => rows.find((r) => r.name === name && r.config === config);
  const body = rows.map((r) => [r.name, CONFIGS[r.config], ms(r.ms), ms(r.cpuMs), ms(r.checkMs), num(r.files), num(r.types), num(r.instantiations), num(r.memoryKB)]);
  const lines = Object.keys(CONFIGS).map((config) => {
    const consumer = find("consumer sample", config);
    const empty = find("empty module", config);
    const bare = find("five calls, bare openapi-fetch", config);
    const ours = find("five calls, createAppliveryClient", config);
    return (
      `- **${CONFIGS[config]}:** consumer sample ${ms(consumer.ms)} wall, ${ms(consumer.cpuMs)} CPU ` +
      `(${delta(consumer.cpuMs - empty.cpuMs)} CPU against the empty module) — goal under 2 s: ${goal(consumer.ms, GOAL_MS, { show: ms }).text}. The same five calls check in ` +
      `${ms(ours.checkMs)} through createAppliveryClient against ${ms(bare.checkMs)} through bare openapi-fetch ` +
      `(${num(ours.instantiations)} type instantiations against ${num(bare.instantiations)}).`
    );
  });
  return [
    `\`tsc --noEmit\` (TypeScript ${typescript}, \`--extendedDiagnostics\`) of four projects, each with the package ` +
      "and openapi-fetch in its node_modules: an empty module; the five operations called once each through bare " +
      "openapi-fetch (`createClient<paths>`) and through `createAppliveryClient` (`bench/fixtures/`); and " +
      "`test/fixtures/consumer/sample.ts` (every operation, results, error classes, pagination and six " +
      "`@ts-expect-error` bad calls). Each under the fixture's tsconfig (`strict`, NodeNext, `skipLibCheck: false`, " +
      "so every declaration file is checked, lib.dom and openapi-fetch's included) and under the same with " +
      `\`skipLibCheck: true\`, the common setting. Wall and CPU time are medians of ${runs} runs of a fresh process; ` +
      "check phase, files, types, instantiations and memory are tsc's own figures for the last run.",
    "",
    table(["project", "tsconfig", "wall (median)", "CPU (median)", "check phase", "files", "types", "instantiations", "memory (kB)"], body, "llrrrrrrr"),
    "",
    "Goal: the consumer sample type-checks in under 2 s (wall time of the whole `tsc` run).",
    "",
    ...lines,
    ...why(find),
    "",
    `\`generated/schema.d.ts\`: ${num(schema.bytes)} bytes, ${num(schema.lines)} lines.`,
  ].join("\n");
}

/** What drives the cost, from the rows: declaration checking, and the client's call typing. */
function why(find) {
  const [lib, skip] = Object.keys(CONFIGS);
  const empty = find("empty module", lib);
  const bareLib = find("five calls, bare openapi-fetch", lib);
  const bare = find("five calls, bare openapi-fetch", skip);
  const ours = find("five calls, createAppliveryClient", skip);
  return [
    `- **why, \`skipLibCheck: false\`:** tsc checks every declaration file. lib.dom alone makes the empty module ` +
      `take ${ms(empty.ms)}; importing openapi-fetch adds the check of its own declarations, which is why the same ` +
      `five bare openapi-fetch calls need ${num(bareLib.instantiations)} instantiations here against ` +
      `${num(bare.instantiations)} with \`skipLibCheck: true\`. A consumer with this setting pays that for ` +
      "openapi-fetch whatever wraps it.",
    `- **why, \`skipLibCheck: true\`:** what remains is the client's call typing: through \`AppliveryClient\` ` +
      `(its GET/POST are \`AppliveryMethod\`, which checks the options object exactly) five calls need ` +
      `${num(ours.instantiations)} instantiations, ${ratio(ours.instantiations, bare.instantiations)} the ` +
      `${num(bare.instantiations)} of openapi-fetch's own signatures.`,
  ];
}

/** Summary rows: [figure, measure, result, goal]. */
export function summary({ rows }) {
  const find = (name, config) => rows.find((r) => r.name === name && r.config === config);
  const out = Object.keys(CONFIGS).map((config) => {
    const consumer = find("consumer sample", config);
    return ["4. type-check", `consumer sample, ${CONFIGS[config]}`, ms(consumer.ms), `< 2 s: ${goal(consumer.ms, GOAL_MS, { show: ms }).text}`];
  });
  const [bare, ours] = ["five calls, bare openapi-fetch", "five calls, createAppliveryClient"].map((n) => find(n, "tsconfig.skiplib.json"));
  out.push(["4. type-check", "five calls: type instantiations, createAppliveryClient vs bare openapi-fetch", `${num(ours.instantiations)} vs ${num(bare.instantiations)} (${ratio(ours.instantiations, bare.instantiations)})`, "—"]);
  return out;
}

await runIfMain(import.meta.url, measure);
