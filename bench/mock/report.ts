// Figure 5, written: the client's throughput and latency against Prism beside plain fetch's.
import { ms, num, ratio, table } from "../lib/format.js";
import { median } from "../lib/stats.js";
import type { SummaryRow } from "../lib/summary.js";
import type { MockData, Way } from "./measure.js";

const WAYS: Record<Way, string> = {
  client: "the package's client (generated methods)",
  fetch: "plain `fetch`, the same requests (baseline)",
};

const runsOf = (data: MockData, way: Way) => data.runs.filter((r) => r.way === way);
const med = (data: MockData, way: Way, f: (r: MockData["runs"][number]) => number) => median(runsOf(data, way).map(f));

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
    const line = (label: string, f: (r: MockData["runs"][number]) => number, show: (v: number) => string) => [
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
        "failures",
        (r) => r.failures,
        (v) => num(v),
      ),
    ];
  });
  const client = med(data, "client", (r) => r.throughputPerSecond);
  const plain = med(data, "fetch", (r) => r.throughputPerSecond);
  return [
    `${num(load.requests)} requests to a Prism ${data.prism} mock of the measured tree's bundle on 127.0.0.1, ` +
      `${load.concurrency} in flight, the ${data.operations.length} operations in turn with the spec's examples ` +
      `(\`scripts/lib/load.ts\`, as \`npm run load\` sends them), after ${load.warmup} warm-up requests: through the ` +
      "package's client (retries off), and, as the baseline, the same requests with plain `fetch` (same URL, " +
      "headers and body; a request fails unless it answers 200 with a success envelope, as the client requires). " +
      `One Prism serves ${load.pairs} runs of each, alternating. The mock shares the machine's cores with the ` +
      "client, so this measures Prism as much as either: it is the contract suite's capacity, not the API's.",
    "",
    table(["requests sent with", "figure", "median", "each run"], rows, "llrl"),
    "",
    `The client's throughput is ${ratio(client, plain)} plain fetch's against this mock.`,
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
      "requests/s through the client vs plain fetch; client p50 / p99; failures",
      `${num(client)} vs ${num(plain)} req/s (${ratio(client, plain)}); ` +
        `${ms(med(data, "client", (r) => r.latencyMs.p50))} / ${ms(med(data, "client", (r) => r.latencyMs.p99))}; ${failures}`,
      "—",
    ],
  ];
}
