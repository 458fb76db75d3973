// The openapi-fetch surface: client.GET / client.POST / … resolve to `{ data, error, response,
// operation }` with the server's envelopes as sent, middleware runs on openapi-fetch's own Request
// (for the operation methods too), and the Response handed on is an ordinary one with the server's
// body as sent.
import { describe, expect, it } from "vitest";
import {
  type AppliveryClientOptions,
  AppliveryError,
  createAppliveryClient,
  type Middleware,
} from "../../src/index.js";
import {
  anOperation,
  argsOf,
  bodyCases,
  expandedPath,
  fetchCallOf,
  initOf,
  methodOf,
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
  it("resolves to { data, response, operation } with the server's envelope", async () => {
    const data = successData(c);
    const { client, calls } = setup([ok(data, 200, { "x-request-id": "r-1" })]);
    const result = await fetchCallOf(client, c.method)(c.path, initOf(c));
    expect(result.data).toEqual({ status: true, data });
    expect(result.error).toBeUndefined();
    expect(result.operation).toBe(c.operationId);
    expect(result.response.status).toBe(200);
    expect(result.response.headers.get("x-request-id")).toBe("r-1");
    expect(calls).toHaveLength(1);
    const url = new URL(calls[0]?.url ?? "");
    expect(`${url.origin}${url.pathname}`).toBe(BASE + expandedPath(c));
    expect(calls[0]?.method).toBe(c.method);
    expect(calls[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    if (c.body === undefined) expect(calls[0]?.headers.has("content-type")).toBe(false);
    else expect(JSON.parse(calls[0]?.body ?? "")).toEqual(c.body);
  });

  it("puts an error envelope in error, as sent, with the response's status", async () => {
    const { status, envelope } = c.error;
    const { client } = setup([json(envelope, status)], { retry: false });
    const result = await fetchCallOf(client, c.method)(c.path, initOf(c));
    expect(result.data).toBeUndefined();
    expect(result.error).toEqual(envelope);
    expect(result.response.status).toBe(status);
    expect(result.operation).toBe(c.operationId);
  });

  it("puts an error envelope that came with a 2xx status in error, not in data", async () => {
    const { envelope } = c.error;
    const { client } = setup([json(envelope, 200)]);
    const result = await fetchCallOf(client, c.method)(c.path, initOf(c));
    expect(result.data).toBeUndefined();
    expect(result.error).toEqual(envelope);
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

describe.each(operationCases.filter((c) => c.bulk))("$operationId: bulk counts", (c) => {
  it("come back in data as sent, also when fail > 0 (the method is what rejects with an AppliveryBulkError)", async () => {
    const { client } = setup([ok({ total: 4, success: 1, fail: 3 })]);
    const result = await fetchCallOf(client, c.method)(c.path, initOf(c));
    expect(result.data).toEqual({ status: true, data: { total: 4, success: 1, fail: 3 } });
  });
});

describe("an answer that is no envelope", () => {
  it("rejects with a response error, as the method does (here: 204, no body)", async () => {
    const c = anOperation();
    const { client } = setup([() => new Response(null, { status: 204 })]);
    const error = await rejection(fetchCallOf(client, c.method)(c.path, initOf(c)));
    expect(error).toMatchObject({ kind: "response", status: 204, operation: c.operationId });
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
  it("is refused before anything is sent, named METHOD /path", async () => {
    const { client, calls } = setup([json({ status: false, error: { code: 3001, message: "Entity not found" } }, 404)]);
    const error = await rejection(fetchCallOf(client, "GET")("/not/in/spec", {}));
    expect(error).toMatchObject({ kind: "request", operation: "GET /not/in/spec" });
    expect(calls).toHaveLength(0);
  });
});

describe("middleware runs for the operation methods too", () => {
  it("onRequest sees the method's request (no token), onResponse its answer, and may replace the answer", async () => {
    const seen: string[] = [];
    const { client } = setup([ok(successData(first))]);
    client.use({
      onRequest({ request }) {
        seen.push(`${request.method} ${request.headers.get("authorization")}`);
      },
      onResponse({ response }) {
        seen.push(`answer ${response.status}`);
        return json({ status: true, data: { replaced: true } });
      },
    });
    const data = await methodOf(client, first.operationId)(argsOf(first));
    expect(seen).toEqual([`${first.method} null`, "answer 200"]);
    expect(data).toEqual({ replaced: true });
  });
});
