// The generated operation methods, for every operation of the spec: what they send (method, URL,
// path and query, JSON body, headers), what they resolve to (the envelope's data, unaltered), what
// they reject with, and what they refuse before sending anything.
import { describe, expect, it } from "vitest";
import { operationTable } from "../../generated/client.js";
import { validator } from "../../scripts/lib/ajv.js";
import { isObject } from "../../scripts/lib/json.js";
import { operations } from "../../scripts/lib/spec.js";
import {
  AppliveryApiError,
  AppliveryBulkError,
  type AppliveryClientOptions,
  AppliveryError,
  createAppliveryClient,
  ErrorCode,
} from "../../src/index.js";
import {
  argsOf,
  bodyCases,
  expandedPath,
  fetchCallOf,
  methodOf,
  type OperationCase,
  operationCases,
  successData,
} from "../support/operation-cases.js";
import { rejection } from "../support/secrets.js";
import { json, ok, type Reply, stubFetch } from "../support/stub-fetch.js";

const TOKEN = "m3th0ds-T0ken_91fe";
const BASE = "https://api.example.test/v1";

function setup(replies: Reply[], options: Partial<AppliveryClientOptions> = {}) {
  const stub = stubFetch(...replies);
  const client = createAppliveryClient({ token: TOKEN, baseUrl: BASE, fetch: stub.fetch, ...options });
  return { ...stub, client };
}

/** A slug: letters of both cases, digits and `-`; an organization may be named by one, an entity id may not. */
const SLUG = "acme-Corp-42";
const specOperations = operations();
/** The operation's path parameters whose schema (in the spec) takes SLUG, and those whose schema refuses it. */
function slugParameters(c: OperationCase): [string[], string[]] {
  const parameters = specOperations.find((o) => o.operationId === c.operationId)?.operation.parameters ?? [];
  const path = parameters.filter((p) => p.in === "path");
  const takes = (p: (typeof path)[number]) => validator(p.schema ?? {})(SLUG).ok;
  return [path.filter(takes).map((p) => p.name), path.filter((p) => !takes(p)).map((p) => p.name)];
}

const call = (c: OperationCase, client: ReturnType<typeof setup>["client"], extra: Record<string, unknown> = {}) =>
  methodOf(client, c.operationId)(argsOf(c, extra));

it("covers every operation of the spec, and the spec covers every method of the table", () => {
  expect(operationCases.map((c) => c.operationId).sort()).toEqual(Object.keys(operationTable).sort());
  const client = createAppliveryClient({ token: TOKEN });
  for (const c of operationCases) {
    expect(typeof methodOf(client, c.operationId)).toBe("function");
    expect(methodOf(client, c.operationId).name).toBe(c.operationId);
    expect(operationTable[c.operationId]).toMatchObject({ method: c.method, path: c.path });
  }
});

