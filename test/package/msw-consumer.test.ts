// Consumer projects that install the packed tarball with msw (2 on this Node; 3 on Node 22, which
// msw 3 needs, from the npm registry's `node` package), ajv, ajv-formats and vitest, and run a test
// suite on `applivery-mdm-openapi/msw` written as a user would write it: create then list and find
// the token; paginate with limit 1 across pages, no duplicates; over the family's other operations,
// create then read back, update then list, bulk-create then list, delete, paginate Windows tokens; an invalid body rejected as
// AppliveryApiError 400 naming the field; each documented error reachable. The suite also compiles
// strict against the published declarations. Nothing here skips: a missing piece fails.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { repoPath } from "../../scripts/lib/spec.js";
import { projectWith, type Run } from "../support/package.js";

const version = (name: string) =>
  (JSON.parse(readFileSync(repoPath(`node_modules/${name}/package.json`), "utf8")) as { version: string }).version;
/** Each msw major the peer range takes, and the Node that runs it. */
const SETUPS = [
  { msw: "2.15.0", node: [process.execPath], unhandled: "onUnhandledRequest" },
  { msw: "3.0.5", node: ["npx", "--yes", "-p", "node@22", "node"], unhandled: "onUnhandledFrame" },
];

/** The environment of a child process, without the outer vitest's own variables. */
const env = Object.fromEntries(
  Object.entries({
    ...process.env,
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
  }).filter(([name]) => !/^(VITEST|VITE_|TEST$|NODE_ENV$)/.test(name)),
);

function run(command: string, args: string[], cwd: string): Run {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, output: `${result.stdout}\n${result.stderr}` };
}

