// Figure 1: per-call overhead. Every client calls a stub `fetch` (or, for axios, a stub adapter)
// that resolves at once with the operation's documented 200 example, so what is timed is the
// client's own work: building the request, the transport, parsing and checking the response.
// This is openapi-fetch's own benchmark method (a mocked fetch, calls per second).
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import axios from "axios";
import createClient from "openapi-fetch";
import { Bench } from "tinybench";
import { operations } from "../scripts/lib/spec.mjs";
import { log, runIfMain } from "./lib/figure.mjs";
import { goal, median, num, ratio, table } from "./lib/stats.mjs";

const RUNS = 5;
const TIME_MS = 400;
const BASE = "https://api.applivery.io/v1";
const TOKEN = "bench-token-0123456789";
const ORG = "65a1f0c2e4b0a1b2c3d4e5f6";
const APPLE = "/organizations/{organizationId}/mdm/apple/enterprise/enrollment-tokens";
const QUERY = { page: 2, limit: 25 };

const TOKEN_ROW = "attribution: openapi-fetch + token set on the request, then removed";
const COPY = "attribution: openapi-fetch + time-limit copy of the request";

const firstExample = (content) => Object.values(content["application/json"].examples)[0].value;

/** The two operations: their documented request body and 200 response, from the bundle. */
function fixtures() {
  const byId = Object.fromEntries(operations().map((op) => [op.operationId, op.operation]));
  const response = (id) => JSON.stringify(firstExample(byId[id].responses["200"].content));
  return {
    create: { body: firstExample(byId.createAppleEnrollmentToken.requestBody.content), response: response("createAppleEnrollmentToken") },
    list: { response: response("listAppleEnrollmentTokens") },
  };
}

/** The contenders for one operation: name -> async function returning the parsed envelope. */
function contenders(op, fixture, { createAppliveryClient }) {
  const stubFetch = async () =>
    new Response(fixture.response, { status: 200, headers: { "Content-Type": "application/json" } });
  const stubAdapter = async (config) => ({
    data: fixture.response,
    status: 200,
    statusText: "OK",
    headers: { "content-type": "application/json" },
    config,
    request: {},
  });
  const auth = { Authorization: `Bearer ${TOKEN}` };
  const bare = createClient({ baseUrl: BASE, headers: auth, fetch: stubFetch });
  const ours = createAppliveryClient({ token: TOKEN, baseUrl: BASE, fetch: stubFetch });
  const oursTimeout = createAppliveryClient({ token: TOKEN, baseUrl: BASE, fetch: stubFetch, timeoutMs: 30_000 });
  const ax = axios.create({ baseURL: BASE, headers: auth, adapter: stubAdapter });
  // Attribution: bare openapi-fetch plus one thing createAppliveryClient's transport does, on its
  // own: put the token (and Accept) on the request openapi-fetch built for the fetch and take the
  // token off once it has answered (every call); or, with timeoutMs, give each attempt a copy of
  // the request that carries the time limit's signal.
  const tokenOnRequest = createClient({
    baseUrl: BASE,
    fetch: async (r) => {
      r.headers.set("Authorization", `Bearer ${TOKEN}`);
      if (!r.headers.has("Accept")) r.headers.set("Accept", "application/json");
      try {
        return await stubFetch(r);
      } finally {
        r.headers.delete("Authorization");
      }
    },
  });
  const timeLimitCopy = createClient({
    baseUrl: BASE,
    headers: auth,
    fetch: (r) => stubFetch(new Request(r, { signal: AbortSignal.any([r.signal, AbortSignal.timeout(30_000)]) })),
  });
  const url = `${BASE}${APPLE.replace("{organizationId}", ORG)}`;
  const params = { path: { organizationId: ORG } };

  if (op === "create") {
    const { body } = fixture;
    const json = { ...auth, "Content-Type": "application/json" };
    return {
      "raw fetch": async () => (await stubFetch(url, { method: "POST", headers: json, body: JSON.stringify(body) })).json(),
      "openapi-fetch (bare)": async () => (await bare.POST(APPLE, { params, body })).data,
      createAppliveryClient: async () => (await ours.POST(APPLE, { params, body })).data,
      "createAppliveryClient + timeoutMs": async () => (await oursTimeout.POST(APPLE, { params, body })).data,
      [`axios ${axios.VERSION} (stub adapter)`]: async () => (await ax.post(url, body)).data,
      [TOKEN_ROW]: async () => (await tokenOnRequest.POST(APPLE, { params, body })).data,
      [COPY]: async () => (await timeLimitCopy.POST(APPLE, { params, body })).data,
    };
  }
  const listUrl = `${url}?${new URLSearchParams({ page: String(QUERY.page), limit: String(QUERY.limit) })}`;
  const query = { path: params.path, query: QUERY };
  return {
    "raw fetch": async () => (await stubFetch(listUrl, { headers: auth })).json(),
    "openapi-fetch (bare)": async () => (await bare.GET(APPLE, { params: query })).data,
    createAppliveryClient: async () => (await ours.GET(APPLE, { params: query })).data,
    "createAppliveryClient + timeoutMs": async () => (await oursTimeout.GET(APPLE, { params: query })).data,
    [`axios ${axios.VERSION} (stub adapter)`]: async () => (await ax.get(url, { params: QUERY })).data,
    [TOKEN_ROW]: async () => (await tokenOnRequest.GET(APPLE, { params: query })).data,
    [COPY]: async () => (await timeLimitCopy.GET(APPLE, { params: query })).data,
  };
}

