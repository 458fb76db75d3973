// npm run load (not a test): 2,000 requests through the package's client to a Prism mock this
// script starts on a free loopback port, 50 in flight, cycling through every operation of the spec
// with its example request. Prints a summary on stderr and the figures as JSON on stdout
// (`npm run load --silent > load.json`). Exits 1 if any request failed.
//
//   npm run load -- [--requests 2000] [--concurrency 50] [--warmup 100]
import { readFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { type AppliveryClient, createAppliveryClient } from "../src/index.js";
import { startMock } from "./lib/prism.js";
import { operations, repoPath } from "./lib/spec.js";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "50" },
    warmup: { type: "string", default: "100" },
  },
});
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const warmup = Number(values.warmup);

type Method = (args: object) => Promise<unknown>;

/** One call per operation: its method on the client, with the spec's parameter and first body examples. */
const calls = operations().map(({ operationId, operation }) => {
  const example = (where: string) =>
    Object.fromEntries(
      operation.parameters.filter((p) => p.in === where && p.example !== undefined).map((p) => [p.name, p.example]),
    );
  const body = Object.values(operation.requestBody?.content["application/json"]?.examples ?? {})[0]?.value;
  const query = example("query");
  const args = {
    ...example("path"),
    ...(Object.keys(query).length ? { query } : {}),
    ...(body === undefined ? {} : { body }),
  };
  return {
    operationId,
    send: (client: AppliveryClient) => ((client as unknown as Record<string, Method>)[operationId] as Method)(args),
  };
});

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

async function drive(client: AppliveryClient, count: number) {
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const call = calls[next++ % calls.length];
      if (!call) break;
      const start = performance.now();
      try {
        await call.send(client);
      } catch (error) {
        failures.push(`${call.operationId}: ${error instanceof Error ? error.message : String(error)}`);
      }
      latencies.push(performance.now() - start);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { durationMs: performance.now() - start, latencies, failures };
}

const prism = await startMock(["-v", "error"]);
const round = (ms: number) => Math.round(ms * 100) / 100;
let report: Record<string, unknown> & {
  durationMs: number;
  throughputPerSecond: number;
  failures: number;
  latencyMs: Record<string, number>;
};
try {
  const client = createAppliveryClient({ baseUrl: prism.url, token: "load-test-token", retry: false });
  await drive(client, warmup);
  const { durationMs, latencies, failures } = await drive(client, requests);
  const sorted = latencies.sort((a, b) => a - b);
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
      max: round(sorted.at(-1) ?? 0),
      mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    },
    operations: calls.map((c) => c.operationId),
    environment: {
      node: process.version,
      cpus: os.cpus().length,
      prism: (
        JSON.parse(readFileSync(repoPath("node_modules/@stoplight/prism-cli/package.json"), "utf8")) as {
          version: string;
        }
      ).version,
    },
    firstFailures: failures.slice(0, 5),
  };
} finally {
  await prism.stop();
}

const l = report.latencyMs;
console.error(
  `load: ${requests} requests, ${concurrency} in flight, in ${report.durationMs} ms: ${report.throughputPerSecond} req/s; ` +
    `latency p50 ${l.p50} ms, p99 ${l.p99} ms, max ${l.max} ms; failures ${report.failures}`,
);
console.log(JSON.stringify(report, null, 2));
process.exit(report.failures > 0 ? 1 : 0);
