// What the responses promise, checked on hand-built answers with ajv (2020-12, formats on): the
// fields the API always returns are required (the envelope, each token's id, a list page's items and
// paging fields, the bulk counts) and nothing else is; references that are unset come back as null
// and validate; fields no page documents are accepted (responses are open).
import { describe, expect, it } from "vitest";
import { validator } from "../../scripts/lib/ajv.js";
import { normalize } from "../../scripts/lib/drift/normalize.js";
import type { Schema } from "../../scripts/lib/openapi.js";
import { deref, loadBundle, operations } from "../../scripts/lib/spec.js";

const bundle = loadBundle();
const ops = new Map(operations(bundle).map((op) => [op.operationId, op.operation]));

/** The 200 response schema of an operation, dereferenced. */
function ok200(operationId: string): Schema {
  const schema = ops.get(operationId)?.responses["200"]?.content?.["application/json"]?.schema;
  if (!schema) throw new Error(`${operationId} has no JSON 200 response`);
  return schema;
}

function named(name: string): Schema {
  const schema = bundle.components?.schemas?.[name];
  if (!schema) throw new Error(`no schema ${name}`);
  return deref(schema, bundle);
}

/** The required properties of a schema, allOf branches merged. */
const requiredOf = (schema: Schema) => [...(normalize(schema).required ?? [])].sort();

const ID = "69a0c1d2e3f4a5b6c7d8e9f0";
const envelope = (data: unknown) => ({ status: true, data });
const errorsOf = (schema: Schema, value: unknown) => validator(schema)(value).errors;
const paths = (schema: Schema, value: unknown) => errorsOf(schema, value).map((e) => `${e.instancePath} ${e.keyword}`);

const TOKENS: [operationId: string, schema: string][] = [
  ["createAppleEnrollmentToken", "AppleEnrollmentToken"],
  ["createWindowsEnrollmentToken", "WindowsEnrollmentToken"],
  ["createAndroidEnrollmentToken", "AndroidEnrollmentToken"],
];

const PAGE = {
  items: [],
  totalDocs: 0,
  limit: 25,
  page: 1,
  totalPages: 1,
  hasPrevPage: false,
  hasNextPage: false,
  prevPage: null,
  nextPage: null,
};

describe("required in responses: what the API always returns, and nothing else", () => {
  it("the success envelope: status and data", () => {
    expect(requiredOf(named("SuccessEnvelope"))).toEqual(["data", "status"]);
  });

  it.each(TOKENS)("%s: a token requires its id only", (_operationId, name) => {
    expect(requiredOf(named(name))).toEqual(["id"]);
  });

  it.each(["AppleEnrollmentTokenPage", "WindowsEnrollmentTokenPage"])(
    "%s requires items and its eight paging fields",
    (page) => {
      expect(requiredOf(named(page))).toEqual(
        [
          "hasNextPage",
          "hasPrevPage",
          "items",
          "limit",
          "nextPage",
          "page",
          "prevPage",
          "totalDocs",
          "totalPages",
        ].sort(),
      );
    },
  );

  it("a bulk result requires its three counts", () => {
    expect(requiredOf(named("BulkCreateResult"))).toEqual(["fail", "success", "total"]);
  });
});

describe("each answer carrying one token (create, get, update): a token with its id validates; without it, not", () => {
  it.each([
    ...TOKENS,
    ["getAppleEnrollmentToken", "AppleEnrollmentToken"],
    ["updateWindowsEnrollmentToken", "WindowsEnrollmentToken"],
  ])("%s", (operationId) => {
    const schema = ok200(operationId);
    expect(errorsOf(schema, envelope({ id: ID }))).toEqual([]);
    expect(paths(schema, envelope({ displayName: "no id" }))).toContain("/data required");
    expect(paths(schema, { status: true })).toContain(" required");
  });
});

