// Checks a real Applivery API against the spec, through `prism proxy`.
//
//   APPLIVERY_BASE_URL=https://api.applivery.io/v1 APPLIVERY_API_TOKEN=… \
//   APPLIVERY_ORGANIZATION_ID=… npm run contract:live
//
// Prism forwards each request to the base URL and validates the answer against the spec (the
// `sl-violations` header); each body is also validated with ajv against the schema of its status.
// Nothing is created: the requests are lists (read-only; also without a token, with a wrong one,
// and of an organization that does not exist) and create calls whose body lacks every required
// field, so the API must refuse them. Exit code: 0 every check passed, 1 a check failed, 2 missing
// configuration. The token is never printed.

import { makeAjv } from "./lib/ajv.mjs";
import { snapshotBundle, startPrism } from "./lib/prism.mjs";
import { loadBundle, operations } from "./lib/spec.mjs";

const REQUIRED = {
  APPLIVERY_BASE_URL: "the API base URL, e.g. https://api.applivery.io/v1",
  APPLIVERY_API_TOKEN: "an API token with the mdm.apple.enrollmentToken.list permission",
  APPLIVERY_ORGANIZATION_ID: "the organization (id or slug) whose tokens are listed",
};
const missing = Object.keys(REQUIRED).filter((name) => !process.env[name]);
if (missing.length) {
  console.error(`contract:live needs ${missing.join(", ")}.`);
  for (const [name, what] of Object.entries(REQUIRED)) console.error(`  ${name}: ${what}`);
  console.error("It sends real requests to that API (read-only, nothing is created).");
  process.exit(2);
}
const { APPLIVERY_BASE_URL: base, APPLIVERY_API_TOKEN: token, APPLIVERY_ORGANIZATION_ID: organizationId } = process.env;
if (!/^https?:\/\/[^/]/.test(base)) {
  console.error(`contract:live: APPLIVERY_BASE_URL must be an http(s) URL, not "${base}"`);
  process.exit(2);
}
const redact = (text) => String(text).split(token).join("***");

const ajv = makeAjv();
const ops = Object.fromEntries(operations(loadBundle()).map((op) => [op.operationId, op]));

const list = ops.listAppleEnrollmentTokens;
const creates = Object.values(ops).filter((op) => op.operation.requestBody);
const checks = [
  { name: "list one page", op: list, query: { page: 1, limit: 1 }, expect: [200] },
  { name: "list without Authorization", op: list, auth: null, expect: [401] },
  { name: "list with an invalid token", op: list, auth: "Bearer contract-live-invalid-token", expect: [401] },
  {
    name: "list of an organization that does not exist",
    op: list,
    organization: "000000000000000000000000",
    expect: [404],
  },
  ...creates.map((op) => ({
    name: `${op.operationId} with only an unknown key in the body`,
    op,
    body: { contractLiveUnknownKey: true },
    expect: [op.operation.responses["400"] ? 400 : 422],
  })),
];

async function run(prism, check) {
  const path = check.op.path.replace("{organizationId}", encodeURIComponent(check.organization ?? organizationId));
  const query = new URLSearchParams(Object.entries(check.query ?? {}).map(([k, v]) => [k, String(v)]));
  const headers = { accept: "application/json" };
  if (check.auth !== null) headers.authorization = check.auth ?? `Bearer ${token}`;
  if (check.body) headers["content-type"] = "application/json";
  const response = await fetch(`${prism.url}${path}${query.size ? `?${query}` : ""}`, {
    method: check.op.method.toUpperCase(),
    headers,
    body: check.body ? JSON.stringify(check.body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  const problems = [];
  if (!check.expect.includes(response.status)) problems.push(`expected ${check.expect.join(" or ")}`);
  const documented = check.op.operation.responses[String(response.status)];
  if (!documented) {
    problems.push(`status ${response.status} is not documented for ${check.op.operationId}`);
  } else {
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      problems.push(`the body is not JSON: ${text.slice(0, 200)}`);
    }
    const validate = body !== undefined && ajv.compile(documented.content["application/json"].schema);
    if (validate && !validate(body))
      problems.push(`the body does not match the spec: ${ajv.errorsText(validate.errors)}`);
  }
  // Prism's own findings about the response (those about our deliberately bad requests are expected).
  const found = JSON.parse(response.headers.get("sl-violations") ?? "[]").filter((v) => v.location[0] === "response");
  for (const v of found) problems.push(`Prism: ${v.location.join(".")} ${v.message}`);
  return { status: response.status, problems };
}

const snapshot = snapshotBundle();
let prism;
let failed = 0;
try {
  prism = await startPrism("proxy", [snapshot.file, base, "-v", "warn"], { redact: [token] });
  console.log(`contract:live: ${checks.length} checks against ${base} through prism proxy`);
  for (const check of checks) {
    let outcome;
    try {
      outcome = await run(prism, check);
    } catch (error) {
      outcome = {
        status: "-",
        problems: [`request failed: ${error.message}${error.cause ? ` (${error.cause.message ?? error.cause})` : ""}`],
      };
    }
    if (outcome.problems.length) failed++;
    const mark = outcome.problems.length ? "FAIL" : "ok  ";
    console.log(
      redact(`${mark} ${check.name}: ${outcome.status}${outcome.problems.map((p) => `\n       ${p}`).join("")}`),
    );
  }
} catch (error) {
  failed++;
  console.error(redact(`contract:live: ${error.message}`));
} finally {
  await prism?.stop();
  snapshot.remove();
}
console.log(failed ? `contract:live: ${failed} check(s) failed` : "contract:live: every check passed");
process.exit(failed ? 1 : 0);
