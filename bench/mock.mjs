// Figure 5: throughput of the client against a local Prism mock, from the contract work's load
// script (scripts/load.mjs: 2,000 requests through the compiled client, 50 in flight, the five
// operations in turn, Prism started on a free loopback port). Run in the workspace, so it uses the
// workspace's dist/ and bundle; several runs, the median of each figure.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { log, runIfMain } from "./lib/figure.mjs";
import { ENV, version } from "./lib/workspace.mjs";
import { median, ms, num, table } from "./lib/stats.mjs";

const RUNS = 3;

/** One run of scripts/load.mjs: its JSON report (it exits 1 when a request failed; that is a figure too). */
function loadRun(workspace) {
  const run = spawnSync(process.execPath, [join(workspace, "scripts", "load.mjs")], { cwd: workspace, env: ENV, encoding: "utf8" });
  try {
    return JSON.parse(run.stdout);
  } catch {
    throw new Error(`scripts/load.mjs exited with ${run.status ?? run.signal} and no report:\n${run.stderr.slice(-4000)}`);
  }
}

export async function measure(workspace) {
  const reports = [];
  for (let i = 0; i < RUNS; i++) {
    const report = loadRun(workspace);
    log(`mock: run ${i + 1}/${RUNS}: ${report.throughputPerSecond} req/s, p50 ${report.latencyMs.p50} ms, p99 ${report.latencyMs.p99} ms, ${report.failures} failures`);
    reports.push(report);
  }
  return { runs: RUNS, prism: version("@stoplight/prism-cli"), reports };
}

export function section({ runs, prism, reports }) {
  const { requests, concurrency, warmup } = reports[0];
  const pick = (f) => reports.map(f);
  const row = (label, values, show) => [label, show(median(values)), values.map(show).join(", ")];
  const failures = pick((r) => r.failures);
  return [
    `\`scripts/load.mjs\`: ${num(requests)} requests through \`createAppliveryClient\` (retries off) to a Prism ${prism} ` +
      `mock of the bundle on 127.0.0.1, ${concurrency} in flight, the five operations in turn with the spec's ` +
      `examples, after ${warmup} warm-up requests; a request fails unless it answers 200 with the envelope. ` +
      `Median of ${runs} runs, each with a fresh Prism. The mock shares the machine's two cores with the client, so ` +
      "this measures Prism as much as the client: it is the contract suite's capacity, not the API's.",
    "",
    table(
      ["figure", "median", "each run"],
      [
        row("throughput (requests/s)", pick((r) => r.throughputPerSecond), (v) => num(v)),
        row("latency p50", pick((r) => r.latencyMs.p50), ms),
        row("latency p99", pick((r) => r.latencyMs.p99), ms),
        row("latency max", pick((r) => r.latencyMs.max), ms),
        ["failures", `${num(failures.reduce((a, b) => a + b, 0))} in all`, failures.map(String).join(", ")],
      ],
      "lrl",
    ),
  ].join("\n");
}

/** Summary rows: [figure, measure, result, goal]. */
export function summary({ reports }) {
  const m = (f) => median(reports.map(f));
  const failures = reports.reduce((n, r) => n + r.failures, 0);
  return [
    ["5. mock load", "requests/s, p50, p99, failures", `${num(m((r) => r.throughputPerSecond))} req/s, ${ms(m((r) => r.latencyMs.p50))}, ${ms(m((r) => r.latencyMs.p99))}, ${failures}`, "—"],
  ];
}

await runIfMain(import.meta.url, measure);
