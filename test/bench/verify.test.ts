// bench/calls/contenders.ts and verify.ts: every contender of figure 1 sends the same request over
// the stub and hands back the documented data; one that sends another request is refused before
// anything is timed. The package is its source here (the bench loads the measured tree's dist/),
// and hey-api's generated client is stood in for by a few lines doing what it does.
import { describe, expect, it } from "vitest";
import { CONTENDERS, contenders, type HeyApiModule, type Runtimes } from "../../bench/calls/contenders.js";
import { documentedExchange, type Fetch, stubFetch } from "../../bench/calls/exchange.js";
import { verifyContenders } from "../../bench/calls/verify.js";
import { loadBundle } from "../../scripts/lib/spec.js";
import * as pkg from "../../src/index.js";

interface HeyConfig {
  baseUrl: string;
  fetch: Fetch;
  auth: string;
  headers: Record<string, string>;
}

/** hey-api's client as far as figure 1 uses it: a Request with the token, Content-Type for a body. */
function heyApiStandIn(headers: (config: HeyConfig) => Record<string, string>): HeyApiModule {
  const send = async (
    config: HeyConfig,
    method: string,
    path: Record<string, string>,
    body?: unknown,
    query?: Record<string, unknown>,
  ) => {
    const search = new URLSearchParams(Object.entries(query ?? {}).map(([k, v]) => [k, String(v)])).toString();
    const url = `${config.baseUrl}/organizations/${path.organizationId}/mdm/apple/enterprise/enrollment-tokens${search ? `?${search}` : ""}`;
    const json: Record<string, string> = body === undefined ? {} : { "Content-Type": "application/json" };
    const request = new Request(url, {
      method,
      headers: { ...headers(config), ...json },
      body: body === undefined ? null : JSON.stringify(body),
    });
    return { data: (await (await config.fetch(request)).json()) as unknown };
  };
  return {
    createClient: (config) => config,
    createAppleEnrollmentToken: ({ client, path, body }) => send(client as HeyConfig, "POST", path, body),
    listAppleEnrollmentTokens: ({ client, path, query }) => send(client as HeyConfig, "GET", path, undefined, query),
  };
}

const runtimes = (heyApi: HeyApiModule): Runtimes => ({ pkg, heyApi, axiosVersion: "x", heyApiVersion: "y" });
const faithful = heyApiStandIn((c) => ({ Authorization: `Bearer ${c.auth}`, ...c.headers }));
const bundle = loadBundle();

describe.each(["createAppleEnrollmentToken", "listAppleEnrollmentTokens"])("%s", (operationId) => {
  const exchange = documentedExchange(bundle, operationId);

  it("every contender sends the same request and returns the documented data", async () => {
    const extras = await verifyContenders(exchange, runtimes(faithful));
    expect([...extras.keys()]).toEqual(CONTENDERS.map((c) => c.key));
    // axios names itself; nobody else sends anything the others do not.
    const others = [...extras].filter(([, headers]) => headers.length > 0).map(([key]) => key);
    expect(others).toEqual(["axios"]);
  });

  it("a contender that leaves out a header is refused before any timing", async () => {
    const sloppy = heyApiStandIn((c) => ({ Authorization: `Bearer ${c.auth}` }));
    await expect(verifyContenders(exchange, runtimes(sloppy))).rejects.toThrow(/sent another request/);
  });

  it("the timed contenders run over the plain stub and return the data", async () => {
    for (const row of contenders(exchange, stubFetch(exchange), runtimes(faithful))) {
      expect(await row.call(), row.name).toEqual(exchange.data);
    }
  });
});
