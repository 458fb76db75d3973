// Figure 4, written: instantiations and check time of one call per operation through the generated methods,
// bare openapi-fetch and our GET/POST, with paired check-time ratios and the goal of issue 21.
import { delta, goal, ms, num, table, times } from "../lib/format.js";
import { roundRatios } from "../lib/paired.js";
import { median, spread } from "../lib/stats.js";
import type { SummaryRow } from "../lib/summary.js";
import { CONFIGS, type Compile, type ConfigKey, PROJECTS, type ProjectKey, type TypecheckData } from "./measure.js";

/**
 * Goal (issue 21): at every operation of the family, the generated methods check within 0.7× of bare
 * openapi-fetch, under `skipLibCheck: true` (the figure the issue started from: 0.68× at five
 * operations). With `skipLibCheck: false` most of every project's check is the declaration files all
 * of them load, lib.dom included, so it is reported without a goal.
 */
const CHECK_GOAL = 0.7;
const GOAL_CONFIG: ConfigKey = "skipLib";
/** Goal: the whole consumer sample type-checks in under 2 s (wall time of the tsc run). */
const CONSUMER_GOAL_MS = 2_000;

const configs = Object.keys(CONFIGS) as ConfigKey[];
const projects = Object.keys(PROJECTS) as ProjectKey[];

const pick = (runs: readonly Compile[], field: "checkMs" | "cpuMs" | "wallMs") => runs.map((r) => r[field]);
const last = (runs: readonly Compile[]): Compile => {
  const run = runs.at(-1);
  if (!run) throw new Error("a project was never compiled");
  return run;
};

/** Paired check-time ratios of `project` over bare openapi-fetch under `config`: median and extremes. */
function checkRatio(data: TypecheckData, project: ProjectKey, config: ConfigKey) {
  return spread(
    roundRatios(pick(data.results[project][config], "checkMs"), pick(data.results.bare[config], "checkMs")),
  );
}

const instantiations = (data: TypecheckData, project: ProjectKey, config: ConfigKey) =>
  last(data.results[project][config]).instantiations;

function comparison(data: TypecheckData, config: ConfigKey): string[] {
  const bareChecks = median(pick(data.results.bare[config], "checkMs"));
  const line = (project: "methods" | "surface") => {
    const r = checkRatio(data, project, config);
    const checks = median(pick(data.results[project][config], "checkMs"));
    return (
      `${PROJECTS[project]}: ${num(instantiations(data, project, config))} instantiations ` +
      `(${times(instantiations(data, project, config) / instantiations(data, "bare", config))} bare openapi-fetch's ` +
      `${num(instantiations(data, "bare", config))}); check ${ms(checks)} against ${ms(bareChecks)}, paired ratio ` +
      `${times(r.median)} (rounds: ${times(r.min)}–${times(r.max)})`
    );
  };
  const verdict =
    config === GOAL_CONFIG
      ? `goal within 0.70× of bare openapi-fetch: ${goal(checkRatio(data, "methods", config).median, CHECK_GOAL, { show: times }).text}`
      : `no goal: the empty module alone checks in ${ms(median(pick(data.results.empty[config], "checkMs")))} here`;
  return [`- **${CONFIGS[config].label}:** ${line("methods")} — ${verdict}.`, `  ${line("surface")}.`];
}

