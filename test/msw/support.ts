// Shared set-up of the msw tests: one MSW server per test file (each test adds its own handler set
// with server.use), the package's client pointed at it, and requests the spec allows.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import { isObject } from "../../scripts/lib/json.js";
import { operations } from "../../scripts/lib/spec.js";
import { type AppliveryClient, createAppliveryClient } from "../../src/index.js";
import { type AppliveryMock, type CreateHandlersOptions, createHandlers } from "../../src/msw/index.js";
import { type RequestParts, requestCases } from "../support/request-cases.js";

export const TOKEN = "msw-test-token-5f0c1e2d";
export const ORG = "acme-corp";
export const DEFAULT_BASE = "https://api.applivery.io/v1";

/** Every operation of the bundle, dereferenced (scripts/lib/spec.ts). */
export const specOperations = operations();

/** The 200 examples' bodies of an operation, in document order. */
export function successExamples(operationId: string): { name: string; body: unknown }[] {
  const op = specOperations.find((o) => o.operationId === operationId);
  if (!op) throw new Error(`no operation ${operationId}`);
  const examples = op.operation.responses["200"]?.content?.["application/json"]?.examples ?? {};
  return Object.entries(examples).map(([name, example]) => ({ name, body: example.value }));
}

/**
 * The tokens a collection starts with by default, read from the bundle independently of the mock:
 * the items of every 200 example of the operations at the path of `operationId` that answer a page,
 * and the data of every 200 example of those that answer one token, in document order.
 */
export function exampleTokens(operationId: string): Record<string, unknown>[] {
  const path = specOperations.find((o) => o.operationId === operationId)?.path;
  if (!path) throw new Error(`no operation ${operationId}`);
  return specOperations
    .filter((op) => op.path === path)
    .flatMap((op) =>
      successExamples(op.operationId).flatMap(({ body }) => {
        const data = isObject(body) ? body.data : undefined;
        if (isObject(data) && Array.isArray(data.items)) return data.items.filter(isObject);
        return isObject(data) ? [data] : [];
      }),
    );
}

/** An MSW server for the file, failing on any request no handler takes. */
export function useServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** A handler set installed on `server` for the current test. */
export function install(server: ReturnType<typeof setupServer>, options?: CreateHandlersOptions): AppliveryMock {
  const mock = createHandlers(options);
  server.use(...mock.handlers);
  return mock;
}

export function client(baseUrl = DEFAULT_BASE): AppliveryClient {
  return createAppliveryClient({ token: TOKEN, baseUrl, retry: false });
}

type Call = (args: Record<string, unknown>) => Promise<unknown>;

/** The client's method for an operation, called with untyped arguments (for cases built at run time). */
export function method(applivery: AppliveryClient, operationId: string): Call {
  const call = (applivery as unknown as Record<string, Call | undefined>)[operationId];
  if (!call) throw new Error(`the client has no method ${operationId}`);
  return call;
}

/** The operation's request with every field of its body set (request-cases' first valid case). */
export function validRequest(operationId: string): RequestParts {
  const op = specOperations.find((o) => o.operationId === operationId);
  if (!op) throw new Error(`no operation ${operationId}`);
  const first = requestCases(op).cases.find((c) => c.valid);
  if (!first) throw new Error(`no valid case for ${operationId}`);
  return structuredClone(first.request);
}

/** The arguments of a client method for a request. */
export const argsOf = (request: RequestParts): Record<string, unknown> => ({
  ...request.path,
  ...(Object.keys(request.query).length > 0 ? { query: request.query } : {}),
  ...(request.body !== undefined ? { body: request.body } : {}),
});

/** The URL of an operation's request under `base`. */
export function urlOf(path: string, request: RequestParts, base = DEFAULT_BASE): string {
  const expanded = path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(request.path[name])));
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query))
    for (const v of [value].flat()) query.append(name, String(v));
  const search = query.toString();
  return `${base}${expanded}${search ? `?${search}` : ""}`;
}

/** A raw request to the mock, as `fetch` sends it, with the test token unless `headers` says otherwise. */
export async function send(
  operationId: string,
  request: RequestParts,
  {
    headers = { authorization: `Bearer ${TOKEN}` },
    base = DEFAULT_BASE,
  }: { headers?: Record<string, string>; base?: string } = {},
): Promise<{ status: number; body: unknown }> {
  const op = specOperations.find((o) => o.operationId === operationId);
  if (!op) throw new Error(`no operation ${operationId}`);
  const init: RequestInit = { method: op.method.toUpperCase(), headers: { ...headers } };
  if (request.body !== undefined) {
    init.body = JSON.stringify(request.body);
    init.headers = { "content-type": "application/json", ...headers };
  }
  const response = await fetch(urlOf(op.path, request, base), init);
  return { status: response.status, body: await response.json() };
}
