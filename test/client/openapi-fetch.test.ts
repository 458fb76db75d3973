// The openapi-fetch surface: client.GET / client.POST resolve to `{ data, error, response,
// operation }` (plus `apiError` for an error envelope), unwrap / unwrapBulk turn them into data or
// the package's errors, middleware runs on openapi-fetch's own Request, and the Response handed on
// is an ordinary one with the server's body as sent.
import { describe, expect, it } from "vitest";
import {
  AppliveryApiError,
  AppliveryBulkError,
  type AppliveryClientOptions,
  AppliveryError,
  createAppliveryClient,
  type Middleware,
  unwrap,
  unwrapBulk,
} from "../../src/index.js";
import {
  anOperation,
  bodyCases,
  expandedPath,
  fetchCallOf,
  initOf,
  type LooseResult,
  operationCases,
  successData,
} from "../support/operation-cases.js";
import { rejection } from "../support/secrets.js";
import { json, ok, type Reply, stubFetch } from "../support/stub-fetch.js";

const TOKEN = "0penapi-T0ken_5d2b";
const BASE = "https://api.example.test/v1";

function setup(replies: Reply[], options: Partial<AppliveryClientOptions> = {}) {
  const stub = stubFetch(...replies);
  const client = createAppliveryClient({ token: TOKEN, baseUrl: BASE, fetch: stub.fetch, ...options });
  return { ...stub, client };
}