export function section(data: TypecheckData): string {
  const body = projects.flatMap((project) =>
    configs.map((config) => {
      const runs = data.results[project][config];
      const empty = median(pick(data.results.empty[config], "checkMs"));
      const checks = median(pick(runs, "checkMs"));
      const end = last(runs);
      return [
        PROJECTS[project],
        CONFIGS[config].label,
        num(end.instantiations),
        num(end.types),
        ms(checks),
        project === "empty" ? "—" : delta(checks - empty),
        pick(runs, "checkMs").map(ms).join(", "),
        ms(median(pick(runs, "cpuMs"))),
        ms(median(pick(runs, "wallMs"))),
        num(end.memoryKB),
      ];
    }),
  );
  const consumer = (config: ConfigKey) => {
    const wall = median(pick(data.results.consumer[config], "wallMs"));
    return `- **consumer sample, ${CONFIGS[config].label}:** ${ms(wall)} wall, ${ms(median(pick(data.results.consumer[config], "cpuMs")))} CPU — goal under ${ms(CONSUMER_GOAL_MS)}: ${goal(wall, CONSUMER_GOAL_MS, { show: ms }).text}.`;
  };
  return [
    `\`tsc --noEmit --extendedDiagnostics\` (TypeScript ${data.typescript}) of five consumer projects, each with the ` +
      "measured tree's package (its compiled `dist/`, as published) and openapi-fetch in its node_modules: an empty " +
      `module; one call per operation of the spec (${data.calls}, each with the operation's examples and its result read ` +
      "at its first required field, written by `bench/typecheck/calls.ts`) through the generated methods " +
      "(`applivery.createAppleEnrollmentToken({ … })`), through bare openapi-fetch (`createClient<paths>`, the " +
      "package's `paths`, i.e. `generated/schema.ts`) and through our `client.GET`/`POST`/`PUT`/`DELETE` — the last two on " +
      "identical call text; and the whole `test/fixtures/consumer/sample.ts` (every operation, results, errors, " +
      "pagination, and the `@ts-expect-error` mistakes). Each under the consumer fixture's tsconfig (strict, NodeNext, " +
      "`exactOptionalPropertyTypes`, `skipLibCheck: false`: every declaration file is checked, lib.dom included) and " +
      `the same with \`skipLibCheck: true\`. ${data.rounds} paired rounds: each round compiles the three call ` +
      "projects under both configs, in an order that rotates, and ratios are taken within a round; the empty module " +
      `and the consumer sample, for context, in the first ${data.contextRounds} rounds. Instantiations and types do not ` +
      "depend on load (the last round's are shown); check time is tsc's own (10 ms steps) and noisy, so medians.",
    "",
    table(
      [
        "project",
        "tsconfig",
        "instantiations",
        "types",
        "check (median)",
        "check over the empty module",
        "check, each round",
        "CPU (median)",
        "wall (median)",
        "memory (kB)",
      ],
      body,
      "llrrrrlrrr",
    ),
    "",
    "Goal (issue 21): the calls through the generated methods check within 0.70× of bare openapi-fetch's time " +
      "(median of the paired check-time ratios ≤ 0.70×) with `skipLibCheck: true`. " +
      "With `skipLibCheck: false` it has no goal: most of each project's check is then the declaration files every " +
      "project loads, lib.dom included.",
    "",
    ...configs.flatMap((config) => comparison(data, config)),
    ...configs.map(consumer),
    ...(data.errors.consumer
      ? [
          `- **the consumer sample did not compile** in the measured tree (its figures above are of a run that ` +
            `ended in errors): ${data.errors.consumer.map((e) => `\`${e.trim()}\``).join("; ")}`,
        ]
      : []),
    "",
    `\`generated/schema.ts\`: ${num(data.schema.bytes)} bytes, ${num(data.schema.lines)} lines.`,
  ].join("\n");
}

export function summary(data: TypecheckData): SummaryRow[] {
  return configs.flatMap((config): SummaryRow[] => {
    const r = checkRatio(data, "methods", config).median;
    const s = checkRatio(data, "surface", config).median;
    const wall = median(pick(data.results.consumer[config], "wallMs"));
    return [
      [
        "4. type-check",
        `every operation (${data.calls} calls), ${CONFIGS[config].label}: instantiations and check time, generated methods / our GET/POST vs bare openapi-fetch`,
        `${num(instantiations(data, "methods", config))} / ${num(instantiations(data, "surface", config))} vs ` +
          `${num(instantiations(data, "bare", config))}; check ${times(r)} / ${times(s)}`,
        config === GOAL_CONFIG ? `methods ≤ ${times(CHECK_GOAL)}: ${goal(r, CHECK_GOAL, { show: times }).text}` : "—",
      ],
      [
        "4. type-check",
        `consumer sample, ${CONFIGS[config].label}, wall${data.errors.consumer ? " (did not compile)" : ""}`,
        ms(wall),
        `< ${ms(CONSUMER_GOAL_MS)}: ${goal(wall, CONSUMER_GOAL_MS, { show: ms }).text}`,
      ],
    ];
  });
}
