// Every option of createAppliveryClient is checked when the client is made: a wrong value is a
// TypeError naming the option and its allowed range (never a surprise at call time), and the limits
// have defaults (30 s per attempt, 16 MiB of body).
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type AppliveryClientOptions,
  AppliveryError,
  createAppliveryClient,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  type RetryOptions,
} from "../../src/index.js";
import { anOperation, methodOf } from "../support/operation-cases.js";
import { rejection } from "../support/secrets.js";
import { never, ok, stubFetch } from "../support/stub-fetch.js";
import { fakeTimeoutSignals } from "../support/timers.js";

const TOKEN = "opt-T0ken_7c1e9a";
const list = anOperation((c) => c.method === "GET");

/** The TypeError createAppliveryClient throws for `options` (fails the test when it does not throw). */
function refusal(options: Record<string, unknown>): TypeError {
  const stub = stubFetch(ok({}));
  try {
    createAppliveryClient({ token: TOKEN, fetch: stub.fetch, ...options } as unknown as AppliveryClientOptions);
  } catch (error) {
    expect(stub.calls).toHaveLength(0);
    expect(error).toBeInstanceOf(TypeError);
    return error as TypeError;
  }
  throw new Error(`createAppliveryClient accepted ${JSON.stringify(options)}`);
}

afterEach(() => {
  vi.useRealTimers();
});

describe("token", () => {
  it.each<[string, unknown]>([
    ["missing", undefined],
    ["null", null],
    ["a number", 42],
    ["an object", { toString: () => "x" }],
    ["empty", ""],
    ["only spaces", "   "],
    ["with a space", "abc def"],
    ["with a tab", "abc\tdef"],
    ["with a newline", "abc\ndef"],
    ["non-ASCII", "tök€n-Ünïcode"],
    ["with a control character", "abc\u0000def"],
  ])("refuses a token that is %s, naming the option and the rule, without quoting it", (_, token) => {
    const error = refusal({ token });
    expect(error.message).toContain("options.token");
    expect(error.message).toMatch(/visible ASCII/);
    if (typeof token === "string" && token.trim() !== "") expect(error.message).not.toContain(token.trim());
  });

  it("refuses options that are not an object", () => {
    for (const options of [undefined, null, "token", 42]) {
      expect(() => createAppliveryClient(options as unknown as AppliveryClientOptions)).toThrow(TypeError);
    }
  });

  it("accepts every visible ASCII character", () => {
    const token = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)).join("");
    expect(() => createAppliveryClient({ token })).not.toThrow();
  });
});

describe("baseUrl", () => {
  it.each<[string, unknown]>([
    ["without a scheme", "api.applivery.io/v1"],
    ["relative", "/v1"],
    ["ftp:", "ftp://api.applivery.io/v1"],
    ["file:", "file:///etc/passwd"],
    ["with credentials", "https://user:secret@api.applivery.io/v1"],
    ["with a user only", "https://user@api.applivery.io/v1"],
    ["with a query", "https://api.applivery.io/v1?x=1"],
    ["with a fragment", "https://api.applivery.io/v1#top"],
    ["with an empty query", "https://api.applivery.io/v1?"],
    ["with an empty fragment", "https://api.applivery.io/v1#"],
    ["not a string", 42],
    ["empty", ""],
  ])("refuses a baseUrl %s", (_, baseUrl) => {
    const error = refusal({ baseUrl });
    expect(error.message).toContain("options.baseUrl");
    expect(error.message).toMatch(/absolute http\(s\) URL without credentials, query or fragment/);
    if (typeof baseUrl === "string" && baseUrl.includes("secret")) expect(error.message).not.toContain("secret");
  });

  it.each(["http://127.0.0.1:4010", "https://api.applivery.io/v1", "https://api.applivery.io/v1/"])(
    "accepts %s",
    (baseUrl) => {
      expect(() => createAppliveryClient({ token: TOKEN, baseUrl })).not.toThrow();
    },
  );
});