/** The consumer's test suite, as a user writes it against the installed package (msw 3 renamed `onUnhandledRequest` to `onUnhandledFrame`). */
const suite = (
  unhandled: string,
) => `import { type AppleEnrollmentTokenCreateRequest, AppliveryApiError, createAppliveryClient } from "applivery-mdm-openapi";
import { createHandlers, documentedResponses, INVALID_REQUEST_CODE } from "applivery-mdm-openapi/msw";
import spec from "applivery-mdm-openapi/openapi.json" with { type: "json" };
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";

const mock = createHandlers();
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ ${unhandled}: "error" }));
afterEach(() => mock.reset());
afterAll(() => server.close());

const applivery = createAppliveryClient({ token: "consumer-token-5d1e", retry: false });
const organizationId = "acme-corp";
const mdmUserId = "698f3bde457fafa13d088791";

it("create then list and find the token", async () => {
  const created = await applivery.createAppleEnrollmentToken({
    organizationId,
    body: { mdmUserId, sendEmail: false, displayName: "Consumer iPad", tags: ["consumer"] },
  });
  expect(created.id).toMatch(/^[a-f0-9]{24}$/);
  const page = await applivery.listAppleEnrollmentTokens({ organizationId, query: { limit: 100, sort: "createdAt:desc" } });
  expect(page.items?.[0]).toEqual(created);
  expect(page.items?.find((token) => token.id === created.id)?.displayName).toBe("Consumer iPad");
});

it("paginate with limit 1 across pages, no duplicates", async () => {
  await applivery.bulkCreateAppleEnrollmentTokens({
    organizationId,
    body: { userEmails: ["a@example.com", "b@example.com", "c@example.com"], sendEmail: false },
  });
  const ids: string[] = [];
  for await (const token of applivery.paginate("listAppleEnrollmentTokens", { organizationId, query: { limit: 1 } })) {
    ids.push(String(token.id));
  }
  const first = await applivery.listAppleEnrollmentTokens({ organizationId, query: { limit: 1 } });
  expect(first.totalPages).toBe(first.totalDocs);
  expect(ids).toHaveLength(first.totalDocs ?? -1);
  expect(new Set(ids).size).toBe(ids.length);
});

it("create then read back", async () => {
  const created = await applivery.createAppleEnrollmentToken({ organizationId, body: { mdmUserId, sendEmail: false } });
  expect(await applivery.getAppleEnrollmentToken({ organizationId, admEnrollmentTokenId: created.id })).toEqual(created);
});

it("update then list", async () => {
  const created = await applivery.createWindowsEnrollmentToken({ organizationId, body: { mdmUserId, sendEmail: false } });
  const updated = await applivery.updateWindowsEnrollmentToken({
    organizationId,
    winEnrollmentTokenId: created.id,
    body: { displayName: "Front desk", tags: ["lobby"] },
  });
  expect(updated).toMatchObject({ id: created.id, displayName: "Front desk", tags: ["lobby"] });
  const page = await applivery.listWindowsEnrollmentTokens({ organizationId, query: { limit: 100 } });
  expect(page.items?.find((token) => token.id === created.id)).toEqual(updated);
});

it("bulk-create then list", async () => {
  const before = (await applivery.listWindowsEnrollmentTokens({ organizationId, query: { limit: 0 } })).totalDocs ?? 0;
  const userEmails = ["ana@example.com", "li@example.com"];
  expect(await applivery.bulkCreateWindowsEnrollmentTokens({ organizationId, body: { userEmails, sendEmail: false } })).toEqual({ total: 2, success: 2, fail: 0 });
  const page = await applivery.listWindowsEnrollmentTokens({ organizationId, query: { limit: 100 } });
  expect(page.totalDocs).toBe(before + 2);
  expect(page.items?.slice(-2).map((token) => token.mdmUser?.email)).toEqual(userEmails);
});

it("delete, then the token lists only as deleted", async () => {
  const created = await applivery.createAospEnrollmentToken({ organizationId, body: { mdmUserId, managementMode: "DEVICE_OWNER", duration: 3600 } });
  const deleted = await applivery.deleteAospEnrollmentToken({ organizationId, aosEnrollmentTokenId: created.id });
  expect(deleted).toMatchObject({ id: created.id, status: "DELETED" });
  const ids = async (query: { status?: ("PENDING" | "DELETED")[] }) =>
    (await applivery.listAospEnrollmentTokens({ organizationId, query: { limit: 100, ...query } })).items?.map((token) => token.id);
  expect(await ids({})).not.toContain(created.id);
  expect(await ids({ status: ["DELETED"] })).toContain(created.id);
});

it("paginate Windows tokens with limit 1", async () => {
  await applivery.bulkCreateWindowsEnrollmentTokens({ organizationId, body: { userEmails: ["a@example.com", "b@example.com"], sendEmail: false } });
  const ids: string[] = [];
  for await (const token of applivery.paginate("listWindowsEnrollmentTokens", { organizationId, query: { limit: 1 } })) {
    ids.push(String(token.id));
  }
  const all = await applivery.listWindowsEnrollmentTokens({ organizationId, query: { limit: 100 } });
  expect(ids).toEqual(all.items?.map((token) => String(token.id)));
  expect(new Set(ids).size).toBe(all.totalDocs);
});

it("an invalid body is rejected as AppliveryApiError 400 naming the field", async () => {
  // A body read at run time, as from a file: the compiler cannot see its mistakes.
  const body = JSON.parse('{"mdmUserId":"698f3bde457fafa13d088791","sendEmail":false,"duration":5,"applications":[{"admApplication":"698f42e5457fafa13d088794","foo":1}]}') as AppleEnrollmentTokenCreateRequest;
  const error = await applivery.createAppleEnrollmentToken({ organizationId, body }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppliveryApiError);
  expect(error).toMatchObject({ status: 400, code: INVALID_REQUEST_CODE });
  expect((error as AppliveryApiError).apiMessage).toBe("body.duration: must be >= 60; body.applications[0].foo: unknown key");
});

type Call = (args: object) => Promise<unknown>;
interface Example {
  value?: unknown;
  $ref?: string;
}
interface Parameter {
  $ref?: string;
  name?: string;
  in?: string;
  example?: unknown;
}
interface SpecOperation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { examples?: Record<string, Example> }> };
}
const named = <T,>(list: unknown, value: { $ref?: string } | undefined) =>
  (value?.$ref ? (list as Record<string, T>)[value.$ref.split("/").at(-1) ?? ""] : value) as T | undefined;
const operations = Object.values(spec.paths as unknown as Record<string, Record<string, unknown>>).flatMap((item) =>
  Object.values(item)
    .filter((op): op is SpecOperation => typeof op === "object" && op !== null && "operationId" in op)
    .map((op) => ({ ...op, parameters: [...((item.parameters as Parameter[]) ?? []), ...(op.parameters ?? [])] })),
);
/** A request the spec documents for the operation: its path parameters' examples (the organization ours) and its first request-body example. */
const argsFor = (operationId: string) => {
  const op = operations.find((o) => o.operationId === operationId);
  const path = (op?.parameters ?? [])
    .map((p) => named<Parameter>(spec.components.parameters, p))
    .filter((p) => p?.in === "path");
  const examples = op?.requestBody?.content["application/json"]?.examples ?? {};
  const body = named<Example>(spec.components.examples, Object.values(examples)[0])?.value;
  return {
    ...Object.fromEntries(path.map((p) => [p?.name, p?.example])),
    organizationId,
    ...(body === undefined ? {} : { body }),
  };
};

it.each(documentedResponses().filter((r) => r.status >= 300).map((r) => [r.operationId + " " + r.status + " " + r.example, r] as const))(
  "documented error reachable: %s",
  async (_, answer) => {
    mock.fail(answer.operationId, answer);
    const call = (applivery as unknown as Record<string, Call>)[answer.operationId];
    if (!call) throw new Error("the client has no method " + answer.operationId);
    const error = await call(argsFor(answer.operationId)).catch((e: unknown) => e);
    const { code, message } = (answer.body as { error: { code: number; message: string } }).error;
    expect(error).toBeInstanceOf(AppliveryApiError);
    expect(error).toMatchObject({ status: answer.status, code, apiMessage: message });
  },
);
`;

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2022", "DOM", "DOM.Iterable"],
    types: ["node"],
    strict: true,
    noUncheckedIndexedAccess: true,
    resolveJsonModule: true,
    // Other packages' declarations are not ours to check; ours are, by DECLARATIONS.
    skipLibCheck: true,
    noEmit: true,
  },
  files: ["msw.test.ts"],
};

