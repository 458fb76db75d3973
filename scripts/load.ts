// npm run load (not a test): 2,000 requests through the package's client to a Prism mock this
// script starts on a free loopback port, 50 in flight, cycling through every operation of the spec
// with its example request. Prints a summary on stderr and the figures as JSON on stdout
// (`npm run load --silent > load.json`). Exits 1 if any request failed.
//
//   npm run load -- [--requests 2000] [--concurrency 50] [--warmup 100]
import { readFileSync } from "node:fs";
import os from "node:os";
import { AppliveryBulkError, createAppliveryClient } from "../src/index.js";
import { scriptArgs } from "./lib/cli.js";
import { drive, type ExampleCall, exampleCalls, loadFigures } from "./lib/load.js";
import { startMock } from "./lib/prism.js";
import { repoPath } from "./lib/spec.js";

const { values } = scriptArgs({
  options: {
    requests: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "50" },
    warmup: { type: "string", default: "100" },
  },
});
/** An option's value as a whole number of at least `least`; anything else is a usage error. */
function count(option: keyof typeof values, least: number): number {
  const value = Number(values[option]);
  if (Number.isInteger(value) && value >= least) return value;
  console.error(`load: --${option} must be a whole number of at least ${least}, not ${values[option]}`);
  process.exit(2);
}
const requests = count("requests", 1);
const concurrency = count("concurrency", 1);
const warmup = count("warmup", 0);

type Method = (args: object) => Promise<unknown>;

const calls = exampleCalls();
const prism = await startMock(["-v", "error"]);
let report: Record<string, unknown> & ReturnType<typeof loadFigures>;
try {
  const client = createAppliveryClient({ baseUrl: prism.url, token: "load-test-token", retry: false });
  /**
   * One call through the client's method for the operation, with the spec's examples. A bulk
   * creation whose answer counts uncreated tokens (the spec's first example does) was answered in
   * full: its AppliveryBulkError is not a failed request.
   */
  const send = (call: ExampleCall) =>
    ((client as unknown as Record<string, Method>)[call.operationId] as Method)(call.args).catch((error: unknown) => {
      if (error instanceof AppliveryBulkError) return error.result;
      throw error;
    });
  await drive(calls, send, warmup, concurrency);
  const driven = await drive(calls, send, requests, concurrency);
  report = {
    requests,
    concurrency,
    warmup,
    ...loadFigures(requests, driven),
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
    firstFailures: driven.failures.slice(0, 5),
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
