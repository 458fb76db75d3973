// Shared helpers of the contract tests: the Prism base URL, requests built from a generated
// request description (sent through the package's client, or raw fetch for what its types forbid), Prism's validation messages, and ajv validators of response bodies.
import { inject } from "vitest";
import { operations } from "../../scripts/lib/spec.mjs";
import { createAppliveryClient, type AppliveryClient } from "../../src/index.js";
import { validator } from "../helpers/ajv.js";

export type Operation = {
  operationId: string;
  method: string;
  path: string;
  operation: {
    parameters: { name: string; in: string; required?: boolean; schema: Schema; example?: unknown }[];
    requestBody?: { content: Record<string, { schema: Schema; examples?: Record<string, { value: unknown }> }> };
    responses: Record<string, { content?: Record<string, { schema: Schema; examples?: Record<string, { value: unknown }> }> }>;
  };
};
export type Schema = Record<string, any>;
/** A complete request, as scripts/lib/request-cases.mjs describes one. */
export type RequestParts = { path: Record<string, unknown>; query: Record<string, unknown>; body?: unknown };
export type Reply = { status: number; headers: Headers; body: unknown; text: string };
export type Violation = { location: string[]; code: string | number; message: string };

export const ops = operations() as Operation[];
export const prismUrl = () => inject("prismUrl");
export const TOKEN = "contract-test-token";
export const AUTH = { authorization: `Bearer ${TOKEN}` };
/** Seed of the generated samples (fast-check bodies, Prism's dynamic bodies): CONTRACT_SEED, an integer. */
export const SEED = Number(process.env.CONTRACT_SEED ?? 20260213);
if (!Number.isSafeInteger(SEED)) throw new Error(`CONTRACT_SEED must be an integer, not ${process.env.CONTRACT_SEED}`);

/** The URL of `op` for `request` against `base` (path values encoded, query values stringified). */
export function urlFor(base: string, op: Operation, request: RequestParts) {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(request.path[name])));
  const query = new URLSearchParams(Object.entries(request.query).map(([k, v]) => [k, String(v)]));
  return `${base}${path}${query.size ? `?${query}` : ""}`;
}

/** Sends `request` to Prism with raw fetch; `headers` adds to (or, with `undefined`, removes) the defaults. */
export async function send(op: Operation, request: RequestParts, headers: Record<string, string | undefined> = {}, base = prismUrl()): Promise<Reply> {
  const all: Record<string, string> = {};
  const merged = { ...AUTH, ...(request.body === undefined ? {} : { "content-type": "application/json" }), ...headers };
  for (const [name, value] of Object.entries(merged)) if (value !== undefined) all[name] = value;
  const response = await fetch(urlFor(base, op, request), {
    method: op.method.toUpperCase(),
    headers: all,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body, text };
}

const clients = new Map<string, AppliveryClient>();
/** The package's own client against `base` (no retries: every answer is the first one). */
export function clientFor(base = prismUrl()) {
  if (!clients.has(base)) clients.set(base, createAppliveryClient({ baseUrl: base, token: TOKEN, retry: false }));
  return clients.get(base)!;
}

/**
 * Sends a request the client's types allow through the client; `headers` adds to its own. The
 * body of the reply is the client's `data` (success envelope) or `error` (error envelope).
 */
export async function call(op: Operation, request: RequestParts, headers: Record<string, string> = {}, base = prismUrl()): Promise<Reply> {
  // The operation is chosen at run time, so the path is not a literal the types could check.
  const method = clientFor(base)[op.method.toUpperCase() as "GET" | "POST"] as unknown as (path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  const init = { params: { path: request.path, query: request.query }, headers, ...(request.body === undefined ? {} : { body: request.body }) };
  const { data, error, response } = await method(op.path, init);
  const body = data ?? error;
  return { status: response.status, headers: response.headers, body, text: JSON.stringify(body) };
}

/** Prism's validation messages: the `validation` array of a 422, or the `sl-violations` header. */
export function violations(reply: Reply): Violation[] {
  const header = reply.headers.get("sl-violations");
  const list = header ? JSON.parse(header) : (reply.body as { validation?: Violation[] })?.validation ?? [];
  // Drop the leading "request" Prism puts in the header form, so both forms read alike.
  return list.map((v: Violation) => ({ ...v, location: v.location[0] === "request" ? v.location.slice(1) : v.location }));
}

/** `applications[0].managementFlags` → ["applications", "0", "managementFlags"]; "(body)" → []. */
export function fieldTokens(field: string) {
  if (field === "(body)") return [];
  return field.replace(/\[(\d+)\]/g, ".$1").split(".");
}

/**
 * Whether a violation with `keyword` as its code names `field` of `location`: its location is the
 * field itself, or the field's parent object with the field's name quoted in the message (Prism
 * reports a missing required property on the object that lacks it).
 */
export function namesField(list: Violation[], location: string, field: string, keyword: string) {
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((t, i) => t.toLowerCase() === b[i]!.toLowerCase());
  const full = [location, ...fieldTokens(field)];
  return list.some(
    (v) =>
      v.code === keyword &&
      (same(v.location, full) || (same(v.location, full.slice(0, -1)) && v.message.includes(`'${full.at(-1)}'`))),
  );
}

/** Runs `fn` over `items` with at most `limit` in flight; resolves to the results in order. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The JSON media type of an operation's response for `status` (every response here is JSON). */
export const responseContent = (op: Operation, status: string) => op.operation.responses[status]!.content!["application/json"]!;

const validators = new Map<string, ReturnType<typeof validator>>();
/** ajv (2020-12, formats on) for the response schema of `op` at `status`, compiled once. */
export function responseValidator(op: Operation, status: string) {
  const key = `${op.operationId} ${status}`;
  if (!validators.has(key)) validators.set(key, validator(responseContent(op, status).schema));
  return validators.get(key)!;
}

/** The request of the spec's own examples: path and query parameter examples, first body example. */
export function exampleRequest(op: Operation): RequestParts {
  const params = op.operation.parameters;
  const pick = (where: string) => Object.fromEntries(params.filter((p) => p.in === where && p.example !== undefined).map((p) => [p.name, p.example]));
  const examples = op.operation.requestBody?.content["application/json"]?.examples;
  const body = examples ? Object.values(examples)[0]!.value : undefined;
  return { path: pick("path"), query: pick("query"), ...(body === undefined ? {} : { body }) };
}

/** The status Prism answers an invalid request with: the declared 400, else its own 422. */
export const rejectionStatus = (op: Operation) => (op.operation.responses["400"] ? 400 : 422);
