// Redirects, end to end with the default fetch and two loopback servers: the token follows a
// redirect within the API's origin, and is dropped on a redirect to another origin (another port
// of the same host included).
import { describe, expect, it } from "vitest";
import { createAppliveryClient } from "../../src/index.js";
import { loopback } from "../support/loopback.js";
import { argsOf, methodOf, operationCases, successData } from "../support/operation-cases.js";

const TOKEN = "red1rect-T0ken_77aa";

describe.each(operationCases)("$operationId", (c) => {
  /** A server answering every request with the envelope of the case's data, recording the headers it got. */
  async function target() {
    const seen: { url: string; authorization: string | undefined; method: string }[] = [];
    const server = await loopback((req, res) => {
      seen.push({ url: req.url ?? "", authorization: req.headers.authorization, method: req.method ?? "" });
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ status: true, data: successData(c) }));
      });
    });
    return { ...server, seen };
  }

  /** An API server redirecting (307, keeping method and body) every request under /v1/ to `location`. */
  async function redirecting(location: (base: string) => string) {
    const seen: { url: string; authorization: string | undefined }[] = [];
    const server = await loopback((req, res) => {
      seen.push({ url: req.url ?? "", authorization: req.headers.authorization });
      req.resume();
      if (req.url?.startsWith("/v1/")) {
        res.writeHead(307, { location: location(`http://127.0.0.1:${req.socket.localPort}`) });
        res.end();
      } else {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ status: true, data: successData(c) }));
      }
    });
    return { ...server, seen };
  }

  it("a same-origin redirect keeps the token", async () => {
    const api = await redirecting((origin) => `${origin}/moved/here`);
    const data = await methodOf(
      createAppliveryClient({ token: TOKEN, baseUrl: `${api.url}/v1`, retry: false }),
      c.operationId,
    )(argsOf(c));
    expect(data).toEqual(successData(c));
    expect(api.seen.map((s) => s.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
    expect(api.seen[1]?.url).toBe("/moved/here");
  });

  it("a redirect to another port of the same host does not carry the token", async () => {
    const other = await target();
    const api = await redirecting(() => `${other.url}/elsewhere`);
    const data = await methodOf(
      createAppliveryClient({ token: TOKEN, baseUrl: `${api.url}/v1`, retry: false }),
      c.operationId,
    )(argsOf(c));
    expect(data).toEqual(successData(c));
    expect(api.seen[0]?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(other.seen).toHaveLength(1);
    expect(other.seen[0]?.method).toBe(c.method);
    expect(other.seen[0]?.authorization).toBeUndefined();
  });

  it("a redirect to another host name (localhost for 127.0.0.1) does not carry the token", async () => {
    const other = await target();
    const api = await redirecting(() => `${other.url.replace("127.0.0.1", "localhost")}/elsewhere`);
    await methodOf(
      createAppliveryClient({ token: TOKEN, baseUrl: `${api.url}/v1`, retry: false }),
      c.operationId,
    )(argsOf(c));
    expect(other.seen).toHaveLength(1);
    expect(other.seen[0]?.authorization).toBeUndefined();
  });
});
