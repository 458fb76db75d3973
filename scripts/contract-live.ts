// npm run contract:live: checks a real Applivery API against the spec.
//
//   APPLIVERY_BASE_URL=https://api.applivery.io/v1 APPLIVERY_TOKEN=… \
//   APPLIVERY_ORGANIZATION_ID=… npm run contract:live
//
// Each check sends one request and holds the answer against the spec: the status must be one the
// check expects and the operation documents, the body JSON that validates (ajv) against the schema
// of that status. Nothing is created: the requests are lists (read-only; also without a token,
// with a wrong one, and of an organization that does not exist) and create calls whose body has
// only an unknown key, so the API must refuse them.
//
// The token is sent only to APPLIVERY_BASE_URL's origin: redirects are not followed blindly (one
// to the same origin is followed, one to another origin, port included, is refused and reported).
// The token never appears in the output, in any form. A base URL on a loopback address is taken
// for a mock: the checks a mock cannot answer (a wrong token, an unknown organization) are reported
// as such instead of failing. Exit code: 0 every check passed, 1 a check failed, 2 missing or bad
// configuration.

import { createRedactor } from "../src/redact.js";
import { makeAjv } from "./lib/ajv.js";
import { scriptArgs } from "./lib/cli.js";
import type { SpecOperation } from "./lib/openapi.js";
import { operations } from "./lib/spec.js";

scriptArgs();

const REQUIRED = {
  APPLIVERY_BASE_URL: "the API base URL, e.g. https://api.applivery.io/v1",
  APPLIVERY_TOKEN: "an API token with the mdm.apple.enrollmentToken.list permission",
  APPLIVERY_ORGANIZATION_ID: "the organization (id or slug) whose tokens are listed",
};
const missing = Object.keys(REQUIRED).filter((name) => !process.env[name]);
if (missing.length > 0) {
  console.error(`contract:live needs ${missing.join(", ")}.`);
  for (const [name, what] of Object.entries(REQUIRED)) console.error(`  ${name}: ${what}`);
  console.error("It sends real requests to that API (read-only, nothing is created).");
  process.exit(2);
}
const base = String(process.env.APPLIVERY_BASE_URL).replace(/\/+$/, "");
const token = String(process.env.APPLIVERY_TOKEN);
const organizationId = String(process.env.APPLIVERY_ORGANIZATION_ID);
if (!URL.canParse(base) || !/^https?:$/.test(new URL(base).protocol)) {
  console.error("contract:live: APPLIVERY_BASE_URL must be an http(s) URL");
  process.exit(2);
}
const origin = new URL(base).origin;
const mock = ["127.0.0.1", "localhost", "[::1]"].includes(new URL(base).hostname);
const redactor = createRedactor(token);
/** What the script prints: redacted first, then cut, so no part of the token survives. */
const safe = (text: string, max = 200) => {
  const clean = redactor.text(text);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
};

const ajv = makeAjv();
const ops = operations();
const list = ops.find((op) => op.method === "get" && op.operation.parameters.some((p) => p.name === "page"));
if (!list) throw new Error("the spec has no list operation");

interface Check {
  name: string;
  op: SpecOperation;
  query?: Record<string, string>;
  /** `null`: no Authorization header; a string: this one instead of the token. */
  auth?: string | null;
  organization?: string;
  body?: unknown;
  expect: number[];
  /** Why a mock cannot answer this check, if it cannot. */
  mockCannot?: string;
}

const checks: Check[] = [
  { name: "list one page", op: list, query: { page: "1", limit: "1" }, expect: [200] },
  { name: "list without Authorization", op: list, auth: null, expect: [401] },
  {
    name: "list with an invalid token",
    op: list,
    auth: "Bearer contract-live-invalid-token",
    expect: [401],
    mockCannot: "a mock accepts any token",
  },
  {
    name: "list of an organization that does not exist",
    op: list,
    organization: "000000000000000000000000",
    expect: [404],
    mockCannot: "a mock knows no organizations",
  },
  ...ops
    .filter((op) => op.operation.requestBody)
    .map((op) => ({
      name: `${op.operationId} with only an unknown key in the body`,
      op,
      body: { contractLiveUnknownKey: true },
      expect: [op.operation.responses["400"] ? 400 : 422],
    })),
];

/** Sends one request; follows a redirect only within the API's origin (with the token). */
async function request(url: string, init: RequestInit, hops = 0): Promise<Response> {
  const response = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(30_000) });
  const location = response.headers.get("location");
  if (response.status < 300 || response.status > 399 || !location) return response;
  await response.body?.cancel();
  const next = new URL(location, url);
  if (next.origin !== origin)
    throw new Error(`refused a redirect to another origin (${safe(next.origin)}): the token goes only to ${origin}`);
  if (hops >= 5) throw new Error("too many redirects");
  return request(next.href, init, hops + 1);
}

async function run(check: Check): Promise<{ status: number | string; problems: string[] }> {
  const path = check.op.path.replace("{organizationId}", encodeURIComponent(check.organization ?? organizationId));
  const query = new URLSearchParams(check.query ?? {});
  const headers: Record<string, string> = { accept: "application/json" };
  if (check.auth !== null) headers.authorization = check.auth ?? `Bearer ${token}`;
  if (check.body !== undefined) headers["content-type"] = "application/json";
  const init: RequestInit = { method: check.op.method.toUpperCase(), headers };
  if (check.body !== undefined) init.body = JSON.stringify(check.body);
  let response: Response;
  try {
    response = await request(`${base}${path}${query.size ? `?${query}` : ""}`, init);
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
    const message = error instanceof Error ? error.message : String(error);
    const unreachable = /fetch failed|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|timeout|aborted/i.test(message + cause);
    return { status: "-", problems: [unreachable ? `unreachable: ${safe(message + cause)}` : safe(message + cause)] };
  }
  const text = await response.text();
  const problems: string[] = [];
  if (!check.expect.includes(response.status)) problems.push(`expected ${check.expect.join(" or ")}`);
  const documented = check.op.operation.responses[String(response.status)]?.content?.["application/json"]?.schema;
  if (!documented) {
    problems.push(`status ${response.status} is not documented for ${check.op.operationId}`);
  } else {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      problems.push(`the body is not JSON: ${safe(text)}`);
    }
    if (body !== undefined) {
      const validate = ajv.compile(documented);
      if (!validate(body)) problems.push(`the body does not match the spec: ${safe(ajv.errorsText(validate.errors))}`);
    }
  }
  return { status: response.status, problems };
}

console.log(
  `contract:live: ${checks.length} checks against ${base}${mock ? " (a loopback address: taken for a mock)" : ""}`,
);
let failed = 0;
for (const check of checks) {
  const outcome = await run(check);
  if (outcome.problems.length > 0 && mock && check.mockCannot) {
    console.log(`n/a  ${check.name}: ${outcome.status} (${check.mockCannot}; only the real API can answer this check)`);
    continue;
  }
  if (outcome.problems.length > 0) failed++;
  const mark = outcome.problems.length > 0 ? "FAIL" : "ok  ";
  console.log(`${mark} ${check.name}: ${outcome.status}${outcome.problems.map((p) => `\n       ${p}`).join("")}`);
}
console.log(failed > 0 ? `contract:live: ${failed} check(s) failed` : "contract:live: every check passed");
process.exit(failed > 0 ? 1 : 0);
