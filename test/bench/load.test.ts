// scripts/lib/load.ts, which npm run load and the bench's figure 5 share: the example calls, the
// same requests for plain fetch, and the driver. No duration is asserted.
import { describe, expect, it } from "vitest";
import { drive, type ExampleCall, exampleCalls, loadFigures, plainRequest } from "../../scripts/lib/load.js";
import { loadBundle } from "../../scripts/lib/spec.js";

const calls = exampleCalls(loadBundle());

describe("exampleCalls", () => {
  it("has every operation with its examples, as the client's method takes them", () => {
    expect(calls.map((c) => c.operationId)).toEqual(
      expect.arrayContaining(["listAppleEnrollmentTokens", "createAppleEnrollmentToken"]),
    );
    const create = calls.find((c) => c.operationId === "createAppleEnrollmentToken") as ExampleCall;
    expect(create.method).toBe("POST");
    expect(create.args).toEqual({ ...create.pathParams, body: create.body });
    const list = calls.find((c) => c.operationId === "listAppleEnrollmentTokens") as ExampleCall;
    expect(list.args).toEqual({ ...list.pathParams, query: list.query });
  });
});

describe("plainRequest", () => {
  it("is the request the client sends: URL with path and query, the headers, the JSON body", () => {
    const create = calls.find((c) => c.operationId === "createAppleEnrollmentToken") as ExampleCall;
    const { url, init } = plainRequest("http://127.0.0.1:4010", create, { authorization: "Bearer t" });
    expect(url).toBe(
      `http://127.0.0.1:4010/organizations/${create.pathParams.organizationId}/mdm/apple/enterprise/enrollment-tokens`,
    );
    expect(init).toEqual({
      method: "POST",
      headers: { accept: "application/json", authorization: "Bearer t", "content-type": "application/json" },
      body: JSON.stringify(create.body),
    });
    const list = calls.find((c) => c.operationId === "listAppleEnrollmentTokens") as ExampleCall;
    const get = plainRequest("http://h", list, {});
    expect(new URL(get.url).searchParams.get("page")).toBe(String(list.query.page));
    expect(get.init.body).toBeUndefined();
  });
});

describe("drive", () => {
  it("sends the count asked, cycling through the calls, and counts failures", async () => {
    const seen: string[] = [];
    const driven = await drive(
      calls,
      async (call) => {
        seen.push(call.operationId);
        if (seen.length % 4 === 0) throw new Error("no");
      },
      10,
      3,
    );
    expect(seen).toHaveLength(10);
    expect(seen.slice(0, calls.length)).toEqual(calls.map((c) => c.operationId));
    expect(driven.latencies).toHaveLength(10);
    expect(driven.failures).toHaveLength(2);
    expect(driven.failures[0]).toMatch(/: no$/);
    const figures = loadFigures(10, driven);
    expect(figures.failures).toBe(2);
    expect(figures.latencyMs.p50).toBeLessThanOrEqual(figures.latencyMs.max);
  });
});