describe.each(operationCases)("$operationId", (c) => {
  it.each([BASE, `${BASE}/`, `${BASE}//`])("sends %s + the path, its parameters and its query", async (baseUrl) => {
    const { client, calls } = setup([ok(successData(c))], { baseUrl });
    await call(c, client);
    expect(calls).toHaveLength(1);
    const [sent] = calls;
    expect(sent?.method).toBe(c.method);
    const url = new URL(sent?.url ?? "");
    expect(`${url.origin}${url.pathname}`).toBe(BASE + expandedPath(c));
    expect([...url.searchParams]).toEqual(Object.entries(c.query).map(([name, value]) => [name, String(value)]));
  });

  it("puts a slug in as it is where the parameter's schema takes one, and refuses it where not", async () => {
    const [takes, refuses] = slugParameters(c);
    const slugs = Object.fromEntries(takes.map((name) => [name, SLUG]));
    const { client, calls } = setup([ok(successData(c))]);
    await methodOf(client, c.operationId)(argsOf(c, slugs));
    expect(new URL(calls[0]?.url ?? "").pathname).toBe(
      new URL(BASE).pathname + expandedPath(c, { ...c.pathValues, ...slugs }),
    );
    for (const name of refuses) {
      const error = await rejection(methodOf(client, c.operationId)(argsOf(c, { [name]: SLUG })));
      expect(error).toMatchObject({ kind: "request", operation: c.operationId });
      expect((error as Error).message).toContain(`path parameter ${name} must match`);
    }
    expect(calls).toHaveLength(1);
  });

  it("sends the token, Accept: application/json, the client's headers, and Content-Type only with a body", async () => {
    const { client, calls } = setup([ok(successData(c))], { headers: { "x-trace": "abc" } });
    await call(c, client);
    const headers = calls[0]?.headers;
    expect(headers?.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(headers?.get("accept")).toBe("application/json");
    expect(headers?.get("x-trace")).toBe("abc");
    if (c.body === undefined) {
      expect(headers?.has("content-type")).toBe(false);
      expect(calls[0]?.body).toBeNull();
    } else {
      expect(headers?.get("content-type")).toBe("application/json");
      expect(JSON.parse(calls[0]?.body ?? "")).toEqual(c.body);
    }
  });

  it("keeps an Accept header the client was given", async () => {
    const { client, calls } = setup([ok(successData(c))], { headers: { accept: "application/vnd.test+json" } });
    await call(c, client);
    expect(calls[0]?.headers.get("accept")).toBe("application/vnd.test+json");
  });

  it("resolves to the envelope's data, unaltered, even where it contains the token", async () => {
    const data = successData(c);
    const withToken = { ...(data as object), note: `link/${TOKEN}?t=${encodeURIComponent(TOKEN)}`, [TOKEN]: TOKEN };
    for (const sent of [data, withToken]) {
      const { client } = setup([ok(sent)]);
      const received = await call(c, client);
      expect(received).toEqual(sent);
    }
  });

  it("rejects an error envelope with an AppliveryApiError: code, status, operation, message", async () => {
    const { status, envelope } = c.error;
    const { client } = setup([json(envelope, status)], { retry: false });
    const error = await rejection(call(c, client));
    expect(error).toBeInstanceOf(AppliveryApiError);
    expect(error).toMatchObject({
      kind: "api",
      code: envelope.error.code,
      status,
      operation: c.operationId,
      apiMessage: envelope.error.message,
    });
    expect((error as Error).message).toBe(
      `${c.operationId}: HTTP ${status}, API error ${envelope.error.code}: ${envelope.error.message}`,
    );
  });

  it.each<[string, Record<string, unknown>]>([
    ['".."', { value: ".." }],
    ['"."', { value: "." }],
    ['""', { value: "" }],
    ['"a/b"', { value: "abc/def" }],
    ['"%2e%2e"', { value: "%2e%2e" }],
    ["a value of two characters", { value: "ab" }],
    ["a value with a space", { value: "acme corp" }],
    ["a value with a query", { value: "acme?x=1" }],
    ["a number", { value: 123456 }],
    ["a missing value", { value: undefined }],
  ])("refuses a path value that is %s, naming the parameter, and sends nothing", async (_, { value }) => {
    for (const name of Object.keys(c.pathValues)) {
      const { client, calls } = setup([ok(successData(c))]);
      const error = await rejection(methodOf(client, c.operationId)(argsOf(c, { [name]: value })));
      expect(error).toBeInstanceOf(AppliveryError);
      expect(error).toMatchObject({ kind: "request", operation: c.operationId });
      expect((error as Error).message).toContain(`path parameter ${name} must match`);
      expect(calls).toHaveLength(0);
    }
  });

  it("refuses a query key the operation does not have, and a query value that is not a scalar", async () => {
    const { client, calls } = setup([ok(successData(c))]);
    const unknownKey = await rejection(call(c, client, { query: { ...c.query, pageSize: 5 } }));
    expect(unknownKey).toMatchObject({ kind: "request", operation: c.operationId });
    expect((unknownKey as Error).message).toContain(`query.pageSize is not a parameter of ${c.operationId}`);
    const [name] = Object.keys(c.query);
    if (name !== undefined) {
      const nested = await rejection(call(c, client, { query: { [name]: { deep: 1 } } }));
      expect(nested).toMatchObject({ kind: "request" });
      expect((nested as Error).message).toContain(`query.${name} must be a string, number or boolean`);
    }
    expect(calls).toHaveLength(0);
  });

  it("refuses arguments that are not an object", async () => {
    const { client, calls } = setup([ok(successData(c))]);
    for (const args of [undefined, null, "x"]) {
      const error = await rejection((client[c.operationId] as unknown as (a: unknown) => Promise<unknown>)(args));
      expect(error).toMatchObject({ kind: "request", operation: c.operationId });
    }
    expect(calls).toHaveLength(0);
  });
});

describe.each(operationCases.filter((c) => Object.keys(c.query).length > 0))("$operationId, query", (c) => {
  it("leaves out a query value that is undefined", async () => {
    const [name = "", ...others] = Object.keys(c.query);
    const { client, calls } = setup([ok(successData(c))]);
    await call(c, client, { query: { ...c.query, [name]: undefined } });
    const sent = new URL(calls[0]?.url ?? "").searchParams;
    expect(sent.has(name)).toBe(false);
    expect([...sent.keys()]).toEqual(others);
  });

  it("sends each query value as text: numbers and booleans as JSON writes them", async () => {
    const { client, calls } = setup([ok(successData(c))]);
    await call(c, client);
    const sent = new URL(calls[0]?.url ?? "").searchParams;
    for (const [name, value] of Object.entries(c.query))
      expect(sent.get(name)).toBe(JSON.stringify(value).replace(/^"|"$/g, ""));
  });
});

describe.each(bodyCases)("$operationId, body", (c) => {
  const circular: Record<string, unknown> = { ...(c.body as object) };
  circular.self = circular;
  it.each<[string, unknown]>([
    ["circular", circular],
    ["holding a BigInt", { ...(c.body as object), big: 10n }],
    ["a function", () => {}],
  ])("refuses a body that is %s with a request error, not a raw TypeError, and sends nothing", async (_, body) => {
    const { client, calls } = setup([ok(successData(c))]);
    const error = await rejection(call(c, client, { body }));
    expect(error).toBeInstanceOf(AppliveryError);
    expect(error).toMatchObject({ kind: "request", operation: c.operationId });
    expect((error as Error).message).toContain("body cannot be sent as JSON");
    expect(calls).toHaveLength(0);
  });

  it("refuses a missing body and sends nothing", async () => {
    const { client, calls } = setup([ok(successData(c))]);
    const error = await rejection(methodOf(client, c.operationId)({ ...c.pathValues }));
    expect(error).toMatchObject({ kind: "request", operation: c.operationId });
    expect((error as Error).message).toContain("body is required");
    expect(calls).toHaveLength(0);
  });
});

describe.each(operationCases.filter((c) => c.bulk))("$operationId, bulk counts", (c) => {
  it("rejects fail > 0 with an AppliveryBulkError carrying the counts", async () => {
    const counts = { total: 5, success: 3, fail: 2 };
    const { client } = setup([ok(counts)]);
    const error = await rejection(call(c, client));
    expect(error).toBeInstanceOf(AppliveryBulkError);
    expect(error).toMatchObject({ kind: "bulk", status: 200, operation: c.operationId, result: counts });
    expect((error as Error).message).toContain("2 of 5 tokens were not created (3 were)");
  });

  it("rejects the spec's own partial-failure example", async () => {
    // The 200 example that counts tokens not created (the first one, every token created, is the default answer).
    const partial = c.dataExamples.find((data) => isObject(data) && typeof data.fail === "number" && data.fail > 0);
    expect(partial, "the spec documents a bulk 200 with fail > 0").toBeDefined();
    const { client } = setup([ok(partial)]);
    const error = await rejection(call(c, client));
    expect(error).toBeInstanceOf(AppliveryBulkError);
    expect((error as AppliveryBulkError).result).toEqual(partial);
  });

  it("resolves the spec's own every-token-created example", async () => {
    const created = c.dataExamples.filter((data) => isObject(data) && data.fail === 0);
    expect(created.length, "the spec documents a bulk 200 with fail 0").toBeGreaterThan(0);
    for (const data of created) {
      const { client } = setup([ok(data)]);
      await expect(call(c, client)).resolves.toEqual(data);
    }
  });

  it("resolves counts with fail 0", async () => {
    const { client } = setup([ok({ total: 2, success: 2, fail: 0 })]);
    await expect(call(c, client)).resolves.toEqual({ total: 2, success: 2, fail: 0 });
  });
});

describe("what the package exports", () => {
  it("ErrorCode is made from the spec's error examples: every documented code, named from its message", () => {
    const documented = new Map(
      operationCases.map((c) => [c.error.envelope.error.code, c.error.envelope.error.message]),
    );
    for (const [code, message] of documented) {
      const name = message.replace(/(?:^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_, c: string) => c.toUpperCase());
      expect(ErrorCode).toHaveProperty(name, code);
    }
  });

  it("the operation table stays inside: the package root exports no operationTable", async () => {
    const root = await import("../../src/index.js");
    expect(Object.keys(root)).not.toContain("operationTable");
  });
});

describe("status and headers of an error", () => {
  it("an AppliveryApiError carries the response's status and headers (Prism's sl-violations)", async () => {
    const c = operationCases[0];
    if (!c) throw new Error("no operation");
    const violations = JSON.stringify([{ location: ["request", "body"], severity: "Error", message: "bad" }]);
    const stub = stubFetch(
      new Response(JSON.stringify({ status: false, error: { code: 5017, message: "Limit Exceeded" } }), {
        status: 422,
        headers: { "content-type": "application/json", "sl-violations": violations },
      }),
    );
    const client = createAppliveryClient({ token: TOKEN, baseUrl: BASE, fetch: stub.fetch, retry: false });
    const error = await rejection(methodOf(client, c.operationId)(argsOf(c)));
    expect(error).toBeInstanceOf(AppliveryApiError);
    expect((error as AppliveryApiError).status).toBe(422);
    expect((error as AppliveryApiError).headers?.get("sl-violations")).toBe(violations);
  });

  it("the openapi-fetch surface checks path parameters the same way: '..' is refused and nothing is sent", async () => {
    const c = operationCases[0];
    if (!c) throw new Error("no operation");
    const stub = stubFetch(ok({}));
    const client = createAppliveryClient({ token: TOKEN, baseUrl: BASE, fetch: stub.fetch });
    const init = { params: { path: { ...c.pathValues, organizationId: ".." }, query: c.query }, body: c.body };
    const error = await rejection(fetchCallOf(client, c.method)(c.path, init));
    expect(error).toMatchObject({ kind: "request", operation: c.operationId });
    expect((error as Error).message).toContain("path parameter organizationId");
    expect(stub.calls).toHaveLength(0);
  });
});