describe("baseUrl, spelled differently", () => {
  it.each([
    ["upper-case scheme and host", "HTTPS://API.Example.TEST/v1"],
    ["the default port", "https://api.example.test:443/v1"],
    ["a dot segment", "https://api.example.test/x/../v1"],
  ])("with %s, is the same API on both surfaces", async (_, baseUrl) => {
    const stub = stubFetch(ok({ total: 1, success: 1, fail: 0 }));
    const client = createAppliveryClient({ token: TOKEN, baseUrl, fetch: stub.fetch, retry: false });
    await methodOf(client, list.operationId)({ ...list.pathValues });
    const viaFetch = (await (
      client[list.method] as unknown as (p: string, i: object) => Promise<{ operation: string }>
    )(list.path, { params: { path: list.pathValues } })) as { operation: string };
    expect(viaFetch.operation).toBe(list.operationId);
    expect(stub.calls).toHaveLength(2);
    for (const call of stub.calls) expect(call.url.startsWith("https://api.example.test/v1/organizations/")).toBe(true);
  });
});

describe("fetch", () => {
  it.each<[string, unknown]>([
    ["a string", "fetch"],
    ["an object", { fetch: () => {} }],
    ["null", null],
  ])("refuses a fetch that is %s", (_, fetch) => {
    const error = refusal({ fetch });
    expect(error.message).toContain("options.fetch");
    expect(error.message).toContain("a function");
  });
});

describe("headers", () => {
  it.each<[string, unknown]>([
    ["a name with a space", { "x bad": "1" }],
    ["a value with a newline", { "x-trace": "a\nb" }],
    ["a value that is not a header value", { "x-trace": "a\u0000b" }],
    ["a malformed pair list", [["x-only-name"]]],
  ])("refuses headers with %s", (_, headers) => {
    const error = refusal({ headers });
    expect(error.message).toContain("options.headers");
    expect(error.message).toContain("valid HTTP headers");
  });

  it.each<[string, unknown]>([
    ["an object", { Authorization: "Bearer other" }],
    ["a lower-case name", { authorization: "Bearer other" }],
    ["a pair list", [["AUTHORIZATION", "Bearer other"]]],
    ["a Headers", new Headers({ authorization: "Basic eDp5" })],
  ])("refuses an Authorization header given as %s", (_, headers) => {
    const error = refusal({ headers });
    expect(error.message).toContain("options.headers");
    expect(error.message).toContain("Authorization");
    expect(error.message).not.toContain("other");
    expect(error.message).not.toContain("eDp5");
  });
});

const ranges: [option: string, range: string, bad: unknown[], good: number[]][] = [
  [
    "timeoutMs",
    "a whole number from 1 to 2147483647",
    [0, -1, 1.5, 2 ** 31, Number.NaN, Number.POSITIVE_INFINITY, "1000", null],
    [1, 2 ** 31 - 1],
  ],
  [
    "maxResponseBytes",
    "a whole number from 1 to 1073741824",
    [0, -1, 1.5, 2 ** 30 + 1, Number.NaN, "1024", null],
    [1, 2 ** 30],
  ],
];

describe.each(ranges)("%s", (option, range, bad, good) => {
  it.each(bad.map((value) => [String(value), value]))(`refuses %s`, (_, value) => {
    const error = refusal({ [option]: value });
    expect(error.message).toBe(`createAppliveryClient: options.${option} must be ${range}`);
  });

  it.each(good)("accepts %s", (value) => {
    expect(() => createAppliveryClient({ token: TOKEN, [option]: value })).not.toThrow();
  });
});

