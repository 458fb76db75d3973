// Load against a mock: each operation's example call (from the spec), and a driver that sends a
// number of them with a fixed number in flight, timing each. Every operation is sent, whatever its
// method (PUT and DELETE among them): the calls only ever go to a Prism mock started for the run. Shared by npm run load
// (scripts/load.ts, through the package's client) and the bench's figure 5 (the client and plain
// fetch side by side).
import type { Document } from "./openapi.js";
import { operations } from "./spec.js";

/** One operation's example call. */
export interface ExampleCall {
  operationId: string;
  method: string;
  /** The path template. */
  path: string;
  pathParams: Record<string, unknown>;
  query: Record<string, unknown>;
  /** The first example of the request body, if the operation takes one. */
  body: unknown;
  /** The argument of the client's method: path parameters as keys, then `query` and `body`. */
  args: Record<string, unknown>;
}

/** Every operation of the bundle with its parameter examples and first body example. */
export function exampleCalls(bundle?: Document): ExampleCall[] {
  return operations(bundle).map(({ operationId, method, path, operation }) => {
    const example = (where: string) =>
      Object.fromEntries(
        operation.parameters.filter((p) => p.in === where && p.example !== undefined).map((p) => [p.name, p.example]),
      );
    const body = Object.values(operation.requestBody?.content["application/json"]?.examples ?? {})[0]?.value;
    const pathParams = example("path");
    const query = example("query");
    const args = {
      ...pathParams,
      ...(Object.keys(query).length ? { query } : {}),
      ...(body === undefined ? {} : { body }),
    };
    return { operationId, method: method.toUpperCase(), path, pathParams, query, body, args };
  });
}

/** The URL and fetch options of an example call under `baseUrl`, with `headers` (the token's among them). */
export function plainRequest(
  baseUrl: string,
  call: ExampleCall,
  headers: Record<string, string>,
): { url: string; init: RequestInit } {
  const path = call.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(call.pathParams[name])),
  );
  // An array is sent as the client sends it (form style, exploded): the name once per value.
  const query = new URLSearchParams(
    Object.entries(call.query).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((item) => [k, String(item)])),
  ).toString();
  const json = call.body !== undefined;
  return {
    url: `${baseUrl}${path}${query ? `?${query}` : ""}`,
    init: {
      method: call.method,
      headers: { accept: "application/json", ...headers, ...(json ? { "content-type": "application/json" } : {}) },
      ...(json ? { body: JSON.stringify(call.body) } : {}),
    },
  };
}

export interface Driven {
  durationMs: number;
  /** Each request's latency in ms, in the order they completed. */
  latencies: number[];
  /** `operationId: message` of each failed request. */
  failures: string[];
}

/**
 * Sends `count` calls, cycling through `calls`, with `concurrency` in flight; `send` rejects when
 * a call fails.
 */
export async function drive(
  calls: readonly ExampleCall[],
  send: (call: ExampleCall) => Promise<unknown>,
  count: number,
  concurrency: number,
): Promise<Driven> {
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const call = calls[next++ % calls.length];
      if (!call) break;
      const start = performance.now();
      try {
        await send(call);
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

export interface LoadFigures {
  durationMs: number;
  throughputPerSecond: number;
  failures: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
}

const round = (ms: number) => Math.round(ms * 100) / 100;
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** Throughput and latency percentiles of a run of `requests` requests. */
export function loadFigures(requests: number, { durationMs, latencies, failures }: Driven): LoadFigures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    durationMs: round(durationMs),
    throughputPerSecond: round((requests / durationMs) * 1000),
    failures: failures.length,
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p90: round(percentile(sorted, 90)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted.at(-1) ?? 0),
      mean: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
    },
  };
}
