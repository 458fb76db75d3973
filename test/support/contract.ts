// What the contract tests share: the run's Prism URL, requests sent raw or through the package's
// client, Prism's validation messages, and ajv validators of response bodies.
import { inject } from "vitest";
import { validator } from "../../scripts/lib/ajv.js";
import type { MediaType, SpecOperation } from "../../scripts/lib/openapi.js";
import { operations } from "../../scripts/lib/spec.js";
import { type AppliveryClient, createAppliveryClient } from "../../src/index.js";
import type { RequestParts } from "./request-cases.js";

/** An operation's example request (path and query examples, the first body example): the one the docs' samples send. */
export { exampleRequest } from "../../scripts/lib/docs/samples.js";

export interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export interface Violation {
  location: string[];
  code: string | number;
  message: string;
}

export const ops: SpecOperation[] = operations();
export const prismUrl = (): string => inject("prismUrl");
export const TOKEN = "contract-test-token";
/** Seed of the generated valid requests (fast-check): CONTRACT_SEED, an integer. */
export const SEED = Number(process.env.CONTRACT_SEED ?? 20260213);
if (!Number.isSafeInteger(SEED)) throw new Error(`CONTRACT_SEED must be an integer, not ${process.env.CONTRACT_SEED}`);

/** The URL of `op` for `request` against `base` (path values encoded, query values stringified). */
function urlFor(base: string, op: SpecOperation, request: RequestParts): string {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(request.path[name])));
  const query = new URLSearchParams(Object.entries(request.query).map(([k, v]) => [k, String(v)]));
  return `${base}${path}${query.size ? `?${query}` : ""}`;
}

async function reply(response: Response): Promise<Reply> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** Sends `request` to Prism with raw fetch; `headers` adds to (or, with `undefined`, removes) the defaults. */
export async function send(
  op: SpecOperation,
  request: RequestParts,
  headers: Record<string, string | undefined> = {},
  base = prismUrl(),
): Promise<Reply> {
  const merged: Record<string, string | undefined> = {
    authorization: `Bearer ${TOKEN}`,
    ...(request.body === undefined ? {} : { "content-type": "application/json" }),
    ...headers,
  };
  const all = Object.fromEntries(
    Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const init: RequestInit = { method: op.method.toUpperCase(), headers: all };
  if (request.body !== undefined) init.body = JSON.stringify(request.body);
  return reply(await fetch(urlFor(base, op, request), init));
}

const clients = new Map<string, AppliveryClient>();
/** The package's own client against `base` (no retries: every answer is the first one). */
export function clientFor(base = prismUrl()): AppliveryClient {
  let client = clients.get(base);
  if (!client) {
    client = createAppliveryClient({ baseUrl: base, token: TOKEN, retry: false });
    clients.set(base, client);
  }
  return client;
}

type SurfaceCall = (path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * Sends a request through the client's openapi-fetch surface (`GET`/`POST` by path), with
 * `headers` added to its own. The body of the reply is `data` (success envelope) or `error` (error
 * envelope). The operation is chosen at run time, so the path is not a literal the types could check.
 */
export async function call(
  op: SpecOperation,
  request: RequestParts,
  headers: Record<string, string> = {},
  base = prismUrl(),
): Promise<Reply> {
  const method = clientFor(base)[op.method.toUpperCase() as "GET" | "POST"] as unknown as SurfaceCall;
  const init = {
    params: { path: request.path, query: request.query },
    headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  };
  const { data, error, response } = await method(op.path, init);
  const body = data ?? error;
  return { status: response.status, headers: response.headers, body, text: JSON.stringify(body) };
}

/** Prism's validation messages: the `validation` array of a 422, or the `sl-violations` header. */
export function violations(reply: Reply): Violation[] {
  const header = reply.headers.get("sl-violations");
  const list = (
    header ? JSON.parse(header) : ((reply.body as { validation?: Violation[] } | null)?.validation ?? [])
  ) as Violation[];
  // Drop the leading "request" Prism puts in the header form, so both forms read alike.
  return list.map((v) => ({ ...v, location: v.location[0] === "request" ? v.location.slice(1) : v.location }));
}

/** `applications[0].managementFlags` → ["applications", "0", "managementFlags"]; "(body)" → []. */
export function fieldTokens(field: string): string[] {
  if (field === "(body)") return [];
  return field.replace(/\[(\d+)\]/g, ".$1").split(".");
}

/**
 * Whether a violation with `keyword` as its code names `field` of `location`: its location is the
 * field itself, or the field's parent object with the field's name quoted in the message (Prism
 * reports a missing required property on the object that lacks it).
 */
export function namesField(list: Violation[], location: string, field: string, keyword: string): boolean {
  const same = (a: string[], b: string[]) =>
    a.length === b.length && a.every((t, i) => t.toLowerCase() === b[i]?.toLowerCase());
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
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The JSON media type of an operation's response for `status` (every response here is JSON). */
export function responseContent(op: SpecOperation, status: string): MediaType {
  const content = op.operation.responses[status]?.content?.["application/json"];
  if (!content) throw new Error(`${op.operationId} ${status} has no JSON response`);
  return content;
}

const validators = new Map<string, ReturnType<typeof validator>>();
/** ajv (2020-12, formats on) for the response schema of `op` at `status`, compiled once. */
export function responseValidator(op: SpecOperation, status: string): ReturnType<typeof validator> {
  const key = `${op.operationId} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = validator(responseContent(op, status).schema ?? {});
    validators.set(key, validate);
  }
  return validate;
}

/** The status Prism answers an invalid request with: the declared 400, else its own 422. */
export const rejectionStatus = (op: SpecOperation): number => (op.operation.responses["400"] ? 400 : 422);