/** The mock's published declarations, checked themselves against the msw installed beside them. */
const DECLARATIONS = {
  compilerOptions: { ...TSCONFIG.compilerOptions, types: [], skipLibCheck: false },
  files: ["declarations.ts"],
};

/** The documented error answers of the repository's bundle: one consumer test each. */
const documentedErrors = (() => {
  const bundle = JSON.parse(readFileSync(repoPath("generated/openapi.json"), "utf8")) as {
    paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    components: { responses: Record<string, unknown> };
  };
  let count = 0;
  for (const item of Object.values(bundle.paths)) {
    for (const op of Object.values(item)) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (Number(status) < 300) continue;
        const ref = (response as { $ref?: string }).$ref;
        const resolved = (ref ? bundle.components.responses[ref.split("/").at(-1) ?? ""] : response) as {
          content?: Record<string, { examples?: object }>;
        };
        count += Object.keys(resolved.content?.["application/json"]?.examples ?? {}).length;
      }
    }
  }
  return count;
})();

const dirs = new Map<string, string>();

beforeAll(() => {
  // The run's install of the tarball, copied once per msw major, with msw, ajv, vitest and Node's types added.
  for (const { msw, unhandled } of SETUPS) {
    const dir = projectWith(inject("install"), `msw${msw.split(".")[0]}-consumer`, [
      `msw@${msw}`,
      `ajv@${version("ajv")}`,
      `ajv-formats@${version("ajv-formats")}`,
      `vitest@${version("vitest")}`,
      `@types/node@${version("@types/node")}`,
    ]);
    dirs.set(msw, dir);
    writeFileSync(join(dir, "msw.test.ts"), suite(unhandled));
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
    writeFileSync(join(dir, "declarations.ts"), 'export * from "applivery-mdm-openapi/msw";\n');
    writeFileSync(join(dir, "tsconfig.declarations.json"), JSON.stringify(DECLARATIONS, null, 2));
    // Its own config, so that vitest does not look further up the temp directory for one.
    writeFileSync(join(dir, "vitest.config.mjs"), 'export default { test: { include: ["msw.test.ts"] } };\n');
  }
}, 900_000);

