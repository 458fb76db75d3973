// What goes wrong between sending and an envelope: network failures, time limits, bodies that are
// not envelopes, statuses fetch does not expect, aborts. Each is an AppliveryError of the right
// kind, on both surfaces; nothing else is ever thrown.
import { type AddressInfo, createServer } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AppliveryApiError,
  type AppliveryClientOptions,
  AppliveryError,
  createAppliveryClient,
} from "../../src/index.js";
import { loopback, rawLoopback } from "../support/loopback.js";
import {
  anOperation,
  argsOf,
  fetchCallOf,
  initOf,
  methodOf,
  operationCases,
  successData,
} from "../support/operation-cases.js";
import { exposedTexts, rejection } from "../support/secrets.js";
import {
  json,
  never,
  ok,
  type Reply,
  stalledBody,
  stubFetch,
  untilAborted,
  withStatus,
} from "../support/stub-fetch.js";
import { fakeTimeoutSignals } from "../support/timers.js";

const TOKEN = "fau1ts-T0ken_3a8c";
const BASE = "https://api.example.test/v1";
const first = anOperation();

function setup(replies: Reply[], options: Partial<AppliveryClientOptions> = {}) {
  const stub = stubFetch(...replies);
  const client = createAppliveryClient({ token: TOKEN, baseUrl: BASE, fetch: stub.fetch, retry: false, ...options });
  return { ...stub, client };
}

type Client = ReturnType<typeof setup>["client"];
/** The same call through each surface; for GET/POST, the envelope's data of a result. */
const surfaces: [string, (client: Client, extra?: Record<string, unknown>) => Promise<unknown>][] = [
  ["generated method", (client, extra) => methodOf(client, first.operationId)(argsOf(first, extra))],
  [
    "client.GET/POST",
    async (client, extra) => {
      const result = await fetchCallOf(client, first.method)(first.path, initOf(first, extra));
      return (result.data as { data?: unknown } | undefined)?.data;
    },
  ],
];

/** The AppliveryError a call rejects with; fails on anything else. */
async function failure(promise: Promise<unknown>): Promise<AppliveryError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(AppliveryError);
  return error as AppliveryError;
}

describe("a 2xx answer with status:false", () => {
  const envelope = { status: false, error: { code: 5017, message: "Limit Exceeded" } };

  it("is an AppliveryApiError from a generated method", async () => {
    const { client } = setup([json(envelope, 200)]);
    const error = await failure(methodOf(client, first.operationId)(argsOf(first)));
    expect(error).toBeInstanceOf(AppliveryApiError);
    expect(error).toMatchObject({ kind: "api", code: 5017, status: 200, apiMessage: "Limit Exceeded" });
  });

  it("is the result's error on client.GET/POST", async () => {
    const { client } = setup([json(envelope, 200)]);
    const result = await fetchCallOf(client, first.method)(first.path, initOf(first));
    expect(result).toMatchObject({ error: envelope, operation: first.operationId });
    expect(result.data).toBeUndefined();
  });
});

afterEach(() => {
  vi.useRealTimers();
});

