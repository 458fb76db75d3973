// The typed client's behaviour, against a stub fetch: request shape, results, faults, retries,
// pagination, bulk results and secret hygiene. Bodies come from the spec's own examples.
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { operations } from "../scripts/lib/spec.mjs";
import { operationName, retryAfterMs } from "../src/client.js";
import {
  AppliveryApiError,
  AppliveryBulkError,
  AppliveryError,
  ErrorCode,
  createAppliveryClient,
  paginateAppleEnrollmentTokens,
  unwrap,
  unwrapBulk,
  type AppliveryClientOptions,
} from "../src/index.js";

const bundle = JSON.parse(readFileSync(new URL("../generated/openapi.json", import.meta.url), "utf8"));
const example = (name: string) => structuredClone(bundle.components.examples[name].value);

const TOKEN = "s3cr3t-T0ken_4f9a8b7c";
const ORG = "65a1f0c2e4b0a1b2c3d4e5f6";
const BASE = "https://api.applivery.io/v1";
const APPLE = "/organizations/{organizationId}/mdm/apple/enterprise/enrollment-tokens" as const;
const BULK = "/organizations/{organizationId}/mdm/apple/enterprise/enrollment-tokens/bulk" as const;
const WINDOWS = "/organizations/{organizationId}/mdm/windows/enterprise/enrollment-tokens" as const;
const ANDROID = "/organizations/{organizationId}/mdm/android/enterprise/enrollment-tokens" as const;
const params = { path: { organizationId: ORG } };

type Call = { method: string; url: string; headers: Headers; body: string; at: number; signal: AbortSignal };
type Reply = Response | Error | ((request: Request) => Response | Promise<Response>);

/** A fetch that records each request and answers with the next reply (the last one repeats). */
function stubFetch(...replies: Reply[]) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (request: Request) => {
    calls.push({
      method: request.method,
      url: request.url,
      // A copy: the client takes the token off the request once the fetch has settled.
      headers: new Headers(request.headers),
      body: await request.clone().text(),
      at: Date.now(),
      signal: request.signal,
    });
    const reply = replies[Math.min(calls.length, replies.length) - 1]!;
    if (reply instanceof Error) throw reply;
    return typeof reply === "function" ? reply(request) : reply.clone();
  });
  return { fetch, calls };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
const envelopeError = (code: number, message: string) => ({ status: false, error: { code, message } });

function client(replies: Reply[], options: Partial<AppliveryClientOptions> = {}) {
  const stub = stubFetch(...replies);
  return { ...stub, client: createAppliveryClient({ token: TOKEN, fetch: stub.fetch, ...options }) };
}

/** Everything an error exposes: message, stack, own properties and the whole cause chain. */
const serialize = (error: unknown) =>
  [String(error), inspect(error, { depth: 20, showHidden: true }), JSON.stringify(error)].join("\n");

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

// No console output at all, and no unhandled rejection, in any test of this file.
const consoleMethods = ["log", "info", "warn", "error", "debug", "trace"] as const;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  for (const m of consoleMethods) vi.spyOn(console, m);
  unhandled.length = 0;
  process.on("unhandledRejection", onUnhandled);
});
afterEach(async () => {
  vi.useRealTimers();
  await new Promise((resolve) => setTimeout(resolve, 0));
  process.off("unhandledRejection", onUnhandled);
  for (const m of consoleMethods) expect(console[m], `console.${m}`).not.toHaveBeenCalled();
  expect(unhandled).toEqual([]);
  vi.restoreAllMocks();
});

describe("options", () => {
  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["only spaces", "   "],
    ["with a space", "abc def"],
    ["with a newline", "abc\ndef"],
    ["not a string", 42],
  ])("rejects a %s token with a TypeError that names the option", (_, token) => {
    expect(() => createAppliveryClient({ token } as unknown as AppliveryClientOptions)).toThrow(
      new TypeError("createAppliveryClient: options.token must be a non-empty API token without spaces"),
    );
  });

  it("rejects missing options", () => {
    expect(() => createAppliveryClient(undefined as unknown as AppliveryClientOptions)).toThrow(/options\.token/);
  });

  it.each([0, -1, 1.5, Number.NaN, "100"])("rejects timeoutMs %s", (timeoutMs) => {
    expect(() => createAppliveryClient({ token: TOKEN, timeoutMs } as unknown as AppliveryClientOptions)).toThrow(
      new TypeError("createAppliveryClient: options.timeoutMs must be a positive whole number of milliseconds"),
    );
  });

  it("does not quote a bad token in its error", () => {
    const error = (() => {
      try {
        createAppliveryClient({ token: `${TOKEN}\n` });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TypeError);
    expect(serialize(error)).not.toContain(TOKEN);
  });
});

