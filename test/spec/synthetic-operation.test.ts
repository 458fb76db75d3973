// Adding an operation needs no code edit. A copy of the repository gets one more operation the way
// the README's "Adding an operation" says — its path file (reusing shared schemas and examples),
// one root line, its page transcription in spec/sources/, its ledger entries — and in that copy the
// pipeline runs unchanged: bundle (with code samples), lint, check:drift, generate (the client's
// method and types), compile, the strict type-check of every file (src, generated, scripts, test,
// bench), and the generated method calls the API and returns the data of its documented answer.
// The tests that iterate the operations (contract, mock, client) read them from the spec; the mock's
// own test of added operations is test/msw/conventions.test.ts.
import { spawnSync } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadBundle, operations, repoPath } from "../../scripts/lib/spec.js";

// An operation no vendor page documents (so the real spec does not have it, checked below): reading
// one Android token.
const OPERATION = "getAndroidEnrollmentToken";
const PATH = "/organizations/{organizationId}/mdm/android/enterprise/enrollment-tokens/{emmEnrollmentTokenId}";
const real = operations(loadBundle());
let dir = "";

/** Runs a command in the copy; its status and output. */
function inCopy(command: string, args: string[]) {
  const env = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" };
  const result = spawnSync(command, args, { cwd: dir, encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}
const tsx = (script: string, ...args: string[]) =>
  inCopy(process.execPath, [join(dir, "node_modules/tsx/dist/cli.mjs"), script, ...args]);

const pathItem = `parameters:
  - $ref: ../components/parameters/OrganizationId.yaml
  - name: emmEnrollmentTokenId
    in: path
    required: true
    description: The token, by its entity id.
    schema:
      $ref: ../components/schemas/EntityId.yaml
    example: 6990a1b2c3d4e5f6a7b8c9e0
get:
  operationId: ${OPERATION}
  summary: Get an Android enrollment token
  description: |
    Returns one Android enrollment token.

    **Required permission:** \`mdm.android.enrollmentToken.get\`
  tags: [Android]
  security:
    - bearerAuth: [mdm.android.enrollmentToken.get]
  responses:
    '200':
      description: The token.
      content:
        application/json:
          schema:
            $ref: ../components/schemas/AndroidEnrollmentTokenResponse.yaml
          examples:
            token:
              $ref: ../components/examples/AndroidEnrollmentTokenCreated.yaml
    '401':
      $ref: ../components/responses/Unauthorized.yaml
    '404':
      $ref: ../components/responses/NotFound.yaml
`;

const page = {
  operationId: OPERATION,
  url: "https://docs.applivery.com/en/api/android/enrollmenttokens/get-organizations-organizationid-mdm-android-enterprise-enrollment-tokens-emmenrollmenttokenid",
  title: "Get an Android enrollment token",
  permission: "mdm.android.enrollmentToken.get",
  auth: "Authorization: Bearer <token>",
  endpoints: [{ where: "endpoint box", method: "GET", url: `https://api.applivery.io/v1${PATH}` }],
  parameters: [
    {
      name: "organizationId",
      type: "string",
      presence: "required",
      printed: ["Match pattern: ^(([a-fA-F0-9]{24})|([a-zA-Z0-9\\\\-]{3,}))$"],
    },
    {
      name: "emmEnrollmentTokenId",
      type: "string",
      presence: "required",
      printed: ["Match pattern: ^[a-fA-F0-9]{24}$"],
    },
  ],
  requestBody: null,
  responses: null,
  notes: ["A synthetic page: the test of adding an operation."],
};

const ledgerEntry = `
  - id: synthetic-get-token-responses
    kind: response-typing
    operations: [${OPERATION}]
    pointers: ["/responses"]
    explains:
      - { pointer: "/responses", kind: responses, page: "printed without status codes or field lists", spec: ["200", "401", "404"] }
    page_shows: Response bodies without status codes or field lists.
    spec_says: 200 with an Android token, and the shared 401 and 404.
    evidence: The page's response examples, which are the other pages' Android token and error envelopes.
    cites:
      - spec/sources/${OPERATION}.json
`;

beforeAll(() => {
  const taken = real.find((o) => o.operationId === OPERATION || o.path === PATH);
  if (taken) throw new Error(`the spec now has ${taken.operationId} at ${taken.path}: add another operation here`);
  dir = mkdtempSync(join(tmpdir(), "synthetic-operation-"));
  const tracked = spawnSync("git", ["ls-files", "-z"], { cwd: repoPath(""), encoding: "utf8" })
    .stdout.split("\0")
    .filter(Boolean);
  for (const file of tracked) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(repoPath(file), join(dir, file));
  }
  symlinkSync(repoPath("node_modules"), join(dir, "node_modules"));

  // 1. The path file and its one root line.
  writeFileSync(join(dir, "spec/paths/android-enrollment-token.yaml"), pathItem);
  const root = readFileSync(join(dir, "spec/openapi.yaml"), "utf8");
  const line = "components:\n";
  writeFileSync(
    join(dir, "spec/openapi.yaml"),
    root.replace(line, `  ${PATH}:\n    $ref: paths/android-enrollment-token.yaml\n${line}`),
  );
  // 2. Its page, as printed.
  writeFileSync(join(dir, `spec/sources/${OPERATION}.json`), `${JSON.stringify(page, null, 2)}\n`);
  // 3. Its ledger entries: the page prints organizationId over-escaped, like the others, and its
  //    responses without field lists.
  const ledger = readFileSync(join(dir, "spec/ledger.yaml"), "utf8");
  const shared = "operations: [listAppleEnrollmentTokens, createAppleEnrollmentToken,";
  if (!ledger.includes(shared)) throw new Error("the ledger's organizationId entry has moved: update this test");
  writeFileSync(
    join(dir, "spec/ledger.yaml"),
    ledger.replace(shared, `operations: [${OPERATION}, listAppleEnrollmentTokens, createAppleEnrollmentToken,`),
  );
  appendFileSync(join(dir, "spec/ledger.yaml"), ledgerEntry);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it("bundle, lint and check:drift accept it", () => {
  for (const [script, ...args] of [["scripts/bundle.ts"], ["scripts/lint.ts"], ["scripts/check-drift.ts"]] as const) {
    const result = tsx(script, ...args);
    expect(result.status, `${script}\n${result.output}`).toBe(0);
  }
  const bundle = JSON.parse(readFileSync(join(dir, "generated/openapi.json"), "utf8")) as {
    paths: Record<string, { get?: Record<string, unknown> }>;
  };
  // Its code samples: the same languages as every operation of the real spec has.
  const langs = (samples: unknown) => (samples as { lang: string }[] | undefined)?.map((sample) => sample.lang);
  for (const { operation } of real)
    expect(langs(bundle.paths[PATH]?.get?.["x-codeSamples"])).toEqual(langs(operation["x-codeSamples"]));
}, 180_000);

it("generate writes its method; compile and the strict type-check of every file pass", () => {
  const generated = tsx("scripts/generate.ts");
  expect(generated.status, generated.output).toBe(0);
  expect(readFileSync(join(dir, "generated/client.ts"), "utf8")).toContain(
    `  ${OPERATION}(args: GetAndroidEnrollmentTokenArgs): Promise<AndroidEnrollmentToken>;`,
  );
  expect(readFileSync(join(dir, "README.md"), "utf8")).toContain(`\`applivery.${OPERATION}(…)\``);
  // compile (what the package ships, declarations included) first: files that import the package
  // by name (bench/fixtures) read its dist/.
  const tsc = join(dir, "node_modules/typescript/bin/tsc");
  for (const config of ["tsconfig.build.json", "tsconfig.json"]) {
    const result = inCopy(process.execPath, [tsc, "-p", config]);
    expect(result.status, `${config}\n${result.output}`).toBe(0);
  }
}, 180_000);

it("its method sends its request and returns the data of the documented answer", () => {
  // Written into the copy and run there, so that it imports the copy's client and reads the copy's
  // bundle: the call is made with the operation's own parameter examples and answered with its 200 example.
  writeFileSync(
    join(dir, "probe.ts"),
    `import { operations } from "./scripts/lib/spec.js";
import { createAppliveryClient } from "./src/index.js";

const { method, operation } = operations().find((o) => o.operationId === "${OPERATION}")!;
const args = Object.fromEntries(operation.parameters.filter((p) => p.in === "path").map((p) => [p.name, p.example]));
const answer = Object.values(operation.responses["200"]!.content!["application/json"]!.examples!)[0]!.value as { data: unknown };
const requests: string[] = [];
const applivery = createAppliveryClient({
  token: "probe-token",
  retry: false,
  fetch: async (request: Request) => {
    requests.push(\`\${request.method} \${new URL(request.url).pathname}\`);
    return new Response(JSON.stringify(answer), { headers: { "content-type": "application/json" } });
  },
});
const data = await (applivery as unknown as Record<string, (a: object) => Promise<unknown>>)["${OPERATION}"]!(args);
console.log(JSON.stringify({ method, args, requests, data, documented: answer.data }));
`,
  );
  const result = tsx("probe.ts");
  expect(result.status, result.output).toBe(0);
  const out = JSON.parse(result.output.trim().split("\n")[0] ?? "") as {
    method: string;
    args: Record<string, string>;
    requests: string[];
    data: unknown;
    documented: unknown;
  };
  expect(out.method).toBe("get");
  expect(out.args).toMatchObject({ emmEnrollmentTokenId: "6990a1b2c3d4e5f6a7b8c9e0" });
  expect(out.requests).toEqual([`GET /v1${PATH.replace(/\{(\w+)\}/g, (_, name: string) => out.args[name] ?? "")}`]);
  expect(out.documented).toMatchObject({ id: expect.any(String) });
  expect(out.data).toEqual(out.documented);
}, 60_000);
