// Figure 5, written: the client's throughput and latency against Prism beside plain fetch's.
import { ms, num, table, times } from "../lib/format.js";
import { roundRatios } from "../lib/paired.js";
import { median } from "../lib/stats.js";
import type { SummaryRow } from "../lib/summary.js";
import type { MockData, Way } from "./measure.js";

const WAYS: Record<Way, string> = {
  client: "the package's client (generated methods)",
  fetch: "plain `fetch`, the same requests (baseline)",
};

type Run = MockData["runs"][number];

const runsOf = (data: MockData, way: Way) => data.runs.filter((r) => r.way === way);
const med = (data: MockData, way: Way, f: (r: Run) => number) => median(runsOf(data, way).map(f));

/**
 * Per pair of runs (they alternate: client then fetch, fetch then client, …), the client's figure
 * over plain fetch's.
 */
function pairRatios(data: MockData, f: (r: Run) => number): number[] {
  return roundRatios(runsOf(data, "client").map(f), runsOf(data, "fetch").map(f));
}

/** The first failures of each way, when there were any. */
function failures(data: MockData): string[] {
  const lines = (["client", "fetch"] as const).flatMap((way) => {
    const seen = [...new Set(runsOf(data, way).flatMap((r) => r.firstFailures))];
    return seen.length > 0 ? [`- ${WAYS[way]}: ${seen.map((f) => `\`${f}\``).join("; ")}`] : [];
  });
  return lines.length > 0 ? ["", "First failures:", "", ...lines] : [];
}

export function section(data: MockData): string {
  const { load } = data;
  const rows = (["client", "fetch"] as const).flatMap((way) => {
    const runs = runsOf(data, way);
    const line = (label: string, f: (r: Run) => number, show: (v: number) => string) => [
      WAYS[way],
      label,
      show(med(data, way, f)),
      runs.map((r) => show(f(r))).join(", "),
    ];
    return [
      line(
        "throughput (requests/s)",
        (r) => r.throughputPerSecond,
        (v) => num(v),
      ),
      line("latency p50", (r) => r.latencyMs.p50, ms),
      line("latency p99", (r) => r.latencyMs.p99, ms),
      line("latency max", (r) => r.latencyMs.max, ms),
      line(
        "CPU of this process per request (µs)",
        (r) => r.cpuUsPerRequest,
        (v) => num(v),
      ),
      line(
        "failures",
        (r) => r.failures,
        (v) => num(v),
      ),
    ];
  });
  const throughput = pairRatios(data, (r) => r.throughputPerSecond);
  const cpu = pairRatios(data, (r) => r.cpuUsPerRequest);
  return [
    `${num(load.requests)} requests to a Prism ${data.prism} mock of the measured tree's bundle on 127.0.0.1, ` +
      `${load.concurrency} in flight, the ${data.operations.length} operations in turn with the spec's examples ` +
      `(\`scripts/lib/load.ts\`, as \`npm run load\` sends them), after ${load.warmup} warm-up requests (and ` +
      `${load.startup} each way before the first run): through the ` +
      "package's client (its generated methods, retries off), and, as the baseline, the same requests with plain " +
      "`fetch` (same URL, headers and body; a request fails unless it answers 200 with a success envelope, as the " +
      `client requires). One Prism serves ${load.pairs} runs of each, alternating (client first, then plain fetch ` +
      "first, …). The mock shares the machine's cores with the client, so throughput measures Prism as much as " +
      "either: it is the contract suite's capacity, not the API's.",
    "",
    table(["requests sent with", "figure", "median", "each run"], rows, "llrl"),
    "",
    `Paired by run (each client run with the plain-fetch run beside it): the client's throughput is ` +
      `${times(median(throughput))} plain fetch's (pairs: ${throughput.map(times).join(", ")}), and the CPU it ` +
      `takes in this process per request ${times(median(cpu))} plain fetch's (pairs: ${cpu.map(times).join(", ")}). ` +
      "Throughput depends on Prism and on the machine's load; the CPU per request is the client's own cost.",
    ...failures(data),
  ].join("\n");
}

export function summary(data: MockData): SummaryRow[] {
  const failures = data.runs.reduce((n, r) => n + r.failures, 0);
  const client = med(data, "client", (r) => r.throughputPerSecond);
  const plain = med(data, "fetch", (r) => r.throughputPerSecond);
  return [
    [
      "5. mock load",
      "requests/s through the client vs plain fetch (paired ratio); client CPU per request vs plain fetch; client p50 / p99; failures",
      `${num(client)} vs ${num(plain)} req/s (${times(median(pairRatios(data, (r) => r.throughputPerSecond)))}); ` +
        `${times(median(pairRatios(data, (r) => r.cpuUsPerRequest)))}; ` +
        `${ms(med(data, "client", (r) => r.latencyMs.p50))} / ${ms(med(data, "client", (r) => r.latencyMs.p99))}; ${failures}`,
      "—",
    ],
  ];
}