describe.each(["listAppleEnrollmentTokens", "listWindowsEnrollmentTokens"])("the list answer of %s", (operationId) => {
  const schema = ok200(operationId);

  it("an empty last page validates, with prevPage and nextPage null", () => {
    expect(errorsOf(schema, envelope(PAGE))).toEqual([]);
  });

  it("lean, as the page prints it, is accepted and optional", () => {
    expect(errorsOf(schema, envelope({ ...PAGE, lean: true }))).toEqual([]);
    expect(paths(schema, envelope({ ...PAGE, lean: "yes" }))).toContain("/data/lean type");
  });

  it.each(Object.keys(PAGE))("a page without %s is refused", (field) => {
    const { [field as keyof typeof PAGE]: _, ...rest } = PAGE;
    expect(paths(schema, envelope(rest))).toContain("/data required");
  });

  it("an item without its id is refused", () => {
    expect(paths(schema, envelope({ ...PAGE, items: [{ displayName: "x" }], totalDocs: 1 }))).toContain(
      "/data/items/0 required",
    );
  });
});

describe("the bulk answer", () => {
  const schema = ok200("bulkCreateAppleEnrollmentTokens");

  it.each(["total", "success", "fail"])("a result without %s is refused", (count) => {
    const result: Record<string, number> = { total: 2, success: 2, fail: 0 };
    delete result[count];
    expect(paths(schema, envelope(result))).toContain("/data required");
  });
});

describe("unset references come back as null, and validate", () => {
  const apple = {
    id: ID,
    admDevice: null,
    mdmUser: null,
    admPolicy: null,
    admVppLocation: null,
    segmentId: null,
    admPolicyAssignments: [{ admPolicyId: null, admPolicy: null, priority: 1 }],
    profiles: [{ id: ID, admPolicy: null, parentAdmProfileId: null, certificates: [{ mdmAssetId: null }] }],
  };
  const windows = {
    id: ID,
    winDeviceId: null,
    winPolicyId: null,
    mdmUser: null,
    segmentId: null,
    winPolicyAssignments: [{ winPolicyId: null, winPolicy: null, priority: 1 }],
  };
  const android = {
    id: ID,
    emmDevice: null,
    mdmUser: null,
    emmPolicyAssignments: [{ emmPolicyId: null, emmPolicy: null, priority: 0 }],
  };

  it.each([
    ["createAppleEnrollmentToken", apple],
    ["createWindowsEnrollmentToken", windows],
    ["createAndroidEnrollmentToken", android],
    ["listAppleEnrollmentTokens", { ...PAGE, items: [apple], totalDocs: 1 }],
  ])("%s", (operationId, data) => {
    expect(errorsOf(ok200(operationId), envelope(data))).toEqual([]);
  });

  it("but a token's own id, and the fields that are not references, are never null", () => {
    const schema = ok200("createAppleEnrollmentToken");
    for (const field of ["id", "organization", "displayName", "state", "createdAt"]) {
      const token: Record<string, unknown> = { id: ID, [field]: null };
      expect(paths(schema, envelope(token)).join(" "), field).toContain(`/data/${field}`);
    }
  });

  it("a set reference still has to be an entity id", () => {
    expect(paths(ok200("createAndroidEnrollmentToken"), envelope({ id: ID, emmDevice: "device-1" }))).toContain(
      "/data/emmDevice pattern",
    );
  });
});

describe("responses are open: fields no page documents are accepted at every level", () => {
  const extra = { addedLater: { any: ["shape"] } };

  it.each(TOKENS)("%s", (operationId) => {
    const token = { id: ID, ...extra, mdmUser: { id: ID, ...extra }, summary: { ...extra } };
    expect(errorsOf(ok200(operationId), { status: true, ...extra, data: token })).toEqual([]);
  });

  it("listAppleEnrollmentTokens", () => {
    const item = { id: ID, ...extra, applications: [{ admApplication: ID, action: "somethingNew", ...extra }] };
    expect(
      errorsOf(ok200("listAppleEnrollmentTokens"), envelope({ ...PAGE, ...extra, items: [item], totalDocs: 1 })),
    ).toEqual([]);
  });

  it("bulkCreateAppleEnrollmentTokens", () => {
    expect(
      errorsOf(ok200("bulkCreateAppleEnrollmentTokens"), envelope({ total: 1, success: 1, fail: 0, ...extra })),
    ).toEqual([]);
  });
});
