// Load run (not a test): 2,000 requests through the compiled client (dist/, `npm run compile`) to
// a Prism mock this script starts on a free loopback port, 50 in flight, cycling through the five
// operations with the spec's example requests. Prints a summary on stderr and the figures as JSON
// on stdout (`npm run load --silent > load.json`). Exits 1 if any request failed.
//
//   node scripts/load.mjs [--requests 2000] [--concurrency 50] [--warmup 100]
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { startMock } from "./lib/prism.mjs";
import { loadBundle, operations, ROOT } from "./lib/spec.mjs";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "50" },
    warmup: { type: "string", default: "100" },
  },
});
const [requests, concurrency, warmup] = [values.requests, values.concurrency, values.warmup].map(Number);

const dist = new URL("dist/index.js", ROOT);
if (!existsSync(dist)) {
  console.error("load: dist/index.js is missing; run `npm run compile` first (npm run load does).");
  process.exit(1);
}
const { createAppliveryClient, unwrap } = await import(dist.href);

// One call per operation, with the spec's first example body and the parameter examples.
const calls = operations(loadBundle()).map(({ operationId, method, path, operation }) => {
  const example = (where) =>
    Object.fromEntries(
      operation.parameters.filter((p) => p.in === where && p.example !== undefined).map((p) => [p.name, p.example]),
    );
  const body = Object.values(operation.requestBody?.content["application/json"].examples ?? {})[0]?.value;
  const init = { params: { path: example("path"), query: example("query") }, ...(body ? { body } : {}) };
  return { operationId, send: (client) => client[method.toUpperCase()](path, init) };
});

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function drive(client, count) {
  const latencies = [];
  const failures = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const call = calls[next++ % calls.length];
      const start = performance.now();
      try {
        const result = await call.send(client);
        unwrap(result);
        if (result.response.status !== 200) throw new Error(`status ${result.response.status}`);
      } catch (error) {
        failures.push(`${call.operationId}: ${error.message}`);
      }
      latencies.push(performance.now() - start);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { durationMs: performance.now() - start, latencies, failures };
}

const prism = await startMock(["-v", "error"]);
let report;
try {
  const client = createAppliveryClient({ baseUrl: prism.url, token: "load-test-token", retry: false });
  await drive(client, warmup);
  const { durationMs, latencies, failures } = await drive(client, requests);
  const sorted = latencies.sort((a, b) => a - b);
  const round = (ms) => Math.round(ms * 100) / 100;
  report = {
    requests,
    concurrency,
    warmup,
    failures: failures.length,
    durationMs: round(durationMs),
    throughputPerSecond: round((requests / durationMs) * 1000),
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p90: round(percentile(sorted, 90)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted.at(-1)),
      mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    },
    operations: calls.map((c) => c.operationId),
    environment: {
      node: process.version,
      cpus: os.cpus().length,
      prism: JSON.parse(readFileSync(new URL("node_modules/@stoplight/prism-cli/package.json", ROOT), "utf8")).version,
    },
    firstFailures: failures.slice(0, 5),
  };
} finally {
  await prism.stop();
}

const { latencyMs: l } = report;
console.error(
  `load: ${requests} requests, ${concurrency} in flight, in ${report.durationMs} ms: ${report.throughputPerSecond} req/s; ` +
    `latency p50 ${l.p50} ms, p99 ${l.p99} ms, max ${l.max} ms; failures ${report.failures}`,
);
console.log(JSON.stringify(report, null, 2));
process.exit(report.failures ? 1 : 0);