export async function measure(workspace) {
  const runtime = await import(pathToFileURL(join(workspace, "dist", "index.js")).href);
  const data = {};
  for (const [op, fixture] of Object.entries(fixtures())) {
    const tasks = contenders(op, fixture, runtime);
    // Each contender must return the documented envelope, or its timing means nothing.
    for (const [name, call] of Object.entries(tasks)) {
      const result = await call();
      if (JSON.stringify(result) !== JSON.stringify(JSON.parse(fixture.response))) {
        throw new Error(`${op}: ${name} did not return the stub's envelope: ${JSON.stringify(result).slice(0, 200)}`);
      }
    }
    const names = Object.keys(tasks);
    const perRun = Object.fromEntries(names.map((name) => [name, []]));
    for (let run = 0; run < RUNS; run++) {
      // The order rotates from run to run, so no contender always runs first or last.
      const order = names.map((_, i) => names[(i + run) % names.length]);
      const bench = new Bench({ time: TIME_MS, warmupTime: 100, throws: true });
      for (const name of order) bench.add(name, tasks[name]);
      await bench.run();
      for (const task of bench.tasks) perRun[task.name].push(1000 / task.result.period);
      log(`calls: ${op} run ${run + 1}/${RUNS} done`);
    }
    data[op] = names.map((name) => ({ name, callsPerSecond: median(perRun[name]), runs: perRun[name] }));
  }
  return { runs: RUNS, timeMs: TIME_MS, node: process.version, data };
}

export function section({ runs, timeMs, data }) {
  const rows = [];
  const verdicts = [];
  for (const [op, results] of Object.entries(data)) {
    const byName = Object.fromEntries(results.map((r) => [r.name, r.callsPerSecond]));
    const raw = byName["raw fetch"];
    const bare = byName["openapi-fetch (bare)"];
    for (const { name, callsPerSecond, runs: each } of results) {
      const spread = `${num(Math.min(...each))}–${num(Math.max(...each))}`;
      rows.push([op, name, num(callsPerSecond), spread, ratio(callsPerSecond, raw), ratio(callsPerSecond, bare)]);
    }
    const ours = byName.createAppliveryClient / bare;
    const verdict = goal(ours, 0.9, { higherIsBetter: true, show: (v) => `${v.toFixed(2)}×` });
    verdicts.push(`- **${op}:** createAppliveryClient at ${ours.toFixed(2)}× bare openapi-fetch — goal ≥ 0.9×: ${verdict.text}`);
    if (!verdict.met) {
      verdicts.push(
        `  - why: on every call the transport puts the token and Accept on the request and takes the token off ` +
          `again; bare openapi-fetch plus only that runs at ${ratio(byName[TOKEN_ROW], bare)} (the token attribution ` +
          "row). The rest is the transport's other per-call work, each piece small: the envelope check and the " +
          "read-once body methods it leaves on the response, the retry and time-limit bookkeeping, and the extra " +
          "asynchronous steps between openapi-fetch, the transport and GET/POST.",
      );
    }
    verdicts.push(
      `- **${op}, with timeoutMs** (no goal): ${ratio(byName["createAppliveryClient + timeoutMs"], bare)} bare openapi-fetch. ` +
        "Each attempt needs a request of its own that carries the time limit's signal; bare openapi-fetch plus only " +
        `that copy runs at ${ratio(byName[COPY], bare)} (the time-limit copy attribution row); the rest is racing the ` +
        "fetch and the body against that signal, so that one which ignores it still times out.",
    );
  }
  return [
    `Calls per second with a stub \`fetch\` that resolves at once with the documented 200 example ` +
      `(axios: a stub adapter returning the same JSON text, which axios parses). Median of ${runs} runs ` +
      `of ${timeMs} ms each (tinybench, 100 ms warm-up, task order rotated between runs); every contender ` +
      `is first checked to return the documented envelope. \`create\` is \`createAppleEnrollmentToken\` ` +
      `(POST with the \`minimal\` body), \`list\` is \`listAppleEnrollmentTokens\` (GET with \`page\` and \`limit\`). ` +
      "The two attribution rows are bare openapi-fetch with a fetch wrapper that does one thing createAppliveryClient's " +
      "transport does, on its own: put the token (and `Accept`) on the request openapi-fetch built and take the token " +
      "off once the fetch has answered (every call, so no middleware sees it), or, with `timeoutMs`, give each attempt a " +
      "copy of the request carrying the time limit's signal (`new Request(request, { signal: AbortSignal.any([signal, " +
      "AbortSignal.timeout(ms)]) })`). Without `timeoutMs` the transport does not copy the request (a retry of a " +
      "bodiless GET sends it again) and reads each body once: it parses it for the envelope check and openapi-fetch " +
      "gets that parsed envelope instead of reading and parsing the body again.",
    "",
    table(["operation", "client", "calls/s (median)", "runs (min–max)", "vs raw fetch", "vs bare openapi-fetch"], rows, "llrrrr"),
    "",
    "Goal: our client at least 0.9× bare openapi-fetch calls/s.",
    "",
    ...verdicts,
  ].join("\n");
}

/** Summary rows: [figure, measure, result, goal]. */
export function summary({ data }) {
  return Object.entries(data).map(([op, results]) => {
    const by = Object.fromEntries(results.map((r) => [r.name, r.callsPerSecond]));
    const ours = by.createAppliveryClient / by["openapi-fetch (bare)"];
    return [
      "1. per call",
      `\`${op}\`: createAppliveryClient calls/s vs bare openapi-fetch (vs raw fetch)`,
      `${ours.toFixed(2)}× (${ratio(by.createAppliveryClient, by["raw fetch"])})`,
      `≥ 0.9×: ${goal(ours, 0.9, { higherIsBetter: true, show: (v) => `${v.toFixed(2)}×` }).text}`,
    ];
  });
}

await runIfMain(import.meta.url, measure);