describe("request shape", () => {
  const cases = [
    ["POST", APPLE, example("AppleEnrollmentTokenCreateRequestFull"), example("AppleEnrollmentTokenCreated")],
    ["POST", BULK, example("AppleEnrollmentTokenBulkCreateRequest"), example("BulkCreateResult")],
    ["POST", WINDOWS, example("WindowsEnrollmentTokenCreateRequest"), example("WindowsEnrollmentTokenCreated")],
    ["POST", ANDROID, example("AndroidEnrollmentTokenCreateRequest"), example("AndroidEnrollmentTokenCreated")],
  ] as const;

  it.each(cases)("%s %s: URL, method, headers and JSON body; data is the success envelope", async (method, path, body, reply) => {
    const { client: c, calls } = client([json(reply)]);
    const result = await c.POST(path as typeof APPLE, { params, body: body as never });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call!.method).toBe(method);
    expect(call!.url).toBe(BASE + path.replace("{organizationId}", ORG));
    expect(call!.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(call!.headers.get("content-type")).toBe("application/json");
    expect(call!.headers.get("accept")).toBe("application/json");
    expect(JSON.parse(call!.body)).toEqual(body);
    expect(result.data).toEqual(reply);
    expect(result.error).toBeUndefined();
    expect(result.response.status).toBe(200);
    expect(unwrap(result)).toEqual(reply.data);
  });

  it("GET list: query keeps filters and sort, no body, no Content-Type", async () => {
    const { client: c, calls } = client([json(example("AppleEnrollmentTokenList"))]);
    const result = await c.GET(APPLE, {
      params: { path: { organizationId: "acme-corp" }, query: { page: 2, limit: 25, sort: "createdAt:desc", "mdm-user": "698f3bde457fafa13d088791", "show-deleted": true } },
    });
    const url = new URL(calls[0]!.url);
    expect(calls[0]!.method).toBe("GET");
    expect(url.origin + url.pathname).toBe(`${BASE}/organizations/acme-corp/mdm/apple/enterprise/enrollment-tokens`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      page: "2",
      limit: "25",
      sort: "createdAt:desc",
      "mdm-user": "698f3bde457fafa13d088791",
      "show-deleted": "true",
    });
    expect(calls[0]!.body).toBe("");
    expect(calls[0]!.headers.get("content-type")).toBeNull();
    expect(unwrap(result).items).toEqual(example("AppleEnrollmentTokenList").data.items);
  });

  it("uses baseUrl (with or without a trailing slash) and extra headers; Authorization is always the token's", async () => {
    for (const baseUrl of ["http://127.0.0.1:4010", "http://127.0.0.1:4010/"]) {
      const { client: c, calls } = client([json(example("AppleEnrollmentTokenList"))], {
        baseUrl,
        headers: { "X-Request-Source": "tests", Authorization: "Bearer someone-else" },
      });
      await c.GET(APPLE, { params });
      expect(calls[0]!.url).toBe(`http://127.0.0.1:4010/organizations/${ORG}/mdm/apple/enterprise/enrollment-tokens`);
      expect(calls[0]!.headers.get("x-request-source")).toBe("tests");
      expect(calls[0]!.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    }
  });

  it("a POST with timeoutMs (a request copy that carries the time limit) sends the same body and headers", async () => {
    const body = example("AppleEnrollmentTokenCreateRequestFull");
    const { client: c, calls } = client([json(example("AppleEnrollmentTokenCreated"))], { timeoutMs: 5000 });
    const result = await c.POST(APPLE, { params, body });
    expect(JSON.parse(calls[0]!.body)).toEqual(body);
    expect(calls[0]!.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(calls[0]!.headers.get("accept")).toBe("application/json");
    expect(calls[0]!.headers.get("content-type")).toBe("application/json");
    expect(result.data).toEqual(example("AppleEnrollmentTokenCreated"));
  });

  // openapi-fetch reads a body with Content-Length through json(), one without through text().
  it.each([false, true])("request(), openapi-fetch's generic call, also returns the checked envelope (Content-Length: %s)", async (length) => {
    const reply = example("AppleEnrollmentTokenList");
    const text = JSON.stringify(reply);
    const headers = new Headers({ "Content-Type": "application/json" });
    if (length) headers.set("Content-Length", String(new TextEncoder().encode(text).length));
    const { client: c, calls } = client([new Response(text, { status: 200, headers })]);
    const result = await c.request("get", APPLE, { params });
    expect(result.data).toEqual(reply);
    expect(calls[0]!.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    const failing = client([json(envelopeError(4004, `Invalid Token: Bearer ${TOKEN}`), 200)]);
    await expect(failing.client.request("get", APPLE, { params })).rejects.toBeInstanceOf(AppliveryApiError);
  });

  it("looks up globalThis.fetch at call time when no fetch is given", async () => {
    const stub = stubFetch(json(example("AppleEnrollmentTokenList")));
    const c = createAppliveryClient({ token: TOKEN });
    vi.stubGlobal("fetch", stub.fetch);
    try {
      await c.GET(APPLE, { params });
    } finally {
      vi.unstubAllGlobals();
    }
    expect(stub.calls[0]!.url.startsWith(BASE)).toBe(true);
  });

  it("names every operation of the spec by its operationId", () => {
    const ops = operations();
    expect(ops).toHaveLength(5);
    for (const { method, path, operationId } of ops) {
      expect(operationName(method.toUpperCase(), BASE + path.replace("{organizationId}", ORG))).toBe(operationId);
    }
    expect(operationName("DELETE", `${BASE}/organizations/x/other`)).toBe("DELETE /v1/organizations/x/other");
  });
});

describe("the response the caller and middleware get", () => {
  it("text(), json() and clone() still read the body after the call, as often as asked", async () => {
    const reply = example("AppleEnrollmentTokenCreated");
    const { client: c } = client([json(reply)]);
    const { data, response } = await c.POST(APPLE, { params, body: example("AppleEnrollmentTokenCreateRequestMinimal") });
    expect(data).toEqual(reply);
    expect(JSON.parse(await response.text())).toEqual(reply);
    expect(await response.text()).toBe(await response.text());
    expect(await response.json()).toEqual(reply);
    const copy = response.clone();
    expect(copy).not.toBe(response);
    expect(await copy.json()).toEqual(reply);
    expect(copy.status).toBe(200);
    expect(copy.headers.get("content-type")).toBe("application/json");
  });

  it("an error result's response reads as its error envelope", async () => {
    const { client: c } = client([json(example("Error3001"), 404)]);
    const result = await c.GET(APPLE, { params });
    expect(result.error).toEqual(example("Error3001"));
    expect(await result.response.json()).toEqual(example("Error3001"));
    expect(JSON.parse(await result.response.clone().text())).toEqual(example("Error3001"));
  });

  it("onResponse middleware can read the body (text, json, a clone) and the call still returns data", async () => {
    const reply = example("AppleEnrollmentTokenList");
    const { client: c } = client([json(reply)]);
    const read: unknown[] = [];
    c.use({
      onResponse: async ({ response }) => {
        read.push(JSON.parse(await response.text()), await response.clone().json());
      },
    });
    const result = await c.GET(APPLE, { params });
    expect(read).toEqual([reply, reply]);
    expect(result.data).toEqual(reply);
  });

  it.each(["GET", "POST"] as const)("%s: a response that onResponse middleware puts in place is read as openapi-fetch reads it", async (method) => {
    const { client: c } = client([json(example("AppleEnrollmentTokenList"))]);
    const replaced = { status: true, data: { replaced: method } };
    c.use({ onResponse: () => json(replaced) });
    const result =
      method === "GET" ? await c.GET(APPLE, { params }) : await c.POST(APPLE, { params, body: example("AppleEnrollmentTokenCreateRequestMinimal") });
    expect(result.data).toEqual(replaced);
  });
});

describe("API errors", () => {
  it("a documented error is openapi-fetch's `error`, and unwrap throws AppliveryApiError", async () => {
    const { client: c } = client([json(example("Error5050"), 400)]);
    const result = await c.POST(APPLE, { params, body: example("AppleEnrollmentTokenCreateRequestMinimal") });
    expect(result.data).toBeUndefined();
    expect(result.error).toEqual(example("Error5050"));
    const error = failure(Promise.resolve().then(() => unwrap(result)));
    await expect(error).resolves.toBeInstanceOf(AppliveryApiError);
    expect(await error).toMatchObject({
      name: "AppliveryApiError",
      kind: "api",
      status: 400,
      code: ErrorCode.FeatureNotAllowed,
      operation: "createAppleEnrollmentToken",
      message: "createAppleEnrollmentToken: HTTP 400, API error 5050: Feature not allowed for you billing plan",
    });
  });

  it.each([
    [401, "Error4004", ErrorCode.InvalidToken],
    [401, "Error4002", ErrorCode.NoAuthToken],
    [404, "Error3001", ErrorCode.EntityNotFound],
  ])("HTTP %i with %s: unwrap throws with the API code", async (status, name, code) => {
    const { client: c } = client([json(example(name), status)]);
    const result = await c.GET(APPLE, { params });
    expect(() => unwrap(result)).toThrow(AppliveryApiError);
    expect(() => unwrap(result)).toThrow(expect.objectContaining({ status, code, operation: "listAppleEnrollmentTokens" }));
  });

  it("error codes are the ones the spec documents, with their meanings", () => {
    const description: string = bundle.components.schemas.ErrorEnvelope.description;
    const documented = [...description.matchAll(/(\d{4}) ([^;.]+)/g)].map(([, code, meaning]) => [Number(code), meaning]);
    expect(documented).toHaveLength(6);
    expect(Object.values(ErrorCode).sort()).toEqual(documented.map(([code]) => code).sort());
    const source = readFileSync(new URL("../src/errors.ts", import.meta.url), "utf8");
    for (const [code, meaning] of documented) expect(source).toContain(`/** ${code}: ${meaning}. */`);
  });
});

describe("faults end in a typed, descriptive error", () => {
  it("network failure", async () => {
    const { client: c, calls } = client([new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }) })]);
    const error = await failure(c.POST(APPLE, { params, body: example("AppleEnrollmentTokenCreateRequestMinimal") }));
    expect(error).toBeInstanceOf(AppliveryError);
    expect(error).toMatchObject({
      kind: "network",
      operation: "createAppleEnrollmentToken",
      status: undefined,
      message: "createAppleEnrollmentToken: request failed: fetch failed",
    });
    const cause = (error as Error).cause as Error;
    expect(cause).toMatchObject({ name: "TypeError", message: "fetch failed" });
    expect(cause.cause).toMatchObject({ message: "connect ECONNREFUSED 127.0.0.1:9", code: "ECONNREFUSED" });
    expect(calls).toHaveLength(1);
  });

  it("timeout, when fetch ignores the signal", async () => {
    const { client: c, calls } = client([() => new Promise<Response>(() => {})], { timeoutMs: 20, retry: false });
    const error = await failure(c.GET(APPLE, { params }));
    expect(error).toBeInstanceOf(AppliveryError);
    expect(error).toMatchObject({ kind: "timeout", operation: "listAppleEnrollmentTokens", message: "listAppleEnrollmentTokens: no response within 20 ms" });
    expect(calls[0]!.signal.aborted).toBe(true);
  });

  it("timeout while the body is still arriving", async () => {
    const endless = () => new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"status":')) }), { status: 200 });
    const { client: c } = client([endless], { timeoutMs: 20, retry: false });
    expect(await failure(c.GET(APPLE, { params }))).toMatchObject({ kind: "timeout" });
  });

  it("a request whose body middleware has already read, when timeoutMs needs a copy of it", async () => {
    const { client: c, calls } = client([json(example("AppleEnrollmentTokenCreated"))], { timeoutMs: 5000 });
    c.use({ onRequest: async ({ request }) => void (await request.text()) });
    const error = await failure(c.POST(APPLE, { params, body: example("AppleEnrollmentTokenCreateRequestMinimal") }));
    expect(error).toMatchObject({ kind: "network", operation: "createAppleEnrollmentToken" });
    expect(calls).toHaveLength(0);
  });

  it("a non-JSON body (an HTML 502 page)", async () => {
    const html = new Response("<html><body><h1>502 Bad Gateway</h1></body></html>", { status: 502, headers: { "Content-Type": "text/html" } });
    const { client: c, calls } = client([html]);
    const error = await failure(c.POST(WINDOWS, { params, body: example("WindowsEnrollmentTokenCreateRequest") }));
    expect(error).toBeInstanceOf(AppliveryError);
    expect(error).toMatchObject({
      kind: "response",
      status: 502,
      operation: "createWindowsEnrollmentToken",
      message: "createWindowsEnrollmentToken: HTTP 502: body is not JSON (text/html)",
    });
    expect(calls).toHaveLength(1);
  });

  it("a non-JSON body on a 200", async () => {
    const { client: c } = client([new Response("OK", { status: 200, headers: { "Content-Type": "text/plain" } })]);
    expect(await failure(c.GET(APPLE, { params }))).toMatchObject({ kind: "response", status: 200, message: "listAppleEnrollmentTokens: HTTP 200: body is not JSON (text/plain)" });
  });

  it.each([
    ["no body", () => new Response(null, { status: 200 })],
    ["an empty body", () => new Response("", { status: 200, headers: { "Content-Type": "application/json" } })],
    ["a 204", () => new Response(null, { status: 204 })],
  ])("%s", async (_, reply) => {
    const { client: c } = client([reply]);
    const error = await failure(c.POST(ANDROID, { params, body: example("AndroidEnrollmentTokenCreateRequest") }));
    expect(error).toBeInstanceOf(AppliveryError);
    expect(error).toMatchObject({ kind: "response", operation: "createAndroidEnrollmentToken", message: expect.stringMatching(/HTTP 20[04]: empty body$/) });
  });

  it("a 200 whose envelope says status: false", async () => {
    const { client: c } = client([json(example("Error5017"), 200)]);
    const error = await failure(c.POST(BULK, { params, body: example("AppleEnrollmentTokenBulkCreateRequest") }));
    expect(error).toBeInstanceOf(AppliveryApiError);
    expect(error).toMatchObject({ kind: "api", status: 200, code: ErrorCode.LimitExceeded, operation: "bulkCreateAppleEnrollmentTokens" });
  });

  it.each([
    ["a 200 without an envelope", 200, { id: "69a0c1d2e3f4a5b6c7d8e9f0" }],
    ["a 200 envelope without data", 200, { status: true }],
    ["a 500 without an envelope", 500, { message: "Internal Server Error" }],
    ["an error envelope without a numeric code", 400, { status: false, error: { code: "5050", message: "x" } }],
  ])("%s", async (_, status, body) => {
    const { client: c } = client([json(body, status)], { retry: false });
    const error = await failure(c.GET(APPLE, { params }));
    expect(error).toBeInstanceOf(AppliveryError);
    expect(error).toMatchObject({ kind: "response", status, body, message: `listAppleEnrollmentTokens: HTTP ${status}: body is not an Applivery envelope` });
  });

  it("the caller's abort rejects with the signal's reason, not as a failure of the API", async () => {
    const controller = new AbortController();
    const { client: c } = client([
      (request) =>
        new Promise<Response>((_, reject) => {
          request.signal.addEventListener("abort", () => reject(request.signal.reason));
          controller.abort(new Error("user went away"));
        }),
    ]);
    const error = await failure(c.GET(APPLE, { params, signal: controller.signal }));
    expect(error).toEqual(new Error("user went away"));
    expect(error).not.toBeInstanceOf(AppliveryError);
  });

  it.each(["GET", "POST"] as const)("%s: the caller's abort rejects at once even when the fetch ignores the signal", async (method) => {
    const controller = new AbortController();
    const { client: c, calls } = client([() => new Promise<Response>(() => {})]);
    const pending =
      method === "GET"
        ? c.GET(APPLE, { params, signal: controller.signal })
        : c.POST(APPLE, { params, body: example("AppleEnrollmentTokenCreateRequestMinimal"), signal: controller.signal });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    controller.abort(new Error("gave up"));
    expect(await failure(pending)).toEqual(new Error("gave up"));
  });

  it("a signal that has already aborted rejects with its reason", async () => {
    const { client: c } = client([json(example("AppleEnrollmentTokenList"))]);
    const error = await failure(c.GET(APPLE, { params, signal: AbortSignal.abort(new Error("too late")) }));
    expect(error).toEqual(new Error("too late"));
  });
});

