// Figure 3: what the pipeline costs in wall time (each step, each lint tool, the whole build), and
// openapi-typescript against two peer generators on the same bundled spec. Steps run in the
// workspace copy (see lib/workspace.mjs); peer output goes to a temporary directory.
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { log, runIfMain } from "./lib/figure.mjs";
import { generators as peers } from "./lib/generators.mjs";
import { bin, outputSize, remove, repeat, scratch } from "./lib/workspace.mjs";
import { goal, ms, num, ratio, table } from "./lib/stats.mjs";

const RUNS = 3;
const BUILD_GOAL_MS = 15_000;

/** Median wall and CPU time of `RUNS` runs of a command, with each run's wall time. */
function wall(label, command, args, cwd) {
  const result = repeat(RUNS, command, args, { cwd });
  log(`generation: ${label} ${result.runs.map(ms).join(", ")}`);
  delete result.stdout;
  return { label, command: [basename(command), ...args].join(" "), ...result };
}

export async function measure(workspace) {
  const scripts = JSON.parse(readFileSync(join(workspace, "package.json"), "utf8")).scripts;
  const npm = (script) => wall(`npm run ${script}`, "npm", ["run", script], workspace);
  // The lint tools, invoked as scripts/lint.mjs invokes them: each on the source and on the bundle.
  const redocly = (api) => wall(`redocly lint ${api}`, bin("redocly"), ["lint", api, "--format=json"], workspace);
  const spectral = (file) => wall(`spectral lint ${file}`, bin("spectral"), ["lint", file, "--fail-severity=hint", "--quiet"], workspace);

  const steps = [
    npm("bundle"),
    redocly("main"),
    redocly("bundle"),
    spectral("spec/openapi.yaml"),
    spectral("generated/openapi.yaml"),
    npm("lint"),
    npm("generate"),
    npm("compile"),
    ...(scripts.docs ? [npm("docs")] : []),
    npm("build"),
  ];

  const tmp = scratch("generators");
  try {
    const generators = peers(join(workspace, "generated", "openapi.json"), tmp).map(({ name, emits, command, args, output }) => ({
      name,
      emits,
      ...wall(name, command, args, tmp),
      ...outputSize(output),
    }));
    return { runs: RUNS, steps, generators };
  } finally {
    remove(tmp);
  }
}

export function section({ runs, steps, generators }) {
  const build = steps.find((s) => s.label === "npm run build");
  const hasDocs = steps.some((s) => s.label === "npm run docs");
  const stepRows = steps.map((s) => [`\`${s.command}\``, ms(s.ms), ms(s.cpuMs), s.runs.map(ms).join(", ")]);
  const base = generators[0];
  const genRows = generators.map((g) => [g.name, ms(g.ms), ms(g.cpuMs), ratio(g.ms, base.ms), num(g.files), num(g.bytes), num(g.lines), g.emits]);
  return [
    `Wall time of each pipeline step, run in the bench's temporary copy of the repository (median of ${runs} runs, each a fresh ` +
      "process, so Node start-up and module loading are included). The lint rows time each tool on the source " +
      "spec and on the bundle, invoked as `scripts/lint.mjs` does; `npm run lint` runs all four." +
      (hasDocs ? "" : " `npm run docs` is not in this tree's package.json, so it has no row and is not part of the build."),
    "",
    table(["step", "wall (median)", "CPU (median)", "wall, each run"], stepRows, "lrrl"),
    "",
    `Goal: \`npm run build\` under 15 s — ${goal(build.ms, BUILD_GOAL_MS, { show: ms }).text}.`,
    "",
    `Generators on the same \`generated/openapi.json\`, as CLIs writing to a temporary directory (median of ${runs} runs):`,
    "",
    table(["generator", "wall (median)", "CPU (median)", "wall vs openapi-typescript", "files", "bytes", "lines", "what it emits"], genRows, "lrrrrrrl"),
  ].join("\n");
}

/** Summary rows: [figure, measure, result, goal]. */
export function summary({ steps, generators }) {
  const build = steps.find((s) => s.label === "npm run build");
  return [
    ["3. pipeline", "`npm run build`, wall", ms(build.ms), `< 15 s: ${goal(build.ms, BUILD_GOAL_MS, { show: ms }).text}`],
    ["3. pipeline", "generator wall time: " + generators.map((g) => g.name.split(" (")[0]).join(" / "), generators.map((g) => ms(g.ms)).join(" / "), "—"],
  ];
}

await runIfMain(import.meta.url, measure);
