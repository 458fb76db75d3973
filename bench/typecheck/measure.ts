// Figure 4, measured: what the client's types cost a consumer at compile time. `tsc --noEmit
// --extendedDiagnostics` of small consumer projects, each with the measured tree's package (its
// compiled dist/, linked) and openapi-fetch in node_modules: one call per operation of the spec
// (calls.ts) through the generated methods, through bare openapi-fetch over the same schema, and
// through the client's GET/POST/PUT/DELETE (clients in bench/fixtures/); the whole consumer sample;
// an empty module. Each under the
// consumer fixture's tsconfig (skipLibCheck: false) and the same with skipLibCheck: true. Paired
// rounds: every round compiles every project under both configs, in an order that rotates.
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { log } from "../lib/child.js";
import { rotate } from "../lib/paired.js";
import { timed } from "../lib/processes.js";
import { REPO, remove, scratch, version } from "../lib/workspace.js";
import { callSources } from "./calls.js";
import { type Diagnostics, parseDiagnostics } from "./diagnostics.js";

export const ROUNDS = 4;
/** The projects no ratio is taken of (the empty module, the whole consumer sample) run in the first rounds only. */
const CONTEXT_ROUNDS = 2;
const CONSUMER = "test/fixtures/consumer";
const FIXTURES = join(REPO, "bench", "fixtures");
const TSC = join(REPO, "node_modules", "typescript", "bin", "tsc");

export const PROJECTS = {
  empty: "empty module",
  bare: "every operation, bare openapi-fetch",
  methods: "every operation, generated methods",
  surface: "every operation, our GET/POST/…",
  consumer: "consumer sample",
} as const;
export type ProjectKey = keyof typeof PROJECTS;
/** The projects compared round by round. */
const PAIRED: readonly ProjectKey[] = ["bare", "methods", "surface"];

export const CONFIGS = {
  lib: { file: "tsconfig.nodenext.json", label: "the fixture's: `skipLibCheck: false`" },
  skipLib: { file: "tsconfig.skiplib.json", label: "the same, `skipLibCheck: true`" },
} as const;
export type ConfigKey = keyof typeof CONFIGS;

export interface Compile extends Diagnostics {
  wallMs: number;
  cpuMs: number;
}

export interface TypecheckData {
  contextRounds: number;
  /** How many calls the paired projects make: one per operation of the measured spec. */
  calls: number;
  /** tsc's errors, for a project that did not compile (only the consumer sample may fail; its figures still count). */
  errors: Partial<Record<ProjectKey, string[]>>;
  typescript: string;
  rounds: number;
  /** Per project, per config: one compile per round, rounds in order. */
  results: Record<ProjectKey, Record<ConfigKey, Compile[]>>;
  schema: { bytes: number; lines: number };
}

const fixture = (file: string) => readFileSync(join(FIXTURES, file), "utf8");

/** Each project's source files. */
function sources(workspace: string, calls: ReturnType<typeof callSources>): Record<ProjectKey, Record<string, string>> {
  return {
    empty: { "sample.ts": "export {};\n" },
    bare: { "sample.ts": calls.surface, "client.ts": fixture("client.ts") },
    methods: { "sample.ts": calls.methods, "client-ours.ts": fixture("client-ours.ts") },
    surface: { "sample.ts": calls.surface, "client.ts": fixture("client-ours.ts") },
    consumer: { "sample.ts": readFileSync(join(workspace, CONSUMER, "sample.ts"), "utf8") },
  };
}

/** A consumer project: an ESM package.json, the two tsconfigs, its files, and the package installed. */
function project(dir: string, files: Record<string, string>, workspace: string): string {
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "bench-consumer", private: true, type: "module" }));
  copyFileSync(join(workspace, CONSUMER, CONFIGS.lib.file), join(dir, CONFIGS.lib.file));
  const skipLib = { extends: `./${CONFIGS.lib.file}`, compilerOptions: { skipLibCheck: true } };
  writeFileSync(join(dir, CONFIGS.skipLib.file), JSON.stringify(skipLib));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  symlinkSync(workspace, join(dir, "node_modules", "applivery-mdm-openapi"), "dir");
  symlinkSync(join(REPO, "node_modules", "openapi-fetch"), join(dir, "node_modules", "openapi-fetch"), "dir");
  return dir;
}

export async function measure(workspace: string): Promise<TypecheckData> {
  const tmp = scratch("typecheck");
  try {
    const calls = callSources(JSON.parse(readFileSync(join(workspace, "generated", "openapi.json"), "utf8")));
    const files = sources(workspace, calls);
    const keys = Object.keys(PROJECTS) as ProjectKey[];
    for (const key of keys) project(join(tmp, key), files[key], workspace);
    const jobs = keys.flatMap((project) =>
      (Object.keys(CONFIGS) as ConfigKey[]).map((config) => ({ project, config })),
    );
    const none = (): Record<ConfigKey, Compile[]> => ({ lib: [], skipLib: [] });
    const errors: TypecheckData["errors"] = {};
    const results: TypecheckData["results"] = {
      empty: none(),
      bare: none(),
      methods: none(),
      surface: none(),
      consumer: none(),
    };
    for (let round = 0; round < ROUNDS; round++) {
      const due = jobs.filter(({ project }) => round < CONTEXT_ROUNDS || PAIRED.includes(project));
      for (const { project, config } of rotate(due, round)) {
        // A fixture of the bench must compile; the measured tree's consumer sample may not (the
        // mistakes it expects to be errors follow the package's types), which the figure then says.
        const run = timed(process.execPath, [TSC, "-p", CONFIGS[config].file, "--extendedDiagnostics"], {
          cwd: join(tmp, project),
          allowFailure: project === "consumer",
        });
        if (run.status !== 0) errors[project] ??= run.stdout.split("\n").filter((line) => /error TS\d+/.test(line));
        results[project][config].push({ wallMs: run.ms, cpuMs: run.cpuMs, ...parseDiagnostics(run.stdout) });
      }
      log(`typecheck: round ${round + 1}/${ROUNDS}`);
    }
    const schema = readFileSync(join(workspace, "generated", "schema.ts"), "utf8");
    return {
      typescript: version("typescript"),
      rounds: ROUNDS,
      contextRounds: CONTEXT_ROUNDS,
      calls: calls.count,
      errors,
      results,
      schema: { bytes: Buffer.byteLength(schema), lines: schema.split("\n").length },
    };
  } finally {
    remove(tmp);
  }
}
