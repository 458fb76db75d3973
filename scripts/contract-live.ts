// npm run contract:live: checks a real Applivery API against the spec.
//
//   APPLIVERY_BASE_URL=https://api.applivery.io/v1 APPLIVERY_TOKEN=… \
//   APPLIVERY_ORGANIZATION_ID=… npm run contract:live
//
// Each check sends one request through the package's own client (openapi-fetch surface) and holds
// the answer against the spec: the status must be one the check expects and the operation
// documents, the body JSON that validates (ajv) against the schema of that status. Nothing is
// created, updated or deleted: the requests are lists (read-only; also without a token, with a wrong
// one, and of an organization that does not exist), reads of a token that does not exist, and calls
// whose body has only an unknown key, sent only where the spec's schema refuses that body (so the API
// must refuse it too) and addressed to a token that does not exist. An operation without a body to
// refuse (a DELETE) is never sent.
//
// The client's limits apply: the token (trimmed, so a `.env` line's CR/LF is no part of it) goes only
// to APPLIVERY_BASE_URL, redirects are followed only within it, each attempt has a 30 s time limit
// and a 16 MiB body limit, and whatever the script prints passes through the client's redaction. A
// check that fails in any way is reported; nothing crashes the run. A base URL on a loopback address
// is taken for a mock: the checks a mock cannot answer (a wrong token, an unknown organization or
// token) are reported as such instead of failing. Exit code: 0 every check passed, 1 a check failed,
// 2 missing or bad configuration.

import { AppliveryError, createAppliveryClient } from "../src/index.js";
import { createRedact } from "../src/redact.js";
import { makeAjv } from "./lib/ajv.js";
import { scriptArgs } from "./lib/cli.js";
import type { SpecOperation } from "./lib/openapi.js";
import { operations } from "./lib/spec.js";

scriptArgs();

const REQUIRED = {
  APPLIVERY_BASE_URL: "the API base URL, e.g. https://api.applivery.io/v1",
  APPLIVERY_TOKEN: "an API token with the mdm.apple.enrollmentToken.list and .get permissions",
  APPLIVERY_ORGANIZATION_ID: "the organization (id or slug) whose tokens are listed",
};
const env = (name: string) => (process.env[name] ?? "").trim();
const missing = Object.keys(REQUIRED).filter((name) => !env(name));
if (missing.length > 0) {
  console.error(`contract:live needs ${missing.join(", ")}.`);
  for (const [name, what] of Object.entries(REQUIRED)) console.error(`  ${name}: ${what}`);
  console.error("It sends real requests to that API (read-only, nothing is created).");
  process.exit(2);
}
const base = env("APPLIVERY_BASE_URL");
const token = env("APPLIVERY_TOKEN");
const organizationId = env("APPLIVERY_ORGANIZATION_ID");
const redact = createRedact(token);
/** A client whose fetch may change the Authorization header the client set (to test the API's refusals). */
function clientWith(authorization?: string | null) {
  return createAppliveryClient({
    token,
    baseUrl: base,
    retry: false,
    fetch: (request) => {
      if (authorization === undefined) return fetch(request);
      const changed = new Request(request);
      if (authorization === null) changed.headers.delete("authorization");
      else changed.headers.set("authorization", authorization);
      return fetch(changed);
    },
  });
}
let clients: Record<"token" | "none" | "invalid", ReturnType<typeof clientWith>>;
try {
  clients = {
    token: clientWith(),
    none: clientWith(null),
    invalid: clientWith("Bearer contract-live-invalid-token"),
  };
} catch (error) {
  console.error(`contract:live: ${redact(error instanceof Error ? error.message : error)}`);
  process.exit(2);
}
const mock = ["127.0.0.1", "localhost", "[::1]"].includes(new URL(base).hostname);

const ajv = makeAjv();
const ops = operations();
const list = ops.find((op) => op.method === "get" && op.operation.parameters.some((p) => p.name === "page"));
if (!list) throw new Error("the spec has no list operation");