describe.each(operationCases)("$operationId", (c) => {
  it("resolves to { data, response, operation } with the server's envelope, and unwrap gives its data", async () => {
    const data = successData(c);
    const { client, calls } = setup([ok(data, 200, { "x-request-id": "r-1" })]);
    const result = await fetchCallOf(client, c.method)(c.path, initOf(c));
    expect(result.data).toEqual({ status: true, data });
    expect(result.error).toBeUndefined();
    expect(result.apiError).toBeUndefined();
    expect(result.operation).toBe(c.operationId);
    expect(result.response.status).toBe(200);
    expect(result.response.headers.get("x-request-id")).toBe("r-1");
    expect(unwrap(result as Parameters<typeof unwrap>[0])).toEqual(data);
    expect(calls).toHaveLength(1);
    const url = new URL(calls[0]?.url ?? "");
    expect(`${url.origin}${url.pathname}`).toBe(BASE + expandedPath(c));
    expect(calls[0]?.method).toBe(c.method);
    expect(calls[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    if (c.body === undefined) expect(calls[0]?.headers.has("content-type")).toBe(false);
    else expect(JSON.parse(calls[0]?.body ?? "")).toEqual(c.body);
  });

  it("sets apiError for an error envelope, and unwrap throws it", async () => {
    const { status, envelope } = c.error;
    const { client } = setup([json(envelope, status)], { retry: false });
    const result = await fetchCallOf(client, c.method)(c.path, initOf(c));
    expect(result.data).toBeUndefined();
    expect(result.error).toEqual(envelope);
    expect(result.apiError).toBeInstanceOf(AppliveryApiError);
    expect(result.apiError).toMatchObject({
      code: envelope.error.code,
      status,
      operation: c.operationId,
      apiMessage: envelope.error.message,
    });
    expect(() => unwrap(result as Parameters<typeof unwrap>[0])).toThrow(result.apiError);
  });

  it("puts an error envelope that came with a 2xx status in error, with apiError, not in data", async () => {
    const { envelope } = c.error;
    const { client } = setup([json(envelope, 200)]);
    const result = await fetchCallOf(client, c.method)(c.path, initOf(c));
    expect(result.data).toBeUndefined();
    expect(result.error).toEqual(envelope);
    expect(result.apiError).toMatchObject({ code: envelope.error.code, status: 200, operation: c.operationId });
    expect(() => unwrap(result as Parameters<typeof unwrap>[0])).toThrow(result.apiError);
  });

  it("sends the call's own headers, but never lets them replace the token", async () => {
    const { client, calls } = setup([ok(successData(c))]);
    await fetchCallOf(client, c.method)(
      c.path,
      initOf(c, { headers: { "x-call": "1", authorization: "Bearer other" } }),
    );
    expect(calls[0]?.headers.get("x-call")).toBe("1");
    expect(calls[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
  });
});

describe.each(operationCases.filter((c) => c.bulk))("$operationId: unwrapBulk", (c) => {
  it("throws an AppliveryBulkError with the counts when fail > 0, and returns counts otherwise", async () => {
    const { client } = setup([ok({ total: 4, success: 1, fail: 3 }), ok({ total: 4, success: 4, fail: 0 })]);
    const call = () => fetchCallOf(client, c.method)(c.path, initOf(c)) as Promise<Parameters<typeof unwrapBulk>[0]>;
    const failed = await call();
    expect(() => unwrapBulk(failed)).toThrow(AppliveryBulkError);
    try {
      unwrapBulk(failed);
    } catch (error) {
      expect(error).toMatchObject({
        kind: "bulk",
        operation: c.operationId,
        result: { total: 4, success: 1, fail: 3 },
      });
    }
    expect(unwrapBulk(await call())).toEqual({ total: 4, success: 4, fail: 0 });
  });
});

describe("unwrap", () => {
  it("throws a response error for a result without an envelope", () => {
    const response = new Response(null, { status: 204 });
    expect(() => unwrap({ response, operation: "op" })).toThrow(AppliveryError);
    try {
      unwrap({ response, operation: "op" });
    } catch (error) {
      expect(error).toMatchObject({ kind: "response", status: 204, operation: "op" });
    }
  });
});

const first = anOperation();

describe("middleware", () => {
  it("runs onRequest with openapi-fetch's Request (no token on it) and onResponse with the answer; eject removes it", async () => {
    const seen: { request: Request; authorization: string | null; url: string; method: string }[] = [];
    const responses: Response[] = [];
    const middleware: Middleware = {
      onRequest({ request }) {
        seen.push({
          request,
          authorization: request.headers.get("authorization"),
          url: request.url,
          method: request.method,
        });
      },
      onResponse({ response }) {
        responses.push(response);
      },
    };
    const { client, calls } = setup([ok(successData(first))]);
    client.use(middleware);
    await fetchCallOf(client, first.method)(first.path, initOf(first));
    expect(seen).toHaveLength(1);
    expect(seen[0]?.request).toBeInstanceOf(Request);
    expect(seen[0]?.request).not.toBe(calls[0]?.request);
    expect(seen[0]?.authorization).toBeNull();
    expect(seen[0]?.method).toBe(first.method);
    expect(seen[0]?.url).toBe(calls[0]?.url);
    expect(responses).toHaveLength(1);
    client.eject(middleware);
    await fetchCallOf(client, first.method)(first.path, initOf(first));
    expect(seen).toHaveLength(1);
    expect(calls).toHaveLength(2);
  });

  it("hands onResponse an ordinary Response: unread, with the server's body as sent, readable every way", async () => {
    const raw = '{ "status" : true ,\n "data" : {"z":1,"a":[2, 3.50],"s":"\\u00e9\\/"} }\n';
    const reads: Record<string, unknown> = {};
    const { client } = setup([
      () => new Response(raw, { status: 200, statusText: "Fine", headers: { "content-type": "application/json" } }),
    ]);
    client.use({
      async onResponse({ response }) {
        reads.bodyUsed = response.bodyUsed;
        reads.prototype = Object.getPrototypeOf(response) === Response.prototype;
        reads.ownNames = Object.getOwnPropertyNames(response);
        reads.status = response.status;
        reads.statusText = response.statusText;
        const [a, b, d] = [response.clone(), response.clone(), response.clone()];
        reads.text = await a.text();
        reads.json = await b.json();
        reads.bytes = new TextDecoder().decode(await d.arrayBuffer());
        reads.usedAfterClones = response.bodyUsed;
      },
    });
    const result = await fetchCallOf(client, first.method)(first.path, initOf(first));
    expect(reads).toEqual({
      bodyUsed: false,
      prototype: true,
      ownNames: [],
      status: 200,
      statusText: "Fine",
      text: raw,
      json: JSON.parse(raw),
      bytes: raw,
      usedAfterClones: false,
    });
    expect(result.data).toEqual(JSON.parse(raw));
    expect(Object.getPrototypeOf(result.response)).toBe(Response.prototype);
    expect(Object.getOwnPropertyNames(result.response)).toEqual([]);
  });

  it("lets onRequest answer with a Response of its own, without any fetch", async () => {
    const { client, calls } = setup([ok({ from: "server" })]);
    client.use({ onRequest: () => json({ status: true, data: { from: "middleware" } }) });
    const result = await fetchCallOf(client, first.method)(first.path, initOf(first));
    expect(result.data).toEqual({ status: true, data: { from: "middleware" } });
    expect(calls).toHaveLength(0);
  });

  it("turns a middleware's throw into an AppliveryError of kind request, with a redacted copy as cause", async () => {
    for (const thrown of [new RangeError(`bad ${TOKEN}`), `a string ${TOKEN}`, { weird: TOKEN }]) {
      const { client, calls } = setup([ok(successData(first))]);
      client.use({
        onRequest() {
          throw thrown;
        },
      });
      const error = await rejection(fetchCallOf(client, first.method)(first.path, initOf(first)));
      expect(error).toBeInstanceOf(AppliveryError);
      expect(error).toMatchObject({ kind: "request", operation: first.operationId });
      expect((error as Error).message).not.toContain(TOKEN);
      expect(String((error as Error).cause ?? "")).not.toContain(TOKEN);
      expect(calls).toHaveLength(0);
    }
  });
});

describe.each(bodyCases)("$operationId: a body openapi-fetch cannot write", (c) => {
  it.each<[string, (body: Record<string, unknown>) => unknown]>([
    [
      "circular",
      (body) => {
        const copy: Record<string, unknown> = { ...body };
        copy.self = copy;
        return copy;
      },
    ],
    ["holding a BigInt", (body) => ({ ...body, big: 1n })],
  ])("is an AppliveryError of kind request when %s, not a raw TypeError, and nothing is sent", async (_, make) => {
    const { client, calls } = setup([ok(successData(c))]);
    const error = await rejection(
      fetchCallOf(client, c.method)(c.path, initOf(c, { body: make(c.body as Record<string, unknown>) })),
    );
    expect(error).toBeInstanceOf(AppliveryError);
    expect(error).toMatchObject({ kind: "request", operation: c.operationId });
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(calls).toHaveLength(0);
  });
});

describe("a path the spec does not have", () => {
  it("is named METHOD /path, and still goes only to baseUrl", async () => {
    const { client, calls } = setup([json({ status: false, error: { code: 3001, message: "Entity not found" } }, 404)]);
    const result: LooseResult = await fetchCallOf(client, "GET")("/not/in/spec", {});
    expect(result.operation).toBe("GET /not/in/spec");
    expect(result.apiError).toMatchObject({ code: 3001, status: 404, operation: "GET /not/in/spec" });
    expect(calls[0]?.url).toBe(`${BASE}/not/in/spec`);
  });
});
