// What figure 1's contenders exchange: an operation's documented request (path parameters, query
// and body from the spec's examples) and its documented 200 answer, served by a stub fetch that
// makes a fresh Response of it on every call.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Document } from "../../scripts/lib/openapi.js";
import { operations } from "../../scripts/lib/spec.js";

export type QueryValue = string | number | boolean;

export interface Exchange {
  operationId: string;
  method: "GET" | "POST";
  /** The path template. */
  path: string;
  pathParams: Record<string, string>;
  query: Record<string, QueryValue>;
  /** The first example of the request body; undefined for an operation without one. */
  body: unknown;
  /** The first example of the 200 response, as JSON text. */
  answer: string;
  /** The `data` of that example: what every contender must hand back. */
  data: unknown;
}

/** The measured tree's bundle (generated/openapi.json). */
export const loadBundle = (workspace: string): Document =>
  JSON.parse(readFileSync(join(workspace, "generated", "openapi.json"), "utf8")) as Document;

const firstExample = (examples: Record<string, { value?: unknown }> | undefined): unknown =>
  Object.values(examples ?? {})[0]?.value;

/** `data` of an Applivery envelope, or undefined when the value is not one. */
export function dataOf(envelope: unknown): unknown {
  return envelope !== null && typeof envelope === "object" && "data" in envelope ? envelope.data : undefined;
}

export function documentedExchange(bundle: Document, operationId: string): Exchange {
  const found = operations(bundle).find((op) => op.operationId === operationId);
  if (!found) throw new Error(`the bundle has no operation ${operationId}`);
  const { method, path, operation } = found;
  if (method !== "get" && method !== "post") throw new Error(`${operationId}: figure 1 measures GET and POST only`);
  const examples = (where: "path" | "query") =>
    Object.fromEntries(
      operation.parameters.filter((p) => p.in === where && p.example !== undefined).map((p) => [p.name, p.example]),
    );
  const answer = firstExample(operation.responses["200"]?.content?.["application/json"]?.examples);
  if (answer === undefined) throw new Error(`${operationId}: no example of its 200 response`);
  return {
    operationId,
    method: method === "get" ? "GET" : "POST",
    path,
    pathParams: examples("path") as Record<string, string>,
    query: examples("query") as Record<string, QueryValue>,
    body: firstExample(operation.requestBody?.content["application/json"]?.examples),
    answer: JSON.stringify(answer),
    data: dataOf(answer),
  };
}

/** The URL of the exchange's request under `baseUrl`, with its path parameters and query. */
export function urlOf(baseUrl: string, exchange: Exchange): string {
  const path = exchange.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(exchange.pathParams[name] ?? ""),
  );
  const query = new URLSearchParams(Object.entries(exchange.query).map(([k, v]) => [k, String(v)])).toString();
  return `${baseUrl}${path}${query ? `?${query}` : ""}`;
}

export type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** A fetch that answers every request at once with a fresh Response of the documented 200 example. */
export function stubFetch(exchange: Exchange): Fetch {
  const { answer } = exchange;
  return async () => new Response(answer, { status: 200, headers: { "content-type": "application/json" } });
}

/** What a contender sent, as the stub saw it. */
export interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

/** {@link stubFetch} that also reports each request it receives (read from a copy). */
export function recordingFetch(exchange: Exchange, record: (sent: Sent) => void): Fetch {
  const stub = stubFetch(exchange);
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const body = request.body === null ? null : await request.clone().text();
    record({ method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body });
    return stub(request);
  };
}