describe("retries", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  });

  async function settle<T>(promise: Promise<T>): Promise<T> {
    const settled = promise.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    await vi.runAllTimersAsync();
    const outcome = await settled;
    if ("error" in outcome) throw outcome.error;
    return outcome.value;
  }
  const gaps = (calls: Call[]) => calls.slice(1).map((call, i) => call.at - calls[i]!.at);
  const unavailable = () => json(envelopeError(5017, "Limit Exceeded"), 503);

  it("GET: retried on 503 with exponential backoff, then succeeds", async () => {
    const { client: c, calls } = client([unavailable(), unavailable(), json(example("AppleEnrollmentTokenList"))]);
    const result = await settle(c.GET(APPLE, { params }));
    expect(calls).toHaveLength(3);
    expect(gaps(calls)).toEqual([500, 1000]);
    for (const call of calls) {
      expect(call.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
      expect(call.headers.get("accept")).toBe("application/json");
    }
    expect(unwrap(result).items).toHaveLength(example("AppleEnrollmentTokenList").data.items.length);
  });

  it("GET: bounded; the last answer is returned as openapi-fetch's error", async () => {
    const { client: c, calls } = client([unavailable()], { retry: { retries: 3, baseDelayMs: 100 } });
    const result = await settle(c.GET(APPLE, { params }));
    expect(calls).toHaveLength(4);
    expect(gaps(calls)).toEqual([100, 200, 400]);
    expect(result.response.status).toBe(503);
    expect(result.error).toEqual(envelopeError(5017, "Limit Exceeded"));
  });

  it("GET: maxDelayMs caps the backoff", async () => {
    const { client: c, calls } = client([unavailable()], { retry: { retries: 3, baseDelayMs: 1000, maxDelayMs: 1500 } });
    await settle(c.GET(APPLE, { params }));
    expect(gaps(calls)).toEqual([1000, 1500, 1500]);
  });

  it("GET: retried after a network failure and after a timeout", async () => {
    const hang = () => new Promise<Response>(() => {});
    const { client: c, calls } = client([new TypeError("fetch failed"), json(example("AppleEnrollmentTokenList"))]);
    expect((await settle(c.GET(APPLE, { params }))).response.status).toBe(200);
    expect(calls).toHaveLength(2);

    vi.useRealTimers();
    const slow = client([hang, json(example("AppleEnrollmentTokenList"))], { timeoutMs: 20, retry: { baseDelayMs: 1 } });
    expect((await slow.client.GET(APPLE, { params })).response.status).toBe(200);
    expect(slow.calls).toHaveLength(2);
  });

  it("GET: the final failure is thrown once retries are spent", async () => {
    const { client: c, calls } = client([new TypeError("fetch failed")], { retry: { retries: 1 } });
    await expect(settle(c.GET(APPLE, { params }))).rejects.toMatchObject({ kind: "network" });
    expect(calls).toHaveLength(2);
  });

  it("GET: a 502 HTML page is retried, then reported", async () => {
    const html = new Response("<html>502</html>", { status: 502, headers: { "Content-Type": "text/html" } });
    const { client: c, calls } = client([html]);
    await expect(settle(c.GET(APPLE, { params }))).rejects.toMatchObject({ kind: "response", status: 502 });
    expect(calls).toHaveLength(3);
  });

  it("Retry-After in seconds replaces the backoff", async () => {
    const { client: c, calls } = client([json(envelopeError(5017, "Limit Exceeded"), 429, { "Retry-After": "3" }), json(example("AppleEnrollmentTokenList"))]);
    await settle(c.GET(APPLE, { params }));
    expect(gaps(calls)).toEqual([3000]);
  });

  it("Retry-After as an HTTP date", async () => {
    vi.setSystemTime(new Date("2026-03-15T12:00:00Z"));
    const later = new Date("2026-03-15T12:00:07Z").toUTCString();
    const { client: c, calls } = client([json(envelopeError(5017, "Limit Exceeded"), 503, { "Retry-After": later }), json(example("AppleEnrollmentTokenList"))]);
    await settle(c.GET(APPLE, { params }));
    expect(gaps(calls)).toEqual([7000]);
  });

  it("a Retry-After longer than maxDelayMs ends the retries", async () => {
    const { client: c, calls } = client([json(envelopeError(5017, "Limit Exceeded"), 429, { "Retry-After": "120" }), json(example("AppleEnrollmentTokenList"))]);
    const result = await settle(c.GET(APPLE, { params }));
    expect(calls).toHaveLength(1);
    expect(result.response.status).toBe(429);
    expect(result.error?.error.code).toBe(5017);
  });

  it("parses Retry-After", () => {
    vi.setSystemTime(new Date("2026-03-15T12:00:00Z"));
    expect(retryAfterMs("0")).toBe(0);
    expect(retryAfterMs(" 12 ")).toBe(12_000);
    expect(retryAfterMs("Sun, 15 Mar 2026 12:00:30 GMT")).toBe(30_000);
    expect(retryAfterMs("Sun, 15 Mar 2026 11:00:00 GMT")).toBe(0);
    expect(retryAfterMs("soon")).toBeUndefined();
    expect(retryAfterMs("-5")).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });

  it.each([400, 401, 404])("GET: HTTP %i is not retried", async (status) => {
    const { client: c, calls } = client([json(example("Error3001"), status)]);
    await settle(c.GET(APPLE, { params }));
    expect(calls).toHaveLength(1);
  });

  it("retry: false turns retries off", async () => {
    const { client: c, calls } = client([unavailable()], { retry: false });
    await settle(c.GET(APPLE, { params }));
    expect(calls).toHaveLength(1);
  });

  describe("a POST that creates tokens is never retried", () => {
    const posts = [
      ["createAppleEnrollmentToken", APPLE, example("AppleEnrollmentTokenCreateRequestMinimal")],
      ["bulkCreateAppleEnrollmentTokens", BULK, example("AppleEnrollmentTokenBulkCreateRequest")],
      ["createWindowsEnrollmentToken", WINDOWS, example("WindowsEnrollmentTokenCreateRequest")],
      ["createAndroidEnrollmentToken", ANDROID, example("AndroidEnrollmentTokenCreateRequest")],
    ] as const;

    it.each(posts)("%s: not on 503, 429 with Retry-After, or a network failure, even when asked to", async (_, path, body) => {
      for (const reply of [unavailable(), json(envelopeError(5017, "Limit Exceeded"), 429, { "Retry-After": "1" }), new TypeError("fetch failed")]) {
        const asked = { retries: 5, methods: ["GET", "POST"] } as unknown as AppliveryClientOptions["retry"];
        const { client: c, calls } = client([reply], { retry: asked });
        await settle(c.POST(path as typeof APPLE, { params, body: body as never })).catch(() => undefined);
        expect(calls).toHaveLength(1);
      }
    });
  });

  it("an abort during the backoff stops at once with the signal's reason", async () => {
    const controller = new AbortController();
    const { client: c, calls } = client([unavailable()], { retry: { retries: 2, baseDelayMs: 10_000 } });
    const pending = c.GET(APPLE, { params, signal: controller.signal });
    const outcome = pending.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(1000);
    controller.abort(new Error("stop"));
    expect(await outcome).toEqual(new Error("stop"));
    expect(calls).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("pagination", () => {
  const token = (n: number) => ({ id: n.toString(16).padStart(24, "0"), displayName: `token ${n}` });
  /** A server over `total` tokens, `limit` per page, mongoose-paginate-v2 style. */
  function pages(total: number, overrides: (page: number) => object = () => ({})) {
    return (request: Request) => {
      const query = new URL(request.url).searchParams;
      const page = Number(query.get("page") ?? 1);
      const limit = Number(query.get("limit") ?? 10);
      const totalPages = Math.ceil(total / limit);
      const items = Array.from({ length: Math.max(0, Math.min(limit, total - (page - 1) * limit)) }, (_, i) => token((page - 1) * limit + i + 1));
      const hasNextPage = page < totalPages;
      return json({
        status: true,
        data: { items, totalDocs: total, limit, page, totalPages, hasPrevPage: page > 1, hasNextPage, prevPage: page > 1 ? page - 1 : null, nextPage: hasNextPage ? page + 1 : null, ...overrides(page) },
      });
    };
  }
  const collect = async <T>(iterable: AsyncIterable<T>) => {
    const items: T[] = [];
    for await (const item of iterable) items.push(item);
    return items;
  };

  it("yields every token, page after page, keeping filters and sort", async () => {
    const { client: c, calls } = client([pages(7)]);
    const query = { limit: 3, sort: "createdAt:desc", "mdm-user": "698f3bde457fafa13d088791", "show-deleted": true };
    const items = await collect(paginateAppleEnrollmentTokens(c, { params: { path: { organizationId: ORG }, query } }));
    expect(items.map((t) => t.displayName)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `token ${n}`));
    expect(calls).toHaveLength(3);
    const queries = calls.map((call) => Object.fromEntries(new URL(call.url).searchParams));
    const kept = { limit: "3", sort: "createdAt:desc", "mdm-user": "698f3bde457fafa13d088791", "show-deleted": "true" };
    expect(queries).toEqual([kept, { ...kept, page: "2" }, { ...kept, page: "3" }]);
    expect(query).toEqual({ limit: 3, sort: "createdAt:desc", "mdm-user": "698f3bde457fafa13d088791", "show-deleted": true });
  });

  it("starts at the caller's page", async () => {
    const { client: c, calls } = client([pages(7)]);
    const items = await collect(paginateAppleEnrollmentTokens(c, { params: { path: { organizationId: ORG }, query: { limit: 3, page: 2 } } }));
    expect(items.map((t) => t.displayName)).toEqual(["token 4", "token 5", "token 6", "token 7"]);
    expect(calls).toHaveLength(2);
  });

  it("stops on an empty page even when the server says there is a next one", async () => {
    const { client: c, calls } = client([pages(0, () => ({ hasNextPage: true, nextPage: 2 }))]);
    expect(await collect(paginateAppleEnrollmentTokens(c, { params }))).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it("stops after maxPages pages", async () => {
    const { client: c, calls } = client([pages(100)]);
    const items = await collect(paginateAppleEnrollmentTokens(c, { params: { ...params, query: { limit: 10 } }, maxPages: 2 }));
    expect(items).toHaveLength(20);
    expect(calls).toHaveLength(2);
  });

  it("honours an AbortSignal between pages and during a request", async () => {
    const controller = new AbortController();
    const { client: c, calls } = client([pages(30)]);
    const seen: string[] = [];
    const error = await failure(
      (async () => {
        for await (const item of paginateAppleEnrollmentTokens(c, { params, signal: controller.signal })) {
          seen.push(item.displayName!);
          if (seen.length === 10) controller.abort(new Error("enough"));
        }
      })(),
    );
    expect(error).toEqual(new Error("enough"));
    expect(seen).toHaveLength(10);
    expect(calls).toHaveLength(1);

    const inFlight = new AbortController();
    const hanging = client([(request) => new Promise<Response>((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)))]);
    const pending = collect(paginateAppleEnrollmentTokens(hanging.client, { params, signal: inFlight.signal }));
    inFlight.abort(new Error("cancelled"));
    await expect(pending).rejects.toEqual(new Error("cancelled"));
  });

  it("throws the API's error for a failed page", async () => {
    const { client: c } = client([pages(30, (page) => (page === 2 ? { items: [] } : {}))]);
    const failing = client([json(example("Error4004"), 401)]);
    await expect(collect(paginateAppleEnrollmentTokens(failing.client, { params }))).rejects.toMatchObject({ code: 4004, status: 401 });
    expect(await collect(paginateAppleEnrollmentTokens(c, { params }))).toHaveLength(10);
  });

  it("refuses a nextPage that does not advance", async () => {
    const { client: c, calls } = client([pages(30, () => ({ nextPage: 1 }))]);
    await expect(collect(paginateAppleEnrollmentTokens(c, { params }))).rejects.toMatchObject({
      kind: "response",
      message: "listAppleEnrollmentTokens: nextPage 1 does not advance",
    });
    expect(calls).toHaveLength(1);
  });
});

describe("bulk results", () => {
  const bulk = (counts: object) => client([json({ status: true, data: counts })]).client.POST(BULK, { params, body: example("AppleEnrollmentTokenBulkCreateRequest") });

  it("unwrapBulk returns the counts when every token was created", async () => {
    expect(unwrapBulk(await bulk({ total: 3, success: 3, fail: 0 }))).toEqual({ total: 3, success: 3, fail: 0 });
  });

  it("unwrapBulk throws AppliveryBulkError when fail > 0, with the counts", async () => {
    const result = await bulk({ total: 10, success: 9, fail: 1 });
    expect(unwrap(result)).toEqual({ total: 10, success: 9, fail: 1 });
    expect(() => unwrapBulk(result)).toThrow(AppliveryBulkError);
    expect(() => unwrapBulk(result)).toThrow(
      expect.objectContaining({
        kind: "bulk",
        operation: "bulkCreateAppleEnrollmentTokens",
        result: { total: 10, success: 9, fail: 1 },
        message: "bulkCreateAppleEnrollmentTokens: 1 of 10 tokens were not created (9 were); the API does not say which addresses failed",
      }),
    );
  });

  it("unwrapBulk throws the API's error like unwrap", async () => {
    const result = await client([json(example("Error5086"), 400)]).client.POST(BULK, { params, body: example("AppleEnrollmentTokenBulkCreateRequest") });
    expect(() => unwrapBulk(result)).toThrow(expect.objectContaining({ code: ErrorCode.AttachedAdmProfilesNotAllowed }));
  });
});

describe("the token stays secret", () => {
  const echo = `Invalid Token: Bearer ${TOKEN}`;
  const faults: [string, Reply[], Partial<AppliveryClientOptions>][] = [
    ["network failure whose message quotes the token", [new TypeError(`fetch failed for ${TOKEN}`, { cause: new Error(`socket said ${TOKEN}`) })], {}],
    ["timeout", [() => new Promise<Response>(() => {})], { timeoutMs: 10 }],
    ["HTML 502 echoing the token", [new Response(`<html>${TOKEN}</html>`, { status: 502, headers: { "Content-Type": "text/html" } })], {}],
    ["non-envelope JSON echoing the token", [json({ authorization: `Bearer ${TOKEN}` }, 500)], {}],
    ["200 with status: false echoing the token", [json(envelopeError(4004, echo), 200)], {}],
    ["empty body", [new Response("", { status: 200 })], {}],
  ];

  it.each(faults)("%s: not in the thrown error, its cause chain, or anything logged", async (_, replies, options) => {
    const { client: c } = client(replies, { retry: false, ...options });
    const error = await failure(c.POST(APPLE, { params, body: example("AppleEnrollmentTokenCreateRequestMinimal") }));
    expect(error).toBeInstanceOf(AppliveryError);
    expect(serialize(error)).not.toContain(TOKEN);
  });

  it("an API error message that echoes the token is redacted, in `error` and in unwrap's error", async () => {
    const { client: c } = client([json(envelopeError(4004, echo), 401)]);
    const result = await c.GET(APPLE, { params });
    expect(result.error?.error.message).toBe("Invalid Token: Bearer [redacted]");
    const error = (() => {
      try {
        unwrap(result);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppliveryApiError);
    expect(serialize(error)).not.toContain(TOKEN);
  });

  it("the client object does not expose it", () => {
    const c = createAppliveryClient({ token: TOKEN });
    expect(inspect(c, { depth: 10, showHidden: true })).not.toContain(TOKEN);
    expect(JSON.stringify(c)).not.toContain(TOKEN);
  });

  it("middleware that logs requests never sees it", async () => {
    const { client: c, calls } = client([json(example("AppleEnrollmentTokenList"))]);
    const seen: string[] = [];
    c.use({ onRequest: ({ request }) => void seen.push(JSON.stringify([...request.headers])) });
    await c.GET(APPLE, { params });
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toContain(TOKEN);
    expect(calls[0]!.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
  });

  it.each([
    ["an answer", [json(example("AppleEnrollmentTokenList"))], {}],
    ["an answer, with timeoutMs", [json(example("AppleEnrollmentTokenList"))], { timeoutMs: 5000 }],
    ["an error envelope", [json(example("Error3001"), 404)], {}],
    ["a network failure", [new TypeError("fetch failed")], { retry: false as const }],
  ] as [string, Reply[], Partial<AppliveryClientOptions>][])(
    "after %s, neither onResponse/onError middleware nor a fetch that keeps the request sees it",
    async (_, replies, options) => {
      const kept: Request[] = [];
      const { client: c, calls } = client(
        [(request) => (kept.push(request), replies[0] instanceof Error ? Promise.reject(replies[0]) : (replies[0] as Response).clone())],
        { headers: { Authorization: "Bearer someone-else" }, ...options },
      );
      const seen: string[] = [];
      const headers = ({ request }: { request: Request }) => void seen.push(JSON.stringify([...request.headers]));
      c.use({ onRequest: headers, onResponse: headers, onError: headers });
      await c.GET(APPLE, { params }).catch(() => undefined);
      expect(calls[0]!.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
      expect(seen).toHaveLength(2);
      for (const headers of seen) expect(headers).not.toContain(TOKEN);
      expect(kept[0]!.headers.get("authorization")).toBeNull();
    },
  );

  it("a success body that echoes it is redacted in data and in everything that reads the response", async () => {
    const echoed = { status: true, data: { id: "69a0c1d2e3f4a5b6c7d8e9f0", note: `Bearer ${TOKEN}` } };
    const redacted = { status: true, data: { id: "69a0c1d2e3f4a5b6c7d8e9f0", note: "Bearer [redacted]" } };
    const { client: c } = client([json(echoed)]);
    const read: string[] = [];
    c.use({ onResponse: async ({ response }) => void read.push(await response.clone().text(), await response.text()) });
    const { data, response } = await c.GET(APPLE, { params });
    expect(data).toEqual(redacted);
    expect(await response.json()).toEqual(redacted);
    read.push(await response.text(), await response.clone().text());
    for (const text of read) expect(JSON.parse(text)).toEqual(redacted);
  });
});
