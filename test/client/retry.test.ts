// Retries: GET-like calls are repeated after a network failure, a timeout or a retryable status,
// with exponential backoff capped at maxDelayMs, honouring a valid Retry-After; POST never is.
// Time is vi's fake time: the tests count fetches at given instants, they never measure durations.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AppliveryApiError,
  type AppliveryClientOptions,
  AppliveryError,
  createAppliveryClient,
  type RetryOptions,
} from "../../src/index.js";
import {
  anOperation,
  argsOf,
  fetchCallOf,
  initOf,
  methodOf,
  type OperationCase,
  postCases,
  successData,
} from "../support/operation-cases.js";
import { rejection } from "../support/secrets.js";
import { apiError, json, never, ok, type Reply, stubFetch } from "../support/stub-fetch.js";
import { fakeTimeoutSignals } from "../support/timers.js";

const TOKEN = "retr1-T0ken_c4d2";
const get = anOperation((c) => c.method === "GET");
const unavailable = (headers: Record<string, string> = {}) => apiError(5000, "Service Unavailable", 503, headers);

function setup(replies: Reply[], retry: RetryOptions | false, options: Partial<AppliveryClientOptions> = {}) {
  const stub = stubFetch(...replies);
  const client = createAppliveryClient({ token: TOKEN, fetch: stub.fetch, retry, ...options });
  return { ...stub, client };
}

/** Starts a call of `c` and keeps its outcome, so that fake time can run while it is pending. */
function start(client: ReturnType<typeof setup>["client"], c: OperationCase = get as OperationCase, extra = {}) {
  const outcome: { settled: boolean; value?: unknown; error?: unknown } = { settled: false };
  const promise = methodOf(
    client,
    c.operationId,
  )(argsOf(c, extra)).then(
    (value) => Object.assign(outcome, { settled: true, value }),
    (error: unknown) => Object.assign(outcome, { settled: true, error }),
  );
  return { outcome, promise };
}

/** Runs fake time forward by `ms` (letting promises settle), then returns how many fetches were made. */
const fetchesAfter = async (ms: number, calls: unknown[]) => {
  await vi.advanceTimersByTimeAsync(ms);
  return calls.length;
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  vi.setSystemTime(new Date("2026-03-01T12:00:00Z"));
});
afterEach(() => {
  vi.useRealTimers();
});

