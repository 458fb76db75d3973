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

const COPY = "attribution: openapi-fetch + request copy";
const CLONE = "attribution: openapi-fetch + response clone read";

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
  // Attribution: bare openapi-fetch plus one of the two things createAppliveryClient's transport
  // does to every call (copy the request so it can be sent again; read a copy of the response
  // body to check the envelope before openapi-fetch reads it), each on its own.
  const copyRequest = createClient({ baseUrl: BASE, headers: auth, fetch: (r) => stubFetch(new Request(r.clone(), { signal: r.signal })) });
  const readClone = createClient({
    baseUrl: BASE,
    headers: auth,
    fetch: async (r) => {
      const response = await stubFetch(r);
      JSON.parse(await response.clone().text());
      return response;
    },
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
      [COPY]: async () => (await copyRequest.POST(APPLE, { params, body })).data,
      [CLONE]: async () => (await readClone.POST(APPLE, { params, body })).data,
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
    [COPY]: async () => (await copyRequest.GET(APPLE, { params: query })).data,
    [CLONE]: async () => (await readClone.GET(APPLE, { params: query })).data,
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
        `  - why: the transport copies every request and reads a clone of every response; on their own, ` +
          `bare openapi-fetch plus only the request copy runs at ${ratio(byName[COPY], bare)}, plus only the ` +
          `response clone read at ${ratio(byName[CLONE], bare)} (the attribution rows).`,
      );
    }
  }
  return [
    `Calls per second with a stub \`fetch\` that resolves at once with the documented 200 example ` +
      `(axios: a stub adapter returning the same JSON text, which axios parses). Median of ${runs} runs ` +
      `of ${timeMs} ms each (tinybench, 100 ms warm-up, task order rotated between runs); every contender ` +
      `is first checked to return the documented envelope. \`create\` is \`createAppleEnrollmentToken\` ` +
      `(POST with the \`minimal\` body), \`list\` is \`listAppleEnrollmentTokens\` (GET with \`page\` and \`limit\`). ` +
      "The two attribution rows are bare openapi-fetch with a fetch wrapper that does one of the two things " +
      "createAppliveryClient's transport does to every call: copy the request (`new Request(request.clone(), { signal })`, " +
      "so it can be sent again; for a POST this tees the body stream) or read a clone of the response body and parse it " +
      "(the envelope check) before openapi-fetch reads the body again.",
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
