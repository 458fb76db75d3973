// Figure 3, measured: wall and CPU time of each step of `npm run build` as the measured tree's
// package.json defines it (run in the workspace, in order, as the build runs them), of each lint
// tool as scripts/lib/lint.ts invokes it, and of openapi-typescript against two peer generators.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { log } from "../lib/child.js";
import { generators } from "../lib/peers.js";
import { ENV, type Repeated, summarize, type Timed, timed } from "../lib/processes.js";
import { bin, outputSize, remove, scratch } from "../lib/workspace.js";

export const RUNS = 3;

export interface StepData extends Repeated {
  /** How the step is invoked, e.g. `npm run lint`. */
  label: string;
  /** What it runs, e.g. `tsx scripts/lint.ts`. */
  command: string;
}

export interface GeneratorData extends Repeated {
  name: string;
  emits: string;
  files: number;
  bytes: number;
  lines: number;
}

export interface PipelineData {
  runs: number;
  /** The build script as package.json has it. */
  build: string;
  steps: StepData[];
  /** Wall and CPU time of the whole build: the sum of its steps in each run. */
  total: Repeated;
  tools: StepData[];
  generators: GeneratorData[];
}

interface Step {
  label: string;
  command: string;
  run: () => Timed;
}

/** The steps of a build script (`a && b && …`); `npm run x` steps are run through npm, as the build does. */
export function buildSteps(build: string, scripts: Readonly<Record<string, string>>, cwd: string): Step[] {
  return build.split("&&").map((part) => {
    const text = part.trim();
    const script = /^npm run ([\w:.-]+)$/.exec(text)?.[1];
    if (script !== undefined) {
      const command = scripts[script];
      if (command === undefined) throw new Error(`the build runs npm run ${script}, which package.json lacks`);
      return { label: text, command, run: () => timed("npm", ["run", script], { cwd }) };
    }
    // As npm runs a script: with the tools of node_modules/.bin on the PATH.
    const env = { ...ENV, PATH: `${join(cwd, "node_modules", ".bin")}:${ENV.PATH ?? ""}` };
    return { label: text, command: text, run: () => timed("bash", ["-c", text], { cwd, env }) };
  });
}

export async function measure(workspace: string): Promise<PipelineData> {
  const { scripts } = JSON.parse(readFileSync(join(workspace, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const build = scripts.build;
  if (!build) throw new Error("package.json has no build script");
  const steps = buildSteps(build, scripts, workspace);
  const tool = (name: string, args: string[]): Step => {
    const command = `${name} ${args.join(" ")}`;
    return { label: command, command, run: () => timed(bin(name), args, { cwd: workspace }) };
  };
  const tools = [
    tool("redocly", ["lint", "main", "bundle", "--format=json"]),
    tool("spectral", ["lint", "spec/openapi.yaml", "generated/openapi.yaml", "--format=json", "--quiet"]),
  ];

  const stepRuns = new Map<string, Timed[]>();
  const record = (step: Step) => {
    const result = step.run();
    stepRuns.set(step.label, [...(stepRuns.get(step.label) ?? []), result]);
    return result;
  };
  const totals: Timed[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const results = steps.map(record);
    totals.push({
      ms: results.reduce((n, r) => n + r.ms, 0),
      cpuMs: results.reduce((n, r) => n + r.cpuMs, 0),
      stdout: "",
      status: 0,
    });
    for (const tool of tools) record(tool);
    log(`pipeline: run ${run}/${RUNS}: build ${Math.round(totals.at(-1)?.ms ?? 0)} ms`);
  }
  const repeated = (step: Step): StepData => ({
    label: step.label,
    command: step.command,
    ...summarize(stepRuns.get(step.label) ?? []),
  });

  const out = scratch("generators");
  try {
    const peers = Object.values(generators(join(workspace, "generated", "openapi.json"), out));
    const generated = peers.map((peer): GeneratorData => {
      const runs = Array.from({ length: RUNS }, () => timed(peer.command, peer.args, { cwd: out }));
      return { name: peer.name, emits: peer.emits, ...summarize(runs), ...outputSize(peer.output) };
    });
    log("pipeline: generators timed");
    return {
      runs: RUNS,
      build,
      steps: steps.map(repeated),
      total: summarize(totals),
      tools: tools.map(repeated),
      generators: generated,
    };
  } finally {
    remove(out);
  }
}
