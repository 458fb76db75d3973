// scripts/lib/load.ts, which npm run load and the bench's figure 5 share: the example calls, the
// same requests for plain fetch, and the driver. No duration is asserted.
import { describe, expect, it } from "vitest";
import { drive, exampleCalls, loadFigures, plainRequest } from "../../scripts/lib/load.js";
import { loadBundle, operations } from "../../scripts/lib/spec.js";
import { AppliveryBulkError, createAppliveryClient } from "../../src/index.js";
import { anOperation, successData } from "../support/operation-cases.js";
import { ok, stubFetch } from "../support/stub-fetch.js";

const bundle = loadBundle();
const calls = exampleCalls(bundle);

describe("exampleCalls", () => {
  it("has every operation of the spec, whatever its method, with its examples as the client's method takes them", () => {
    const specified = operations(bundle);
    expect(calls.map((c) => [c.operationId, c.method])).toEqual(
      specified.map((o) => [o.operationId, o.method.toUpperCase()]),
    );
    for (const [i, call] of calls.entries()) {
      const parameters = specified[i]?.operation.parameters ?? [];
      const pathNames = parameters.filter((p) => p.in === "path").map((p) => p.name);
      expect(Object.keys(call.pathParams), call.operationId).toEqual(pathNames);
      expect(Object.values(call.pathParams), call.operationId).not.toContain(undefined);
      expect(call.args).toEqual({
        ...call.pathParams,
        ...(Object.keys(call.query).length > 0 ? { query: call.query } : {}),
        ...(call.body === undefined ? {} : { body: call.body }),
      });
    }
  });
});

describe("plainRequest", () => {
  it("is the request the client's method sends for each call: method, URL with path and query, headers, JSON body", async () => {
    for (const call of calls) {
      const stub = stubFetch(ok(successData(anOperation((c) => c.operationId === call.operationId))));
      const client = createAppliveryClient({ baseUrl: "http://127.0.0.1:4010", token: "t", fetch: stub.fetch });
      const method = (client as unknown as Record<string, (args: object) => Promise<unknown>>)[call.operationId];
      await method?.(call.args).catch((error: unknown) => {
        if (!(error instanceof AppliveryBulkError)) throw error;
      });
      const [sent] = stub.calls;
      const { url, init } = plainRequest("http://127.0.0.1:4010", call, { authorization: "Bearer t" });
      expect(url, call.operationId).toBe(sent?.url);
      expect(init.method).toBe(sent?.method);
      expect(init.body ?? null).toBe(sent?.body);
      for (const [name, value] of Object.entries(init.headers as Record<string, string>))
        expect(sent?.headers.get(name), `${call.operationId} ${name}`).toBe(value);
    }
  });
});

describe("drive", () => {
  it("sends the count asked, cycling through the calls, and counts failures", async () => {
    const [first, failing] = calls;
    if (!first || !failing) throw new Error("the spec has fewer than two operations");
    const seen: string[] = [];
    const count = 2 * calls.length + 1;
    const driven = await drive(
      calls,
      async (call) => {
        seen.push(call.operationId);
        if (call === failing) throw new Error("no");
      },
      count,
      3,
    );
    const ids = calls.map((c) => c.operationId);
    expect(seen).toEqual([...ids, ...ids, first.operationId]);
    expect(driven.latencies).toHaveLength(count);
    expect(driven.failures).toEqual([`${failing.operationId}: no`, `${failing.operationId}: no`]);
    const figures = loadFigures(count, driven);
    expect(figures.failures).toBe(2);
    expect(figures.latencyMs.p50).toBeLessThanOrEqual(figures.latencyMs.max);
  });
});
