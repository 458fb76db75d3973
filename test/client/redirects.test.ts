// Redirects, end to end with the default fetch and loopback servers: followed only within baseUrl
// (same origin and path prefix), at most MAX_REDIRECTS times, keeping method and body on 307/308;
// any other target is refused before anything is sent to it, so the token and the body never leave
// baseUrl and no answer from elsewhere is taken as the API's.
import { describe, expect, it } from "vitest";
import { AppliveryError, createAppliveryClient } from "../../src/index.js";
import { MAX_REDIRECTS } from "../../src/transport.js";
import { loopback } from "../support/loopback.js";
import { argsOf, methodOf, type OperationCase, operationCases, successData } from "../support/operation-cases.js";
import { rejection } from "../support/secrets.js";

const TOKEN = "red1rect-T0ken_77aa";

interface Seen {
  url: string;
  authorization: string | undefined;
  method: string;
  body: string;
}

/**
 * A server that answers under /v1/api/ with the data of `c` and redirects (`status`) every other /v1/
 * path to `location`; a client of it for `c`'s operation, and what the server was sent.
 */
async function server(c: OperationCase, location: (origin: string, url: string) => string, status = 307) {
  const seen: Seen[] = [];
  const api = await loopback((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const url = req.url ?? "";
      seen.push({ url, authorization: req.headers.authorization, method: req.method ?? "", body });
      if (url.startsWith("/v1/") && !url.startsWith("/v1/api/")) {
        res.writeHead(status, { location: location(`http://127.0.0.1:${req.socket.localPort}`, url) });
        res.end();
      } else {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ status: true, data: successData(c) }));
      }
    });
  });
  const client = createAppliveryClient({ token: TOKEN, baseUrl: `${api.url}/v1`, retry: false });
  return { ...api, seen, call: () => methodOf(client, c.operationId)(argsOf(c)) };
}

describe.each(operationCases)("$operationId", (c) => {
  it("a redirect within baseUrl is followed with the token, method and body", async () => {
    const api = await server(c, (origin, url) => `${origin}/v1/api${url.slice(3)}`);
    expect(await api.call()).toEqual(successData(c));
    expect(api.seen).toHaveLength(2);
    expect(api.seen[1]).toMatchObject({ authorization: `Bearer ${TOKEN}`, method: c.method, body: api.seen[0]?.body });
    expect(api.seen[1]?.url.startsWith("/v1/api/")).toBe(true);
  });

  it.each<[string, (origin: string) => string]>([
    ["the same origin outside baseUrl's path", (origin) => `${origin}/admin/collect`],
    ["another port of the same host", (origin) => origin.replace(/:\d+$/, ":1")],
    ["another host name (localhost for 127.0.0.1)", (origin) => `${origin.replace("127.0.0.1", "localhost")}/v1/api/x`],
    ["a path that only starts like baseUrl's", (origin) => `${origin}/v1evil/api/x`],
  ])("a redirect to %s is refused: nothing is sent there, the call rejects", async (_, target) => {
    const api = await server(c, (origin) => target(origin));
    const error = await rejection(api.call());
    expect(error).toBeInstanceOf(AppliveryError);
    expect(error).toMatchObject({ kind: "response", status: 307, operation: c.operationId });
    expect((error as Error).message).toContain("not followed");
    expect(api.seen).toHaveLength(1);
  });

  it(`more than ${MAX_REDIRECTS} redirects within baseUrl is a response error`, async () => {
    const api = await server(c, (origin, url) => `${origin}${url}x`);
    const error = await rejection(api.call());
    expect(error).toMatchObject({ kind: "response", operation: c.operationId });
    expect((error as Error).message).toContain("redirects");
    expect(api.seen).toHaveLength(MAX_REDIRECTS + 1);
  });
});

it("a 303 is followed with GET and no body", async () => {
  const c = operationCases.find((op) => op.method === "POST");
  if (!c) throw new Error("the spec has no POST operation");
  const api = await server(c, (origin) => `${origin}/v1/api/result`, 303);
  await api.call();
  expect(api.seen[1]).toMatchObject({
    method: "GET",
    body: "",
    url: "/v1/api/result",
    authorization: `Bearer ${TOKEN}`,
  });
});