describe("retry", () => {
  it("accepts false and an empty policy", () => {
    expect(() => createAppliveryClient({ token: TOKEN, retry: false })).not.toThrow();
    expect(() => createAppliveryClient({ token: TOKEN, retry: {} })).not.toThrow();
  });

  it.each<[string, unknown]>([
    ["true", true],
    ["null", null],
    ["a number", 3],
  ])("refuses a policy that is %s", (_, retry) => {
    expect(refusal({ retry }).message).toBe("createAppliveryClient: options.retry must be false or an object");
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['retries "2"', { retries: "2" }, "retry.retries must be a whole number from 0 to 10"],
    ["retries NaN", { retries: Number.NaN }, "retry.retries must be a whole number from 0 to 10"],
    ["retries 1e9", { retries: 1e9 }, "retry.retries must be a whole number from 0 to 10"],
    ["retries -1", { retries: -1 }, "retry.retries must be a whole number from 0 to 10"],
    ["retries 11", { retries: 11 }, "retry.retries must be a whole number from 0 to 10"],
    ["retries 1.5", { retries: 1.5 }, "retry.retries must be a whole number from 0 to 10"],
    ["baseDelayMs -1", { baseDelayMs: -1 }, "retry.baseDelayMs must be a whole number from 0 to 60000"],
    ["baseDelayMs 0.5", { baseDelayMs: 0.5 }, "retry.baseDelayMs must be a whole number from 0 to 60000"],
    ["baseDelayMs 60001", { baseDelayMs: 60_001 }, "retry.baseDelayMs must be a whole number from 0 to 60000"],
    ["maxDelayMs -1", { maxDelayMs: -1 }, "retry.maxDelayMs must be a whole number from 0 to 600000"],
    ["maxDelayMs 600001", { maxDelayMs: 600_001 }, "retry.maxDelayMs must be a whole number from 0 to 600000"],
    ['maxDelayMs "10"', { maxDelayMs: "10" }, "retry.maxDelayMs must be a whole number from 0 to 600000"],
    [
      "methods with POST",
      { methods: ["GET", "POST"] },
      "retry.methods must be a list of GET, HEAD, OPTIONS, PUT, DELETE",
    ],
    ["methods with PATCH", { methods: ["PATCH"] }, "retry.methods must be a list of GET, HEAD, OPTIONS, PUT, DELETE"],
    ["methods in lower case", { methods: ["get"] }, "retry.methods must be a list of GET, HEAD, OPTIONS, PUT, DELETE"],
    ["methods not a list", { methods: "GET" }, "retry.methods must be a list of GET, HEAD, OPTIONS, PUT, DELETE"],
    ["statuses 600", { statuses: [503, 600] }, "retry.statuses must be a list of whole numbers from 400 to 599"],
    ["statuses 399", { statuses: [399] }, "retry.statuses must be a list of whole numbers from 400 to 599"],
    ["statuses 502.5", { statuses: [502.5] }, "retry.statuses must be a list of whole numbers from 400 to 599"],
    ['statuses "503"', { statuses: ["503"] }, "retry.statuses must be a list of whole numbers from 400 to 599"],
    ["statuses not a list", { statuses: 503 }, "retry.statuses must be a list of whole numbers from 400 to 599"],
  ])("refuses %s", (_, retry, rule) => {
    expect(refusal({ retry }).message).toBe(`createAppliveryClient: options.${rule}`);
  });

  it("accepts the bounds of every range", () => {
    const bounds: RetryOptions[] = [
      { retries: 0, baseDelayMs: 0, maxDelayMs: 0, methods: [], statuses: [] },
      { retries: 10, baseDelayMs: 60_000, maxDelayMs: 600_000, methods: ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"] },
      { statuses: [400, 599] },
    ];
    for (const retry of bounds) {
      expect(() => createAppliveryClient({ token: TOKEN, retry })).not.toThrow();
    }
  });
});

describe("defaults", () => {
  it("exports a 30 s time limit and a 16 MiB body limit", () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(30_000);
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(16 * 1024 * 1024);
  });

  it("limits a call without timeoutMs to 30 s: a fetch that never answers ends as a timeout at 30 s, not before", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    fakeTimeoutSignals();
    const stub = stubFetch(never);
    const client = createAppliveryClient({ token: TOKEN, fetch: stub.fetch, retry: false });
    let settled = false;
    const outcome = rejection(
      methodOf(
        client,
        list.operationId,
      )({ ...list.pathValues }).finally(() => {
        settled = true;
      }),
    );
    await vi.advanceTimersByTimeAsync(29_999);
    expect(stub.calls).toHaveLength(1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(AppliveryError);
    expect(error).toMatchObject({ kind: "timeout", operation: list.operationId });
    expect((error as Error).message).toContain("30000 ms");
    expect(stub.calls[0]?.signal.aborted).toBe(true);
  });

  it("takes timeoutMs 2**31 - 1 as a long limit, not as an immediate timeout", async () => {
    const stub = stubFetch(() => new Promise((resolve) => setTimeout(() => resolve(ok({ items: [] })), 5)));
    const client = createAppliveryClient({ token: TOKEN, fetch: stub.fetch, timeoutMs: 2 ** 31 - 1 });
    await expect(methodOf(client, list.operationId)({ ...list.pathValues })).resolves.toEqual({ items: [] });
  });

  it("limits a response body to 16 MiB by default: one byte more is refused, the limit itself is read", async () => {
    const envelopeOf = (size: number) => {
      const head = '{"status":true,"data":"';
      const tail = '"}';
      return head + "x".repeat(size - head.length - tail.length) + tail;
    };
    const fits = envelopeOf(DEFAULT_MAX_RESPONSE_BYTES);
    const over = envelopeOf(DEFAULT_MAX_RESPONSE_BYTES + 1);
    const stub = stubFetch(
      () => new Response(fits),
      () => new Response(over),
    );
    const client = createAppliveryClient({ token: TOKEN, fetch: stub.fetch, retry: false });
    const call = () => methodOf(client, list.operationId)({ ...list.pathValues });
    expect(((await call()) as unknown as string).length).toBe(DEFAULT_MAX_RESPONSE_BYTES - 25);
    const error = await rejection(call());
    expect(error).toMatchObject({ kind: "response" });
    expect((error as Error).message).toContain(`maxResponseBytes (${DEFAULT_MAX_RESPONSE_BYTES} bytes)`);
  });
});