describe("backoff", () => {
  it("retries a GET on 503 after 100, 200, 400 ms, then resolves to the data", async () => {
    const data = successData(get);
    const { client, calls } = setup([unavailable(), unavailable(), unavailable(), ok(data)], {
      retries: 3,
      baseDelayMs: 100,
    });
    const { outcome, promise } = start(client);
    expect(await fetchesAfter(0, calls)).toBe(1);
    expect(await fetchesAfter(99, calls)).toBe(1);
    expect(await fetchesAfter(1, calls)).toBe(2);
    expect(await fetchesAfter(199, calls)).toBe(2);
    expect(await fetchesAfter(1, calls)).toBe(3);
    expect(await fetchesAfter(399, calls)).toBe(3);
    expect(await fetchesAfter(1, calls)).toBe(4);
    await promise;
    expect(outcome).toEqual({ settled: true, value: data });
  });

  it("is bounded: after retries + 1 attempts the last answer is returned as it is", async () => {
    const { client, calls } = setup([unavailable()], { retries: 2, baseDelayMs: 10 });
    const { outcome, promise } = start(client);
    await vi.runAllTimersAsync();
    await promise;
    expect(calls).toHaveLength(3);
    expect(outcome.error).toBeInstanceOf(AppliveryApiError);
    expect(outcome.error).toMatchObject({ status: 503, code: 5000 });
  });

  it("caps each wait at maxDelayMs", async () => {
    const { client, calls } = setup([unavailable(), unavailable(), unavailable(), ok({})], {
      retries: 3,
      baseDelayMs: 1_000,
      maxDelayMs: 1_500,
    });
    start(client);
    expect(await fetchesAfter(999, calls)).toBe(1);
    expect(await fetchesAfter(1, calls)).toBe(2);
    expect(await fetchesAfter(1_499, calls)).toBe(2);
    expect(await fetchesAfter(1, calls)).toBe(3);
    expect(await fetchesAfter(1_499, calls)).toBe(3);
    expect(await fetchesAfter(1, calls)).toBe(4);
  });

  it("retries after a network failure", async () => {
    const { client, calls } = setup([new TypeError("fetch failed"), ok({ n: 1 })], { retries: 1, baseDelayMs: 50 });
    const { outcome, promise } = start(client);
    expect(await fetchesAfter(49, calls)).toBe(1);
    expect(await fetchesAfter(1, calls)).toBe(2);
    await promise;
    expect(outcome.value).toEqual({ n: 1 });
  });

  it("retries after a timeout", async () => {
    fakeTimeoutSignals();
    const { client, calls } = setup([never, ok({ n: 2 })], { retries: 1, baseDelayMs: 50 }, { timeoutMs: 1_000 });
    const { outcome, promise } = start(client);
    expect(await fetchesAfter(999, calls)).toBe(1);
    expect(await fetchesAfter(1, calls)).toBe(1);
    expect(await fetchesAfter(50, calls)).toBe(2);
    await promise;
    expect(outcome.value).toEqual({ n: 2 });
  });

  it("ends with the timeout error when every attempt times out", async () => {
    fakeTimeoutSignals();
    const { client, calls } = setup([never], { retries: 2, baseDelayMs: 1 }, { timeoutMs: 100 });
    const { outcome, promise } = start(client);
    await vi.runAllTimersAsync();
    await promise;
    expect(calls).toHaveLength(3);
    expect(outcome.error).toMatchObject({ kind: "timeout" });
  });

  it("does not retry a status outside statuses, and retries one inside", async () => {
    const first = setup([apiError(3001, "Entity not found", 404), ok({})], { retries: 2, baseDelayMs: 1 });
    start(first.client);
    await vi.runAllTimersAsync();
    expect(first.calls).toHaveLength(1);
    const second = setup([json({ status: false, error: { code: 1, message: "teapot" } }, 418), ok({})], {
      retries: 2,
      baseDelayMs: 1,
      statuses: [418],
    });
    start(second.client);
    await vi.runAllTimersAsync();
    expect(second.calls).toHaveLength(2);
  });

  it("retries through the openapi-fetch surface too", async () => {
    const { client, calls } = setup([unavailable(), ok({ n: 3 })], { retries: 1, baseDelayMs: 5 });
    const pending = fetchCallOf(client, get.method)(get.path, initOf(get));
    await vi.runAllTimersAsync();
    expect((await pending).data).toEqual({ status: true, data: { n: 3 } });
    expect(calls).toHaveLength(2);
  });
});

describe("Retry-After", () => {
  it("honours delay-seconds", async () => {
    const { client, calls } = setup([unavailable({ "retry-after": "3" }), ok({})], { retries: 1, baseDelayMs: 10 });
    start(client);
    expect(await fetchesAfter(2_999, calls)).toBe(1);
    expect(await fetchesAfter(1, calls)).toBe(2);
  });

  it("honours an HTTP date, and a date in the past means at once", async () => {
    const at = new Date(Date.now() + 5_000).toUTCString();
    const past = new Date(Date.now() - 60_000).toUTCString();
    const { client, calls } = setup(
      [unavailable({ "retry-after": at }), unavailable({ "retry-after": past }), ok({})],
      {
        retries: 2,
        baseDelayMs: 10_000,
      },
    );
    start(client);
    expect(await fetchesAfter(4_999, calls)).toBe(1);
    expect(await fetchesAfter(1, calls)).toBe(2);
    // Within a millisecond of fake time, not after the 20 s backoff.
    expect(await fetchesAfter(1, calls)).toBe(3);
  });

  it.each(["wait 10", "-1", "1.5", "", "10s", "Sun, 06 Nov 1994"])(
    "ignores the invalid value %j: the backoff is used, not 0",
    async (value) => {
      const { client, calls } = setup([unavailable({ "retry-after": value }), ok({})], {
        retries: 1,
        baseDelayMs: 100,
      });
      start(client);
      expect(await fetchesAfter(0, calls)).toBe(1);
      expect(await fetchesAfter(99, calls)).toBe(1);
      expect(await fetchesAfter(1, calls)).toBe(2);
    },
  );

  it("longer than maxDelayMs ends the retries: the answer is returned as it is", async () => {
    const { client, calls } = setup([unavailable({ "retry-after": "61" }), ok({})], {
      retries: 3,
      baseDelayMs: 1,
      maxDelayMs: 60_000,
    });
    const { outcome, promise } = start(client);
    await vi.runAllTimersAsync();
    await promise;
    expect(calls).toHaveLength(1);
    expect(outcome.error).toMatchObject({ kind: "api", status: 503 });
  });
});

