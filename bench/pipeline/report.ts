// Figure 3, written: the build's steps and total against its goal, the lint tools, the generators.
import { goal, ms, num, ratio, table } from "../lib/format.js";
import type { Repeated } from "../lib/processes.js";
import type { SummaryRow } from "../lib/summary.js";
import type { PipelineData } from "./measure.js";

const BUILD_GOAL_MS = 15_000;

const row = (label: string, command: string, r: Repeated) => [
  label,
  command,
  ms(r.ms),
  ms(r.cpuMs),
  r.runs.map(ms).join(", "),
];

export function section(data: PipelineData): string {
  const stepRows = [
    ...data.steps.map((s) => row(`\`${s.label}\``, `\`${s.command}\``, s)),
    row("**the build** (its steps' sum)", `\`${data.build}\``, data.total),
    ...data.tools.map((t) => row(`lint tool: \`${t.label.split(" ")[0]}\``, `\`${t.command}\``, t)),
  ];
  const [base] = data.generators;
  const genRows = data.generators.map((g) => [
    g.name,
    ms(g.ms),
    ms(g.cpuMs),
    base ? ratio(g.ms, base.ms) : "",
    num(g.files),
    num(g.bytes),
    num(g.lines),
    g.emits,
  ]);
  return [
    `Wall and CPU time (CPU: user + system of the step and every process it starts) of each step of \`npm run build\` ` +
      `as the measured tree's package.json defines it, run in order in the bench's copy of the tree, ${data.runs} ` +
      "runs; each is a fresh process, so Node start-up and module loading are included. The build's time is the sum " +
      "of its steps in each run (without the outer npm's own start-up). The lint tool rows time each tool alone, " +
      "invoked as `scripts/lib/lint.ts` does (`npm run lint` runs both, side by side).",
    "",
    table(["step", "what it runs", "wall (median)", "CPU (median)", "wall, each run"], stepRows, "llrrl"),
    "",
    `Goal: \`npm run build\` under ${ms(BUILD_GOAL_MS)} — ${goal(data.total.ms, BUILD_GOAL_MS, { show: ms }).text}.`,
    "",
    `Generators on the same \`generated/openapi.json\`, as CLIs writing to a temporary directory (median of ${data.runs} runs):`,
    "",
    table(
      [
        "generator",
        "wall (median)",
        "CPU (median)",
        "wall vs openapi-typescript",
        "files",
        "bytes",
        "lines",
        "what it emits",
      ],
      genRows,
      "lrrrrrrl",
    ),
  ].join("\n");
}

export function summary(data: PipelineData): SummaryRow[] {
  return [
    [
      "3. pipeline",
      "`npm run build`, wall (CPU)",
      `${ms(data.total.ms)} (${ms(data.total.cpuMs)})`,
      `< ${ms(BUILD_GOAL_MS)}: ${goal(data.total.ms, BUILD_GOAL_MS, { show: ms }).text}`,
    ],
    [
      "3. pipeline",
      `generator wall time: ${data.generators.map((g) => g.name.split(" (")[0]).join(" / ")}`,
      data.generators.map((g) => ms(g.ms)).join(" / "),
      "—",
    ],
  ];
}