describe("unknown options", () => {
  it.each<[string, string]>([
    ["baseURL", "did you mean baseUrl?"],
    ["timeout", "did you mean timeoutMs?"],
    ["maxRetries", "did you mean retry.retries?"],
    ["color", "the options are token, baseUrl"],
  ])("refuses %s with a TypeError naming it (%s)", (key, hint) => {
    const error = refusal({ [key]: "http://127.0.0.1:4010" });
    expect(error.message).toContain(`options.${key}`);
    expect(error.message).toContain(hint);
  });

  it("refuses an unknown key of retry, naming it", () => {
    expect(refusal({ retry: { retries: 1, statusCodes: [500] } }).message).toContain("options.retry.statusCodes");
  });
});

describe("options are copied when the client is made", () => {
  it("a later change to the caller's retry arrays or headers changes nothing", async () => {
    const statuses = [503];
    const headers = { "x-trace": "1" };
    const stub = stubFetch(ok({ items: [] }));
    const client = createAppliveryClient({ token: TOKEN, fetch: stub.fetch, headers, retry: { statuses } });
    statuses.push(200);
    headers["x-trace"] = "2";
    await methodOf(client, list.operationId)({ organizationId: "acme-corp" }).catch(() => {});
    expect(stub.calls).toHaveLength(1);
    expect(stub.calls[0]?.headers.get("x-trace")).toBe("1");
  });
});

describe("headers fetch cannot send", () => {
  it.each(["Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Expect", "Host", "Content-Length"])(
    "refuses %s when the client is made",
    (name) => {
      const error = refusal({ headers: { [name]: "x" } });
      expect(error.message).toContain("options.headers");
      expect(error.message).toContain(name);
    },
  );
});

describe("names an object inherits are no options", () => {
  it.each(["constructor", "toString", "valueOf"])("refuses %s", (key) => {
    expect(refusal({ [key]: "x" }).message).toContain(`options.${key}`);
  });

  it("refuses a retry policy that is a list", () => {
    expect(refusal({ retry: [] }).message).toContain("options.retry");
  });
});