describe.each(surfaces)("%s", (_, call) => {
  it("a network failure is kind network, its cause a scrubbed copy keeping name, message and code", async () => {
    const original = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:443"), { code: "ECONNREFUSED", errno: -111 }),
    });
    const { client } = setup([original]);
    const error = await failure(call(client));
    expect(error).toMatchObject({ kind: "network", operation: first.operationId, status: undefined });
    expect(error.message).toContain("request failed: connect ECONNREFUSED 10.0.0.1:443");
    const cause = error.cause as Error & { code?: string; errno?: number };
    expect(cause).not.toBe(original);
    expect(cause).toMatchObject({ name: "TypeError", message: "fetch failed" });
    expect(cause.cause).toMatchObject({ message: "connect ECONNREFUSED 10.0.0.1:443", code: "ECONNREFUSED" });
    expect((cause.cause as { errno?: number }).errno).toBeUndefined();
  });

  it.each<[string, () => unknown]>([
    ["a null-prototype object", () => Object.create(null)],
    [
      "an Error whose name and message are not strings",
      () => Object.assign(new Error("x"), { name: 42, message: { a: 1 } }),
    ],
    ["undefined", () => undefined],
  ])("a fetch that throws %s is kind network, not a raw TypeError", async (_, make) => {
    const { client } = setup([
      () => {
        throw make();
      },
    ]);
    expect(await failure(call(client))).toMatchObject({ kind: "network" });
  });

  it("a fetch that resolves to something other than a Response is an AppliveryError", async () => {
    const { client } = setup([() => undefined as unknown as Response]);
    const error = await failure(call(client));
    expect(["network", "response"]).toContain(error.kind);
  });

  it("a real connection refused (default fetch) is kind network", async () => {
    // A port that was just free: listen on an ephemeral one, then close it.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const client = createAppliveryClient({ token: TOKEN, baseUrl: `http://127.0.0.1:${port}`, retry: false });
    const error = await failure(call(client));
    expect(error).toMatchObject({ kind: "network" });
    expect(JSON.stringify(exposedTexts(error))).toContain("ECONNREFUSED");
  });

  it("a fetch that ignores the signal still ends at the time limit, as kind timeout", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    fakeTimeoutSignals();
    const { client } = setup([never], { timeoutMs: 1_000 });
    let settled = false;
    const outcome = failure(
      call(client).finally(() => {
        settled = true;
      }),
    );
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(error).toMatchObject({ kind: "timeout", operation: first.operationId });
    expect(error.message).toContain("no complete response within 1000 ms");
  });

  it("a body that stalls after its first bytes ends at the time limit, as kind timeout", async () => {
    const { client } = setup([() => stalledBody()], { timeoutMs: 30 });
    expect(await failure(call(client))).toMatchObject({ kind: "timeout" });
  });

  it("a loopback server that sends headers and then stalls the body ends as kind timeout (default fetch)", async () => {
    const server = await loopback((_, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"status":true,"data":');
    });
    const client = createAppliveryClient({ token: TOKEN, baseUrl: server.url, timeoutMs: 50, retry: false });
    expect(await failure(call(client))).toMatchObject({ kind: "timeout" });
  });

  it("a loopback server that never answers, with DEFAULT options, ends as a timeout at 30 s (fake time)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    fakeTimeoutSignals();
    const server = await loopback(() => {});
    const client = createAppliveryClient({ token: TOKEN, baseUrl: server.url, retry: false });
    let settled = false;
    const outcome = failure(
      call(client).finally(() => {
        settled = true;
      }),
    );
    // Wait (in real time: setImmediate is not faked) until the server holds the request.
    while (server.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await vi.advanceTimersByTimeAsync(29_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toMatchObject({ kind: "timeout" });
  });

  it("a non-JSON 502 is kind response, naming the Content-Type", async () => {
    const { client } = setup([
      () => new Response("<html>Bad gateway</html>", { status: 502, headers: { "content-type": "text/html" } }),
    ]);
    const error = await failure(call(client));
    expect(error).toMatchObject({ kind: "response", status: 502 });
    expect(error.message).toContain("body is not JSON (Content-Type: text/html)");
  });

  it("an empty body is kind response", async () => {
    const { client } = setup([() => new Response("", { status: 200 })]);
    const error = await failure(call(client));
    expect(error).toMatchObject({ kind: "response", status: 200 });
    expect(error.message).toContain("empty body");
  });

  it("JSON that is not an envelope is kind response, its start quoted (redacted)", async () => {
    const body = { items: [1, 2], note: `from ${TOKEN}` };
    const { client } = setup([json(body)]);
    const error = await failure(call(client));
    expect(error).toMatchObject({ kind: "response", status: 200 });
    expect(error.message).toContain('not an Applivery envelope: {"items":[1,2],"note":"from ');
    expect(error.message).not.toContain(TOKEN);
  });

  it("JSON nested 10,000 deep that is not an envelope is kind response, not a RangeError", async () => {
    const { client } = setup([() => new Response(`${"[".repeat(10_000)}${"]".repeat(10_000)}`, { status: 200 })]);
    const error = await failure(call(client));
    expect(error).toMatchObject({ kind: "response", status: 200 });
  });

  it.each([
    ["an array", []],
    ["a string", "ok"],
    ["null", null],
    ["an error without a numeric code", { status: false, error: { code: "4004", message: "x" } }],
    ["status true without data", { status: true }],
  ])("JSON that is %s is kind response", async (_, body) => {
    const { client } = setup([json(body)]);
    expect(await failure(call(client))).toMatchObject({ kind: "response" });
  });

  it.each([600, 999, 199, 0])("HTTP status %i from a fetch is kind response, never a RangeError", async (status) => {
    const { client } = setup([() => withStatus(status)]);
    const error = await failure(call(client));
    expect(error).toMatchObject({ kind: "response", status });
    expect(error.message).toContain(`HTTP ${status} is not a valid HTTP status`);
  });

  it("HTTP status 600 from a real server (raw socket, default fetch) is kind response", async () => {
    const body = JSON.stringify({ status: true, data: {} });
    const server = await rawLoopback(
      `HTTP/1.1 600 X\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    const client = createAppliveryClient({ token: TOKEN, baseUrl: server.url, retry: false });
    expect(await failure(call(client))).toMatchObject({ kind: "response", status: 600 });
  });

  it("HTTP status 600 on a teed body (whose cancel never settles) does not hang", async () => {
    const original = new Response(new ReadableStream({ start: (c) => c.enqueue(new Uint8Array([123])) }));
    const teed = original.clone();
    Object.defineProperty(teed, "status", { value: 600 });
    const { client } = setup([() => teed], { timeoutMs: 2 ** 31 - 1 });
    expect(await failure(call(client))).toMatchObject({ kind: "response", status: 600 });
  });

  it("the caller's abort is kind aborted, with the signal's reason as cause", async () => {
    const controller = new AbortController();
    const reason = new Error("user went away");
    const { client, calls } = setup([
      (request) => {
        setImmediate(() => controller.abort(reason));
        return untilAborted(request);
      },
    ]);
    const error = await failure(call(client, { signal: controller.signal }));
    expect(error).toMatchObject({ kind: "aborted", operation: first.operationId });
    expect(error.cause).toBe(reason);
    expect(calls[0]?.signal.aborted).toBe(true);
  });

  it("the caller's abort ends the call even when the fetch ignores signals", async () => {
    const controller = new AbortController();
    const { client } = setup([
      () => {
        setImmediate(() => controller.abort("stop"));
        return never();
      },
    ]);
    const error = await failure(call(client, { signal: controller.signal }));
    expect(error).toMatchObject({ kind: "aborted" });
    expect(error.cause).toBe("stop");
  });

  it("the caller's abort while the body streams is kind aborted", async () => {
    const controller = new AbortController();
    const { client } = setup([
      () => {
        setImmediate(() => controller.abort("mid-body"));
        return stalledBody();
      },
    ]);
    expect(await failure(call(client, { signal: controller.signal }))).toMatchObject({
      kind: "aborted",
      cause: "mid-body",
    });
  });

  it("an already-aborted signal is kind aborted, and no fetch is made", async () => {
    const { client, calls } = setup([ok(successData(first))]);
    const signal = AbortSignal.abort(new Error("too late"));
    const error = await failure(call(client, { signal }));
    expect(error).toMatchObject({ kind: "aborted" });
    expect((error.cause as Error).message).toBe("too late");
    expect(calls).toHaveLength(0);
  });
});

describe.each(operationCases.filter((c) => c.bulk))("$operationId: bulk counts that are not counts", (c) => {
  it.each<[string, unknown]>([
    ['fail: "1"', { total: 2, success: 1, fail: "1" }],
    ["no fail", { total: 2, success: 2 }],
    ["data: null", null],
    ["a negative count", { total: 2, success: 3, fail: -1 }],
    ["a fraction", { total: 2, success: 1.5, fail: 0.5 }],
    ["the token as a count", { total: 2, success: 1, fail: TOKEN }],
  ])("%s is a response error, never a success, and quotes no token", async (_, data) => {
    const { client } = setup([json({ status: true, data })]);
    const error = await failure(methodOf(client, c.operationId)(argsOf(c)));
    expect(error).toMatchObject({ kind: "response", operation: c.operationId });
    expect(error.message).toContain("bulk counts");
    expect(exposedTexts(error).join(" ")).not.toContain(TOKEN);
  });
});

describe("what a server or a fetch may do besides", () => {
  it("a response header longer than 2,000 characters is kept whole, on a success and on an error", async () => {
    const long = "a".repeat(5_000);
    const { client } = setup([
      json({ status: true, data: successData(first) }, 200, { "content-security-policy": long }),
      json({ status: false, error: { code: 5017, message: "Limit Exceeded" } }, 400, { "sl-violations": long }),
    ]);
    await expect(methodOf(client, first.operationId)(argsOf(first))).resolves.toEqual(successData(first));
    const error = await failure(methodOf(client, first.operationId)(argsOf(first)));
    expect(error).toMatchObject({ kind: "api", status: 400 });
    expect(error.headers?.get("sl-violations")).toBe(long);
  });

  it("a network failure whose root is an AggregateError (both addresses of localhost refused) names each", async () => {
    const both = new AggregateError(
      [new Error("connect ECONNREFUSED ::1:4010"), new Error("connect ECONNREFUSED 127.0.0.1:4010")],
      "",
    );
    const { client } = setup([new TypeError("fetch failed", { cause: both })]);
    const error = await failure(methodOf(client, first.operationId)(argsOf(first)));
    expect(error.message).toContain("connect ECONNREFUSED ::1:4010; connect ECONNREFUSED 127.0.0.1:4010");
  });

  it("an answer a custom fetch got from outside baseUrl (it followed a redirect itself) is not taken", async () => {
    const { client } = setup([
      () => Object.defineProperty(ok(successData(first)), "url", { value: "https://elsewhere.test/v1/x" }),
    ]);
    const error = await failure(methodOf(client, first.operationId)(argsOf(first)));
    expect(error).toMatchObject({ kind: "response" });
    expect(error.message).toContain("not taken");
  });

  it("once an attempt's time limit passes, a fetch that ignores the signal is sent no further redirect hop", async () => {
    const { client, calls } = setup(
      [
        async (request) => {
          await new Promise((resolve) => setTimeout(resolve, 30));
          return new Response(null, { status: 307, headers: { location: request.url } });
        },
      ],
      { timeoutMs: 50 },
    );
    const error = await failure(methodOf(client, first.operationId)(argsOf(first)));
    expect(error).toMatchObject({ kind: "timeout" });
    const sent = calls.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).toHaveLength(sent);
  });
});
