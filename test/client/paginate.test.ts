// client.paginate(operationId, args) over every list operation of the spec (those whose 200 data
// has an `items` array): every item of every page, in order, with the caller's filters; it stops
// where it must, reads the paging fields strictly, is bounded by maxPages, and a page that is not a
// page is an AppliveryError, never a TypeError, a silent stop, an endless read or a wrong item.
import { describe, expect, it } from "vitest";
import {
  AppliveryApiError,
  AppliveryError,
  createAppliveryClient,
  DEFAULT_MAX_PAGES,
  type ListOperationId,
  type PaginateOptions,
} from "../../src/index.js";
import { argsOf, listCases, type OperationCase, operationCases } from "../support/operation-cases.js";
import { rejection } from "../support/secrets.js";
import { apiError, ok, type Reply, stubFetch } from "../support/stub-fetch.js";

const TOKEN = "pag1nate-T0ken_e5f1";

it("the spec has list operations to page through", () => {
  expect(listCases.length).toBeGreaterThan(0);
});

describe.each(listCases)("$operationId", (c) => {
  const example = c.data as Record<string, unknown> & { items: Record<string, unknown>[] };
  const [sample] = example.items;
  const item = (n: number) => ({ ...sample, id: n.toString(16).padStart(24, "0") });
  /** Page `n` of `total`, holding `size` items numbered from (n - 1) × size + 1. */
  const page = (n: number, total: number, size = 2): Record<string, unknown> => ({
    ...example,
    items: Array.from({ length: size }, (_, i) => item((n - 1) * size + i + 1)),
    page: n,
    totalPages: total,
    hasNextPage: n < total,
    nextPage: n < total ? n + 1 : null,
    hasPrevPage: n > 1,
    prevPage: n > 1 ? n - 1 : null,
  });
  const filters = Object.fromEntries(Object.entries(c.query).filter(([name]) => name !== "page"));

  type Args = Record<string, unknown>;
  function setup(replies: Reply[]) {
    const stub = stubFetch(...replies);
    const client = createAppliveryClient({ token: TOKEN, fetch: stub.fetch, retry: false });
    const paginate = (pageArgs: Args, options?: PaginateOptions) =>
      client.paginate(c.operationId as ListOperationId, pageArgs as never, options);
    return { ...stub, paginate };
  }
  const args = (query: Record<string, unknown> = filters, extra: Record<string, unknown> = {}): Args => ({
    ...(c as OperationCase).pathValues,
    query,
    ...extra,
  });

  async function collect(iterator: AsyncIterable<unknown>): Promise<{ items: unknown[]; error?: unknown }> {
    const items: unknown[] = [];
    try {
      for await (const value of iterator) items.push(value);
    } catch (error) {
      return { items, error };
    }
    return { items };
  }

  it("yields every item of every page in order, keeping the filters and sort on every request", async () => {
    const { paginate, calls } = setup([ok(page(1, 3)), ok(page(2, 3)), ok(page(3, 3))]);
    const { items, error } = await collect(paginate(args()));
    expect(error).toBeUndefined();
    expect(items).toEqual([1, 2, 3, 4, 5, 6].map(item));
    expect(calls).toHaveLength(3);
    calls.forEach((call, i) => {
      const query = Object.fromEntries(new URL(call.url).searchParams);
      const expected = Object.fromEntries(Object.entries(filters).map(([name, value]) => [name, String(value)]));
      expect(query).toEqual(i === 0 ? expected : { ...expected, page: String(i + 1) });
    });
  });

  it("starts at the caller's page", async () => {
    const { paginate, calls } = setup([ok(page(2, 3)), ok(page(3, 3))]);
    const { items } = await collect(paginate(args({ ...filters, page: 2 })));
    expect(items).toEqual([3, 4, 5, 6].map(item));
    expect(calls.map((call) => new URL(call.url).searchParams.get("page"))).toEqual(["2", "3"]);
  });

  it("stops on the last page, and on an empty page even when it claims a next one", async () => {
    const last = setup([ok(page(1, 1)), ok(page(2, 2))]);
    expect((await collect(last.paginate(args()))).items).toEqual([1, 2].map(item));
    expect(last.calls).toHaveLength(1);
    const empty = setup([ok(page(1, 3)), ok({ ...page(2, 3), items: [] }), ok(page(3, 3))]);
    const result = await collect(empty.paginate(args()));
    expect(result).toEqual({ items: [1, 2].map(item) });
    expect(empty.calls).toHaveLength(2);
  });

  it("stops early when the loop breaks, reading no further page", async () => {
    const { paginate, calls } = setup([ok(page(1, 5)), ok(page(2, 5)), ok(page(3, 5))]);
    const items: unknown[] = [];
    for await (const value of paginate(args())) {
      items.push(value);
      if (items.length === 3) break;
    }
    expect(items).toEqual([1, 2, 3].map(item));
    expect(calls).toHaveLength(2);
  });

  it("rejects a list longer than maxPages with kind response, after the items it read", async () => {
    const { paginate, calls } = setup([ok(page(1, 5)), ok(page(2, 5)), ok(page(3, 5))]);
    const { items, error } = await collect(paginate(args(), { maxPages: 2 }));
    expect(items).toEqual([1, 2, 3, 4].map(item));
    expect(error).toMatchObject({ kind: "response", operation: c.operationId });
    expect((error as Error).message).toContain("maxPages");
    expect(calls).toHaveLength(2);
  });

  it(`is bounded by default: a server whose pages never end is read ${DEFAULT_MAX_PAGES} pages, then rejected`, async () => {
    const { paginate, calls } = setup([
      (request) => {
        const n = Number(new URL(request.url).searchParams.get("page") ?? 1);
        return ok(page(n, n + 1, 1));
      },
    ]);
    const { items, error } = await collect(paginate(args()));
    expect(error).toMatchObject({ kind: "response", operation: c.operationId });
    expect(items).toHaveLength(DEFAULT_MAX_PAGES);
    expect(calls).toHaveLength(DEFAULT_MAX_PAGES);
  });

  it.each([0, 1.5, -1, Number.NaN])("refuses maxPages %s with a request error, sending nothing", async (maxPages) => {
    const { paginate, calls } = setup([ok(page(1, 2))]);
    const { items, error } = await collect(paginate(args(), { maxPages }));
    expect(items).toEqual([]);
    expect(error).toBeInstanceOf(AppliveryError);
    expect(error).toMatchObject({ kind: "request", operation: c.operationId });
    expect((error as Error).message).toContain("maxPages");
    expect(calls).toHaveLength(0);
  });

  it("stops between pages when the signal aborts, as kind aborted", async () => {
    const controller = new AbortController();
    const { paginate, calls } = setup([ok(page(1, 3)), ok(page(2, 3))]);
    const items: unknown[] = [];
    const error = await rejection(
      (async () => {
        for await (const value of paginate(args(filters, { signal: controller.signal }))) {
          items.push(value);
          if (items.length === 2) controller.abort("enough");
        }
      })(),
    );
    expect(items).toEqual([1, 2].map(item));
    expect(error).toMatchObject({ kind: "aborted", cause: "enough", operation: c.operationId });
    expect(calls).toHaveLength(1);
  });

  it("stops during a request when the signal aborts, as kind aborted", async () => {
    const controller = new AbortController();
    const { paginate, calls } = setup([
      ok(page(1, 3)),
      (request) =>
        new Promise<Response>((_, reject) => {
          request.signal.addEventListener("abort", () => reject(request.signal.reason));
          setImmediate(() => controller.abort("mid-request"));
        }),
    ]);
    const { items, error } = await collect(paginate(args(filters, { signal: controller.signal })));
    expect(items).toEqual([1, 2].map(item));
    expect(error).toMatchObject({ kind: "aborted", cause: "mid-request" });
    expect(calls).toHaveLength(2);
  });

  it("rejects with the AppliveryApiError of a failed page, after the items of the pages before", async () => {
    const { status, envelope } = c.error;
    const { paginate } = setup([ok(page(1, 3)), apiError(envelope.error.code, envelope.error.message, status)]);
    const { items, error } = await collect(paginate(args()));
    expect(items).toEqual([1, 2].map(item));
    expect(error).toBeInstanceOf(AppliveryApiError);
    expect(error).toMatchObject({ code: envelope.error.code, status, operation: c.operationId });
  });

  // Items yielded before the error: page 1's only; a page that is not a page yields nothing.
  const throughPage1 = [1, 2];

  it.each<[string, (n: number) => unknown, number[]]>([
    ["a nextPage that does not advance", (n) => ({ ...page(n, 3), nextPage: n }), throughPage1],
    ["a nextPage that goes back", (n) => ({ ...page(n, 3), nextPage: n - 1 }), throughPage1],
    ["hasNextPage with nextPage null", (n) => ({ ...page(n, 3), nextPage: null }), throughPage1],
    [
      "hasNextPage with nextPage missing",
      (n) => {
        const { nextPage: _, ...rest } = page(n, 3);
        return rest;
      },
      throughPage1,
    ],
    ['hasNextPage with nextPage "3"', (n) => ({ ...page(n, 3), nextPage: String(n + 1) }), throughPage1],
    ["a nextPage past totalPages", (n) => ({ ...page(n, 3), totalPages: n }), throughPage1],
    ["hasNextPage without totalPages", (n) => ({ ...page(n, 3), totalPages: undefined }), throughPage1],
    ['hasNextPage: "false" (a string, not a boolean)', (n) => ({ ...page(n, 3), hasNextPage: "false" }), throughPage1],
    [
      "a page without items",
      (n) => {
        const { items: _, ...rest } = page(n, 3);
        return rest;
      },
      throughPage1,
    ],
    ['items: "x"', (n) => ({ ...page(n, 3), items: "x" }), throughPage1],
    ["items: an object", (n) => ({ ...page(n, 3), items: { 0: item(99) } }), throughPage1],
    ["data: null", () => null, throughPage1],
    ["data: a string", () => "page", throughPage1],
    ["data: a number", () => 2, throughPage1],
  ])(
    "rejects %s on page 2 with kind response: no TypeError, no silent stop, no wrong item",
    async (_, broken, expected) => {
      const { paginate, calls } = setup([ok(page(1, 3)), ok(broken(2)), ok(page(3, 3))]);
      const { items, error } = await collect(paginate(args()));
      expect(items).toEqual(expected.map(item));
      expect(error).toBeInstanceOf(AppliveryError);
      expect(error).not.toBeInstanceOf(TypeError);
      expect(error).toMatchObject({ kind: "response", operation: c.operationId });
      expect(calls).toHaveLength(2);
    },
  );

  it("refuses an operationId the client does not have with a request error", async () => {
    const { paginate: _, calls } = setup([ok(page(1, 1))]);
    const client = createAppliveryClient({ token: TOKEN, fetch: async () => ok(page(1, 1)), retry: false });
    const { error } = await collect(client.paginate("noSuchOperation" as ListOperationId, args() as never));
    expect(error).toMatchObject({ kind: "request" });
    expect(calls).toHaveLength(0);
  });
});

describe("paginate refuses what is not a list, before sending anything", () => {
  const nonLists = operationCases.filter((c) => !listCases.includes(c));

  it.each(nonLists.map((c) => [c.operationId, c] as const))("%s", async (_, c) => {
    const stub = stubFetch(ok({}));
    const client = createAppliveryClient({ token: TOKEN, fetch: stub.fetch, retry: false });
    const items: unknown[] = [];
    const error = await rejection(
      (async () => {
        for await (const item of client.paginate(c.operationId as ListOperationId, argsOf(c) as never))
          items.push(item);
      })(),
    );
    expect(error).toMatchObject({ kind: "request" });
    expect(stub.calls).toHaveLength(0);
  });

  it("takes options of null as none, not a TypeError", async () => {
    const [c] = listCases;
    if (!c) throw new Error("no list operation");
    const client = createAppliveryClient({
      token: TOKEN,
      fetch: stubFetch(ok({ items: [], hasNextPage: false })).fetch,
    });
    const seen: unknown[] = [];
    for await (const item of client.paginate(c.operationId as ListOperationId, argsOf(c) as never, null as never))
      seen.push(item);
    expect(seen).toEqual([]);
  });
});