/** An entity id no entity has: the organization or token of the checks that must find nothing. */
const NO_ENTITY = "000000000000000000000000";
const pathNames = (op: SpecOperation) => op.operation.parameters.filter((p) => p.in === "path").map((p) => p.name);
/** The operations addressed to one token (a path parameter besides the organization's). */
const itemOps = ops.filter((op) => pathNames(op).some((name) => name !== "organizationId"));
/** A body the API must refuse: only an unknown key. */
const UNKNOWN_KEY_BODY = { contractLiveUnknownKey: true };
/** Whether the spec's schema for the operation's body refuses UNKNOWN_KEY_BODY. */
const refuses = (op: SpecOperation) => {
  const schema = op.operation.requestBody?.content["application/json"]?.schema;
  return schema !== undefined && !ajv.validate(schema, UNKNOWN_KEY_BODY);
};

interface Check {
  name: string;
  op: SpecOperation;
  query?: Record<string, string>;
  /** Which Authorization header: the token's (default), none, or an invalid one. */
  auth?: keyof typeof clients;
  organization?: string;
  body?: unknown;
  expect: number[];
  /** Why a mock cannot answer this check, if it cannot. */
  mockCannot?: string;
}

const checks: Check[] = [
  { name: "list one page", op: list, query: { page: "1", limit: "1" }, expect: [200] },
  { name: "list without Authorization", op: list, auth: "none", expect: [401] },
  {
    name: "list with an invalid token",
    op: list,
    auth: "invalid",
    expect: [401],
    mockCannot: "a mock accepts any token",
  },
  {
    name: "list of an organization that does not exist",
    op: list,
    organization: NO_ENTITY,
    expect: [404],
    mockCannot: "a mock knows no organizations",
  },
  ...itemOps
    .filter((op) => op.method === "get" && op.operation.responses["404"])
    .map((op) => ({
      name: `${op.operationId} of a token that does not exist`,
      op,
      expect: [404],
      mockCannot: "a mock knows no tokens",
    })),
  ...ops.filter(refuses).map((op) => ({
    name: `${op.operationId} with only an unknown key in the body`,
    op,
    body: UNKNOWN_KEY_BODY,
    expect: [op.operation.responses["400"] ? 400 : 422],
  })),
];

type Surface = (path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

async function run(check: Check): Promise<{ status: number | string; problems: string[] }> {
  const client = clients[check.auth ?? "token"];
  const call = client[check.op.method.toUpperCase() as "GET"] as unknown as Surface;
  // Every path parameter but the organization's names a token that does not exist.
  const path = {
    ...Object.fromEntries(pathNames(check.op).map((name) => [name, NO_ENTITY])),
    organizationId: check.organization ?? organizationId,
  };
  let result: Awaited<ReturnType<Surface>>;
  try {
    result = await call(check.op.path, { params: { path, query: check.query }, body: check.body });
  } catch (error) {
    // The client's errors are redacted already; anything else is redacted here.
    if (!(error instanceof AppliveryError)) return { status: "-", problems: [redact(String(error))] };
    const unreachable = error.kind === "network" || error.kind === "timeout";
    return { status: error.status ?? "-", problems: [`${unreachable ? "unreachable: " : ""}${error.message}`] };
  }
  const { status } = result.response;
  const problems: string[] = [];
  if (!check.expect.includes(status)) problems.push(`expected ${check.expect.join(" or ")}`);
  const documented = check.op.operation.responses[String(status)]?.content?.["application/json"]?.schema;
  if (!documented) {
    problems.push(`status ${status} is not documented for ${check.op.operationId}`);
  } else {
    const validate = ajv.compile(documented);
    if (!validate(result.data ?? result.error))
      problems.push(`the body does not match the spec: ${redact(ajv.errorsText(validate.errors))}`);
  }
  return { status, problems };
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
