// bench/calls/exchange.ts: the documented request and answer of figure 1, and its stub fetch.
import { describe, expect, it } from "vitest";
import { dataOf, documentedExchange, recordingFetch, type Sent, stubFetch, urlOf } from "../../bench/calls/exchange.js";
import { loadBundle } from "../../scripts/lib/spec.js";

const bundle = loadBundle();

describe("documentedExchange", () => {
  it("takes a POST's first body example and its 200 example, whose data every contender must return", () => {
    const create = documentedExchange(bundle, "createAppleEnrollmentToken");
    expect(create.method).toBe("POST");
    expect(create.pathParams.organizationId).toEqual(expect.any(String));
    expect(create.body).toEqual(expect.objectContaining({ mdmUserId: expect.any(String) }));
    expect(JSON.parse(create.answer)).toEqual({ status: true, data: create.data });
  });

  it("takes a GET's query examples", () => {
    const list = documentedExchange(bundle, "listAppleEnrollmentTokens");
    expect(list.method).toBe("GET");
    expect(list.body).toBeUndefined();
    expect(Object.keys(list.query)).toEqual(expect.arrayContaining(["page", "limit"]));
    const url = new URL(urlOf("https://example.test/v1", list));
    expect(url.pathname).toBe(
      `/v1/organizations/${list.pathParams.organizationId}/mdm/apple/enterprise/enrollment-tokens`,
    );
    expect(url.searchParams.get("limit")).toBe(String(list.query.limit));
  });

  it("refuses an operation the bundle does not have", () => {
    expect(() => documentedExchange(bundle, "deleteEverything")).toThrow(/no operation deleteEverything/);
  });
});

describe("the stub fetch", () => {
  const exchange = documentedExchange(bundle, "createAppleEnrollmentToken");

  it("answers every call with a fresh, unread Response of the documented example", async () => {
    const fetch = stubFetch(exchange);
    const first = await fetch("https://example.test/");
    const second = await fetch("https://example.test/");
    expect(first).not.toBe(second);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/json");
    expect(dataOf(await first.json())).toEqual(exchange.data);
    expect(await second.text()).toBe(exchange.answer);
  });

  it("the recording stub reports what it was sent, leaving the request readable", async () => {
    const seen: Sent[] = [];
    const fetch = recordingFetch(exchange, (sent) => seen.push(sent));
    const request = new Request("https://example.test/a?b=1", {
      method: "POST",
      headers: { authorization: "Bearer t" },
      body: "{}",
    });
    await fetch(request);
    expect(seen).toEqual([
      {
        method: "POST",
        url: "https://example.test/a?b=1",
        headers: { authorization: "Bearer t", "content-type": "text/plain;charset=UTF-8" },
        body: "{}",
      },
    ]);
    expect(await request.text()).toBe("{}");
  });

  it("dataOf reads an envelope's data, and nothing else", () => {
    expect(dataOf({ status: true, data: [1] })).toEqual([1]);
    expect(dataOf(null)).toBeUndefined();
    expect(dataOf("data")).toBeUndefined();
  });
});