describe.each(SETUPS)("a consumer project with the tarball, msw $msw and vitest", ({ msw, node }) => {
  const dir = () => dirs.get(msw) ?? "";

  it("has the msw entry point and the spec it reads; msw, ajv and ajv-formats are optional peers", () => {
    const installed = join(dir(), "node_modules/applivery-mdm-openapi");
    const pkg = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as {
      exports: Record<string, unknown>;
      peerDependencies: Record<string, string>;
      peerDependenciesMeta: Record<string, { optional?: boolean }>;
      dependencies: Record<string, string>;
    };
    expect(pkg.exports["./msw"]).toEqual({ types: "./dist/src/msw/index.d.ts", default: "./dist/src/msw/index.js" });
    expect(pkg.peerDependencies).toEqual({ ajv: "^8.12.0", "ajv-formats": "^3.0.1", msw: "^2.10.5 || ^3.0.0" });
    for (const peer of Object.keys(pkg.peerDependencies)) expect(pkg.peerDependenciesMeta[peer]?.optional).toBe(true);
    // A user of the client alone installs openapi-fetch with it, nothing the mock needs.
    expect(Object.keys(pkg.dependencies)).toEqual(["openapi-fetch"]);
    const mswVersion = JSON.parse(readFileSync(join(dir(), "node_modules/msw/package.json"), "utf8")) as {
      version: string;
    };
    expect(mswVersion.version).toBe(msw);
    for (const file of ["dist/src/msw/index.js", "dist/src/msw/index.d.ts", "generated/openapi.json"]) {
      expect(() => readFileSync(join(installed, file)), file).not.toThrow();
    }
  });

  it("the suite compiles, strict, and the mock's declarations check against this msw", () => {
    for (const config of ["tsconfig.json", "tsconfig.declarations.json"]) {
      const result = run(process.execPath, [repoPath("node_modules/typescript/bin/tsc"), "-p", config], dir());
      expect(result.output.trim(), config).toBe("");
      expect(result.status, config).toBe(0);
    }
  });

  it("the suite passes: every test runs, none skipped", () => {
    const [command = "", ...prefix] = node;
    const result = run(
      command,
      [
        ...prefix,
        join(dir(), "node_modules/vitest/vitest.mjs"),
        "run",
        "--config=vitest.config.mjs",
        `--root=${dir()}`,
        "--reporter=json",
        "--outputFile=report.json",
      ],
      dir(),
    );
    const report = JSON.parse(readFileSync(join(dir(), "report.json"), "utf8")) as {
      numTotalTests: number;
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
      testResults: {
        message?: string;
        assertionResults: { title: string; status: string; failureMessages?: string[] }[];
      }[];
    };
    const failures = report.testResults.flatMap((file) => [
      ...(file.message ? [file.message] : []),
      ...file.assertionResults.flatMap((a) => (a.failureMessages ?? []).map((m) => `${a.title}: ${m}`)),
    ]);
    expect(failures.join("\n")).toBe("");
    expect(result.status, result.output).toBe(0);
    const titles = report.testResults.flatMap((file) => file.assertionResults.map((a) => `${a.status} ${a.title}`));
    expect(documentedErrors).toBeGreaterThan(0);
    expect(report).toMatchObject({
      numTotalTests: 8 + documentedErrors,
      numPassedTests: 8 + documentedErrors,
      numFailedTests: 0,
      numPendingTests: 0,
      numTodoTests: 0,
    });
    expect(titles).toEqual(
      expect.arrayContaining([
        "passed create then list and find the token",
        "passed paginate with limit 1 across pages, no duplicates",
        "passed create then read back",
        "passed update then list",
        "passed bulk-create then list",
        "passed delete, then the token lists only as deleted",
        "passed paginate Windows tokens with limit 1",
        "passed an invalid body is rejected as AppliveryApiError 400 naming the field",
        "passed documented error reachable: createAppleEnrollmentToken 400 featureNotAllowed",
        "passed documented error reachable: listAppleEnrollmentTokens 401 noAuthToken",
      ]),
    );
  }, 600_000);
});