describe("no retry", () => {
  it.each<[string, RetryOptions | false]>([
    ["retry: false", false],
    ["retries: 0", { retries: 0 }],
    ["methods: []", { methods: [] }],
  ])("%s: one fetch on 503 and on a network failure", async (_, retry) => {
    for (const reply of [unavailable(), new TypeError("fetch failed")]) {
      const { client, calls } = setup([reply, ok({})], retry);
      const { outcome, promise } = start(client);
      await vi.runAllTimersAsync();
      await promise;
      expect(calls).toHaveLength(1);
      expect(outcome.error).toBeInstanceOf(AppliveryError);
    }
  });

  const everything: RetryOptions = {
    retries: 10,
    baseDelayMs: 1,
    methods: ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"],
    statuses: [408, 429, 500, 502, 503, 504],
  };
  describe.each(postCases)("$operationId (POST)", (c) => {
    it.each<[string, Reply]>([
      ["503", unavailable({ "retry-after": "0" })],
      ["a network failure", new TypeError("fetch failed")],
      ["a timeout", never],
    ])("is sent exactly once on %s, on both surfaces", async (_, reply) => {
      fakeTimeoutSignals();
      const { client, calls } = setup([reply, ok(successData(c))], everything, { timeoutMs: 100 });
      const { outcome, promise } = start(client, c);
      const viaFetch = fetchCallOf(client, c.method)(c.path, initOf(c)).then(
        (result) => result,
        (error: unknown) => error,
      );
      await vi.runAllTimersAsync();
      await promise;
      await viaFetch;
      expect(outcome.error).toBeInstanceOf(AppliveryError);
      expect(calls.filter((call) => call.method === "POST")).toHaveLength(2);
      expect(calls).toHaveLength(2);
    });
  });
});

describe("abort", () => {
  it("an abort during the backoff stops at once, as kind aborted, and nothing more is sent", async () => {
    const controller = new AbortController();
    const { client, calls } = setup([unavailable({ "retry-after": "10" }), ok({})], { retries: 3 });
    const { outcome, promise } = start(client, get, { signal: controller.signal });
    expect(await fetchesAfter(5_000, calls)).toBe(1);
    expect(outcome.settled).toBe(false);
    controller.abort(new Error("enough"));
    await promise;
    expect(outcome.error).toMatchObject({ kind: "aborted" });
    expect(((outcome.error as Error).cause as Error).message).toBe("enough");
    expect(await fetchesAfter(60_000, calls)).toBe(1);
  });

  it("an abort that comes with an attempt's failure is not retried", async () => {
    const controller = new AbortController();
    const { client, calls } = setup(
      [
        () => {
          controller.abort("stop");
          throw new TypeError("fetch failed");
        },
        ok({}),
      ],
      { retries: 3, baseDelayMs: 1 },
    );
    const { outcome, promise } = start(client, get, { signal: controller.signal });
    await vi.runAllTimersAsync();
    await promise;
    expect(calls).toHaveLength(1);
    expect(outcome.error).toMatchObject({ kind: "aborted", cause: "stop" });
  });
});

it("rejects with AppliveryError only, even when retries end on a failure", async () => {
  const { client } = setup([new TypeError("fetch failed")], { retries: 1, baseDelayMs: 1 });
  const pending = rejection(methodOf(client, get.operationId)(argsOf(get)));
  await vi.runAllTimersAsync();
  expect(await pending).toMatchObject({ kind: "network" });
});

describe("an abort during the wait before a retry", () => {
  it("rejects at once as aborted and leaves no timer behind (a long Retry-After keeps no process alive)", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const { client, calls } = setup([unavailable({ "retry-after": "30" }), ok({})], { retries: 1, maxDelayMs: 60_000 });
    const pending = methodOf(client, get.operationId)({ ...argsOf(get), signal: controller.signal }).catch((e) => e);
    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toHaveLength(1);
    controller.abort("stop");
    expect(await pending).toMatchObject({ kind: "aborted" });
    expect(vi.getTimerCount()).toBe(0);
  });
});
