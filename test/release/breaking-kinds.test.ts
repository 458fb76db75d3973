// check:breaking's classification, kind by kind and in both directions. Each case is a fixture pair
// made from the real bundle: `setup` (applied to both sides) narrows the place the case touches,
// `mutate` (applied to the newer side only) makes the change. Forward (real → mutated) and backward
// (mutated → real) must each report exactly the expected kind, every change with the expected
// classification, on the expected operation.
import { describe, expect, it } from "vitest";
import { diffBundles } from "../../scripts/lib/breaking/check.js";
import { CHANGE_KINDS, type Change, type ChangeKind, DOCUMENT } from "../../scripts/lib/breaking/model.js";
import type { Document, Operation, Parameter, Schema } from "../../scripts/lib/openapi.js";
import { loadBundle } from "../../scripts/lib/spec.js";

const APPLE = "/organizations/{organizationId}/mdm/apple/enterprise/enrollment-tokens";
const WINDOWS = "/organizations/{organizationId}/mdm/windows/enterprise/enrollment-tokens";
const CREATE = "createAppleEnrollmentToken";
const LIST = "listAppleEnrollmentTokens";
const CREATE_WINDOWS = "createWindowsEnrollmentToken";

function schema(document: Document, name: string): Schema {
  const found = document.components?.schemas?.[name];
  if (!found) throw new Error(`no schema ${name}`);
  return found;
}
function operation(document: Document, path: string, method: "get" | "post"): Operation {
  const found = document.paths[path]?.[method];
  if (!found) throw new Error(`no ${method} ${path}`);
  return found;
}
function parameter(document: Document, name: string): Parameter {
  const found = document.components?.parameters?.[name];
  if (!found) throw new Error(`no parameter ${name}`);
  return found;
}
function properties(target: Schema): Record<string, Schema> {
  if (!target.properties) throw new Error("schema without properties");
  return target.properties;
}
/** The Apple create body (used by createAppleEnrollmentToken only). */
const body = (document: Document) => schema(document, "AppleEnrollmentTokenCreateRequest");
/** The Apple token's own fields (returned by createAppleEnrollmentToken and listAppleEnrollmentTokens). */
function token(document: Document): Schema {
  const own = schema(document, "AppleEnrollmentToken").allOf?.[1];
  if (!own) throw new Error("AppleEnrollmentToken has no second allOf branch");
  return own;
}

interface Expected {
  kind: ChangeKind;
  breaking: boolean;
  /** The operation every change belongs to (its operationId), or DOCUMENT. */
  operations: string[];
  /** Text the field of at least one change contains. */
  field?: string;
}

interface Case {
  name: string;
  setup?: (document: Document) => void;
  mutate: (document: Document) => void;
  forward: Expected;
  backward: Expected;
}

const inlineDisplayName = (document: Document) => {
  properties(body(document)).displayName = { type: "string", maxLength: 128 };
};
const inlineEnrollCode = (document: Document) => {
  properties(token(document)).enrollCode = { type: "string", maxLength: 128 };
};
const both = [CREATE, LIST];
/** Every operation that returns a token (shared response schemas). */
const tokenResponses = [CREATE, LIST, CREATE_WINDOWS, "createAndroidEnrollmentToken"];

const CASES: Case[] = [
  // Operations
  {
    name: "operation removed / added",
    mutate: (d) => {
      delete operation(d, WINDOWS, "post").operationId;
      const item = d.paths[WINDOWS];
      if (item) delete item.post;
    },
    forward: { kind: "operation-removed", breaking: true, operations: [CREATE_WINDOWS] },
    backward: { kind: "operation-added", breaking: false, operations: [CREATE_WINDOWS] },
  },
  {
    name: "operationId renamed",
    mutate: (d) => {
      operation(d, WINDOWS, "post").operationId = "createWindowsToken";
    },
    forward: { kind: "operation-id", breaking: true, operations: ["createWindowsToken"] },
    backward: { kind: "operation-id", breaking: true, operations: [CREATE_WINDOWS] },
  },
  {
    name: "permission changed",
    mutate: (d) => {
      operation(d, WINDOWS, "post").security = [{ bearerAuth: ["mdm.windows.enrollmentToken.admin"] }];
    },
    forward: { kind: "security", breaking: true, operations: [CREATE_WINDOWS], field: "security requirement" },
    backward: { kind: "security", breaking: true, operations: [CREATE_WINDOWS] },
  },
  {
    name: "security requirement dropped / added",
    mutate: (d) => {
      operation(d, WINDOWS, "post").security = [];
    },
    forward: { kind: "security", breaking: false, operations: [CREATE_WINDOWS] },
    backward: { kind: "security", breaking: true, operations: [CREATE_WINDOWS] },
  },
  // Parameters
  {
    name: "optional parameter added / removed",
    mutate: (d) => {
      operation(d, APPLE, "get").parameters?.push({ name: "q", in: "query", schema: { type: "string" } });
    },
    forward: { kind: "parameter-added", breaking: false, operations: [LIST], field: "query parameter q" },
    backward: { kind: "parameter-removed", breaking: true, operations: [LIST], field: "query parameter q" },
  },
  {
    name: "required parameter added / removed",
    mutate: (d) => {
      operation(d, APPLE, "get").parameters?.push({
        name: "q",
        in: "query",
        required: true,
        schema: { type: "string" },
      });
    },
    forward: { kind: "parameter-added", breaking: true, operations: [LIST] },
    backward: { kind: "parameter-removed", breaking: true, operations: [LIST] },
  },
  {
    name: "parameter made required / optional",
    mutate: (d) => {
      parameter(d, "Limit").required = true;
    },
    forward: { kind: "parameter-required", breaking: true, operations: [LIST], field: "query parameter limit" },
    backward: { kind: "parameter-required", breaking: false, operations: [LIST] },
  },
  {
    name: "parameter moved",
    mutate: (d) => {
      parameter(d, "Limit").in = "header";
    },
    forward: { kind: "parameter-location", breaking: true, operations: [LIST] },
    backward: { kind: "parameter-location", breaking: true, operations: [LIST] },
  },
  {
    name: "parameter serialization changed",
    mutate: (d) => {
      parameter(d, "Sort").explode = false;
    },
    forward: { kind: "parameter-style", breaking: true, operations: [LIST] },
    backward: { kind: "parameter-style", breaking: true, operations: [LIST] },
  },
  {
    name: "parameter bound tightened / loosened",
    mutate: (d) => {
      const limit = parameter(d, "Limit").schema;
      if (limit) limit.maximum = 100;
    },
    forward: { kind: "bounds", breaking: true, operations: [LIST], field: "query parameter limit" },
    backward: { kind: "bounds", breaking: false, operations: [LIST] },
  },
  {
    name: "parameter pattern removed / added",
    mutate: (d) => {
      const sort = parameter(d, "Sort").schema;
      if (sort) delete sort.pattern;
    },
    forward: { kind: "pattern", breaking: false, operations: [LIST] },
    backward: { kind: "pattern", breaking: true, operations: [LIST] },
  },
  // Request bodies
  {
    name: "request body removed / added (required)",
    mutate: (d) => {
      delete operation(d, WINDOWS, "post").requestBody;
    },
    forward: { kind: "request-body-removed", breaking: true, operations: [CREATE_WINDOWS] },
    backward: { kind: "request-body-added", breaking: true, operations: [CREATE_WINDOWS] },
  },
  {
    name: "request body added / removed (optional)",
    setup: (d) => {
      delete operation(d, WINDOWS, "post").requestBody;
    },
    mutate: (d) => {
      operation(d, WINDOWS, "post").requestBody = {
        required: false,
        content: { "application/json": { schema: { type: "object" } } },
      };
    },
    forward: { kind: "request-body-added", breaking: false, operations: [CREATE_WINDOWS] },
    backward: { kind: "request-body-removed", breaking: true, operations: [CREATE_WINDOWS] },
  },
  {
    name: "request body made optional / required",
    mutate: (d) => {
      const requestBody = operation(d, WINDOWS, "post").requestBody;
      if (requestBody) requestBody.required = false;
    },
    forward: { kind: "request-body-required", breaking: false, operations: [CREATE_WINDOWS] },
    backward: { kind: "request-body-required", breaking: true, operations: [CREATE_WINDOWS] },
  },
  {
    name: "request media type added / removed",
    mutate: (d) => {
      const requestBody = operation(d, WINDOWS, "post").requestBody;
      if (requestBody) requestBody.content["application/x-www-form-urlencoded"] = { schema: { type: "object" } };
    },
    forward: { kind: "media-type-added", breaking: false, operations: [CREATE_WINDOWS] },
    backward: { kind: "media-type-removed", breaking: true, operations: [CREATE_WINDOWS] },
  },
  {
    name: "optional request field added / removed",
    mutate: (d) => {
      properties(body(d)).note = { type: "string" };
    },
    forward: { kind: "field-added", breaking: false, operations: [CREATE], field: "body field note" },
    backward: { kind: "field-removed", breaking: true, operations: [CREATE], field: "body field note" },
  },
  {
    name: "required request field added / removed",
    mutate: (d) => {
      properties(body(d)).note = { type: "string" };
      body(d).required?.push("note");
    },
    forward: { kind: "field-added", breaking: true, operations: [CREATE], field: "body field note" },
    backward: { kind: "field-removed", breaking: true, operations: [CREATE] },
  },
  {
    name: "request field made required / optional",
    mutate: (d) => {
      body(d).required?.push("displayName");
    },
    forward: { kind: "field-required", breaking: true, operations: [CREATE], field: "body field displayName" },
    backward: { kind: "field-required", breaking: false, operations: [CREATE], field: "body field displayName" },
  },
  {
    name: "nested request field made required / optional (array items)",
    setup: (d) => {
      properties(body(d)).admPolicyAssignments = {
        type: "array",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["priority"],
          properties: { admPolicyId: { type: "string" }, priority: { type: "integer" } },
        },
      };
    },
    mutate: (d) => {
      properties(body(d)).admPolicyAssignments?.items?.required?.push("admPolicyId");
    },
    forward: {
      kind: "field-required",
      breaking: true,
      operations: [CREATE],
      field: "body field admPolicyAssignments[].admPolicyId",
    },
    backward: { kind: "field-required", breaking: false, operations: [CREATE] },
  },
  {
    name: "request enum widened / narrowed",
    mutate: (d) => {
      schema(d, "Language").enum?.push("nl");
    },
    forward: {
      kind: "enum",
      breaking: false,
      operations: [CREATE, "bulkCreateAppleEnrollmentTokens", CREATE_WINDOWS, "createAndroidEnrollmentToken"],
      field: "body field language",
    },
    backward: {
      kind: "enum",
      breaking: true,
      operations: [CREATE, "bulkCreateAppleEnrollmentTokens", CREATE_WINDOWS, "createAndroidEnrollmentToken"],
    },
  },
  {
    name: "request maxLength loosened / tightened",
    setup: inlineDisplayName,
    mutate: (d) => {
      const displayName = properties(body(d)).displayName;
      if (displayName) displayName.maxLength = 256;
    },
    forward: { kind: "bounds", breaking: false, operations: [CREATE], field: "body field displayName" },
    backward: { kind: "bounds", breaking: true, operations: [CREATE], field: "body field displayName" },
  },
  {
    name: "request minimum raised / lowered",
    setup: (d) => {
      properties(body(d)).duration = { type: "integer", minimum: 60, maximum: 2592000 };
    },
    mutate: (d) => {
      const duration = properties(body(d)).duration;
      if (duration) duration.minimum = 300;
    },
    forward: { kind: "bounds", breaking: true, operations: [CREATE], field: "body field duration" },
    backward: { kind: "bounds", breaking: false, operations: [CREATE] },
  },
  {
    name: "request minLength added / removed",
    setup: inlineDisplayName,
    mutate: (d) => {
      const displayName = properties(body(d)).displayName;
      if (displayName) displayName.minLength = 1;
    },
    forward: { kind: "bounds", breaking: true, operations: [CREATE] },
    backward: { kind: "bounds", breaking: false, operations: [CREATE] },
  },
  {
    name: "request pattern changed",
    setup: inlineDisplayName,
    mutate: (d) => {
      const displayName = properties(body(d)).displayName;
      if (displayName) displayName.pattern = "^\\S.*$";
    },
    forward: { kind: "pattern", breaking: true, operations: [CREATE] },
    backward: { kind: "pattern", breaking: false, operations: [CREATE] },
  },
  {
    name: "request pattern replaced",
    setup: (d) => {
      properties(body(d)).displayName = { type: "string", pattern: "^[a-z]+$" };
    },
    mutate: (d) => {
      const displayName = properties(body(d)).displayName;
      if (displayName) displayName.pattern = "^[a-z0-9]+$";
    },
    // A changed pattern is breaking both ways: no inclusion between regular expressions is assumed.
    forward: { kind: "pattern", breaking: true, operations: [CREATE] },
    backward: { kind: "pattern", breaking: true, operations: [CREATE] },
  },
  {
    name: "request format added / removed",
    setup: inlineDisplayName,
    mutate: (d) => {
      const displayName = properties(body(d)).displayName;
      if (displayName) displayName.format = "email";
    },
    forward: { kind: "format", breaking: true, operations: [CREATE] },
    backward: { kind: "format", breaking: false, operations: [CREATE] },
  },
  {
    name: "request type changed",
    setup: inlineDisplayName,
    mutate: (d) => {
      const displayName = properties(body(d)).displayName;
      if (displayName) displayName.type = "integer";
    },
    forward: { kind: "type", breaking: true, operations: [CREATE], field: "body field displayName" },
    backward: { kind: "type", breaking: true, operations: [CREATE] },
  },
  {
    name: "request type widened / narrowed (integer to number)",
    setup: (d) => {
      properties(body(d)).duration = { type: "integer" };
    },
    mutate: (d) => {
      const duration = properties(body(d)).duration;
      if (duration) duration.type = "number";
    },
    forward: { kind: "type", breaking: false, operations: [CREATE] },
    backward: { kind: "type", breaking: true, operations: [CREATE] },
  },
  {
    name: "request field made nullable / not nullable",
    setup: inlineDisplayName,
    mutate: (d) => {
      const displayName = properties(body(d)).displayName;
      if (displayName) displayName.type = ["string", "null"];
    },
    forward: { kind: "nullable", breaking: false, operations: [CREATE] },
    backward: { kind: "nullable", breaking: true, operations: [CREATE] },
  },
  {
    name: "request object opened / closed",
    mutate: (d) => {
      delete body(d).additionalProperties;
    },
    forward: { kind: "closedness", breaking: false, operations: [CREATE], field: "body" },
    backward: { kind: "closedness", breaking: true, operations: [CREATE], field: "body" },
  },
  {
    name: "request default added / removed",
    setup: inlineDisplayName,
    mutate: (d) => {
      const displayName = properties(body(d)).displayName;
      if (displayName) displayName.default = "";
    },
    forward: { kind: "default", breaking: false, operations: [CREATE] },
    backward: { kind: "default", breaking: false, operations: [CREATE] },
  },
  {
    name: "request anyOf branch added / removed",
    setup: (d) => {
      properties(body(d)).policyId = { anyOf: [{ type: "string", pattern: "^[a-f0-9]{24}$" }] };
    },
    mutate: (d) => {
      properties(body(d)).policyId?.anyOf?.push({ type: "string", enum: [""] });
    },
    forward: { kind: "combinator", breaking: false, operations: [CREATE], field: "body field policyId" },
    backward: { kind: "combinator", breaking: true, operations: [CREATE], field: "body field policyId" },
  },
  // Responses
  {
    name: "response field added / removed",
    mutate: (d) => {
      properties(token(d)).serialNumber = { type: "string" };
    },
    forward: { kind: "field-added", breaking: false, operations: both, field: "response 200 field data.serialNumber" },
    backward: { kind: "field-removed", breaking: true, operations: both, field: "field data.serialNumber" },
  },
  {
    name: "response field made required / optional",
    mutate: (d) => {
      const own = token(d);
      own.required = ["enrollCode"];
    },
    forward: { kind: "field-required", breaking: false, operations: both, field: "data.enrollCode" },
    backward: { kind: "field-required", breaking: true, operations: both, field: "data.enrollCode" },
  },
  {
    name: "response type changed",
    setup: inlineEnrollCode,
    mutate: (d) => {
      const enrollCode = properties(token(d)).enrollCode;
      if (enrollCode) enrollCode.type = "integer";
    },
    forward: { kind: "type", breaking: true, operations: both, field: "data.enrollCode" },
    backward: { kind: "type", breaking: true, operations: both },
  },
  {
    name: "response field made nullable / not nullable",
    setup: inlineEnrollCode,
    mutate: (d) => {
      const enrollCode = properties(token(d)).enrollCode;
      if (enrollCode) enrollCode.type = ["string", "null"];
    },
    forward: { kind: "nullable", breaking: true, operations: both, field: "data.enrollCode" },
    backward: { kind: "nullable", breaking: false, operations: both },
  },
  {
    name: "response field made nullable / not nullable (anyOf with null, as the spec writes it)",
    setup: inlineEnrollCode,
    mutate: (d) => {
      properties(token(d)).enrollCode = { anyOf: [{ type: "string", maxLength: 128 }, { type: "null" }] };
    },
    forward: { kind: "nullable", breaking: true, operations: both, field: "data.enrollCode" },
    backward: { kind: "nullable", breaking: false, operations: both },
  },
  {
    name: "response enum widened / narrowed",
    mutate: (d) => {
      schema(d, "TokenState").enum?.push("REVOKED");
    },
    forward: { kind: "enum", breaking: true, operations: tokenResponses, field: "response 200 field data.state" },
    backward: { kind: "enum", breaking: false, operations: tokenResponses },
  },
  {
    name: "response bound loosened / tightened",
    setup: inlineEnrollCode,
    mutate: (d) => {
      const enrollCode = properties(token(d)).enrollCode;
      if (enrollCode) enrollCode.maxLength = 256;
    },
    forward: { kind: "bounds", breaking: true, operations: both },
    backward: { kind: "bounds", breaking: false, operations: both },
  },
  {
    name: "response format removed / added",
    mutate: (d) => {
      delete schema(d, "DateTime").format;
    },
    forward: { kind: "format", breaking: true, operations: tokenResponses, field: "data.createdAt" },
    backward: { kind: "format", breaking: false, operations: tokenResponses },
  },
  {
    name: "response object closed / opened",
    mutate: (d) => {
      token(d).additionalProperties = false;
    },
    forward: { kind: "closedness", breaking: false, operations: both },
    backward: { kind: "closedness", breaking: false, operations: both },
  },
  {
    name: "error status added / removed",
    mutate: (d) => {
      operation(d, WINDOWS, "post").responses["409"] = { $ref: "#/components/responses/NotFound" };
    },
    forward: { kind: "status-added", breaking: false, operations: [CREATE_WINDOWS], field: "response 409" },
    backward: { kind: "status-removed", breaking: false, operations: [CREATE_WINDOWS] },
  },
  {
    name: "success status added / removed",
    mutate: (d) => {
      const created = operation(d, WINDOWS, "post").responses["200"];
      if (created) operation(d, WINDOWS, "post").responses["201"] = created;
    },
    forward: { kind: "status-added", breaking: true, operations: [CREATE_WINDOWS], field: "response 201" },
    backward: { kind: "status-removed", breaking: true, operations: [CREATE_WINDOWS] },
  },
  {
    name: "response media type added / removed",
    mutate: (d) => {
      const content = operation(d, WINDOWS, "post").responses["400"]?.content;
      if (content) content["text/plain"] = { schema: { type: "string" } };
    },
    forward: { kind: "media-type-added", breaking: false, operations: [CREATE_WINDOWS] },
    backward: { kind: "media-type-removed", breaking: true, operations: [CREATE_WINDOWS] },
  },
  // The document
  {
    name: "server URL changed",
    mutate: (d) => {
      const [server] = d.servers ?? [];
      if (server) server.url = "https://api.applivery.com/v2";
    },
    forward: { kind: "server", breaking: true, operations: [DOCUMENT], field: "default server URL" },
    backward: { kind: "server", breaking: true, operations: [DOCUMENT] },
  },
  {
    name: "second server added / removed",
    mutate: (d) => {
      d.servers?.push({ url: "https://api.eu.applivery.io/v1" });
    },
    forward: { kind: "server", breaking: false, operations: [DOCUMENT] },
    backward: { kind: "server", breaking: true, operations: [DOCUMENT] },
  },
  {
    name: "security scheme changed",
    mutate: (d) => {
      const scheme = d.components?.securitySchemes?.bearerAuth;
      if (scheme) scheme.type = "apiKey";
    },
    forward: { kind: "security-scheme", breaking: true, operations: [DOCUMENT] },
    backward: { kind: "security-scheme", breaking: true, operations: [DOCUMENT] },
  },
  {
    name: "component schema added / removed",
    mutate: (d) => {
      const schemas = d.components?.schemas;
      if (schemas) schemas.Unused = { type: "string" };
    },
    forward: { kind: "component", breaking: false, operations: [DOCUMENT], field: "components.schemas.Unused" },
    backward: { kind: "component", breaking: true, operations: [DOCUMENT], field: "components.schemas.Unused" },
  },
];

const real = loadBundle();
const prepared = (setup?: (document: Document) => void): Document => {
  const copy = structuredClone(real);
  setup?.(copy);
  return copy;
};
const opId = (change: Change) => change.operation.split(" ")[0];

function expectChanges(changes: Change[], expected: Expected) {
  expect(changes.length, "the mutation produced no change").toBeGreaterThan(0);
  const summary = changes.map((c) => `${c.operation} ${c.kind} ${c.breaking} ${c.field}: ${c.what}`);
  for (const change of changes) {
    expect(change.kind, summary.join("\n")).toBe(expected.kind);
    expect(change.breaking, summary.join("\n")).toBe(expected.breaking);
  }
  expect([...new Set(changes.map(opId))].sort()).toEqual([...expected.operations].sort());
  if (expected.field) expect(changes.map((c) => c.field).join("\n")).toContain(expected.field);
}

describe("check:breaking classifies each kind of change, both directions", () => {
  it("the real bundle against itself: no change", () => {
    expect(diffBundles(real, structuredClone(real))).toEqual([]);
  });

  it("descriptions, titles and examples are not changes", () => {
    const after = prepared((d) => {
      body(d).description = "Another description.";
      schema(d, "TokenState").examples = ["DONE"];
      operation(d, WINDOWS, "post").summary = "Another summary";
    });
    expect(diffBundles(real, after)).toEqual([]);
  });

  it.each(CASES)("$name", ({ setup, mutate, forward, backward }) => {
    const before = prepared(setup);
    const after = prepared(setup);
    mutate(after);
    expectChanges(diffBundles(before, after), forward);
    expectChanges(diffBundles(after, before), backward);
  });

  it("the cases cover every kind, and each kind both breaking and not where the direction matters", () => {
    const seen = new Set(CASES.flatMap((c) => [c.forward.kind, c.backward.kind]));
    expect(CHANGE_KINDS.filter((kind) => !seen.has(kind))).toEqual([]);
  });

  it("a change names its values and its pointer", () => {
    const before = prepared(inlineDisplayName);
    const after = prepared(inlineDisplayName);
    const displayName = properties(body(after)).displayName;
    if (displayName) displayName.maxLength = 64;
    expect(diffBundles(before, after)).toEqual([
      {
        operation: `${CREATE} (POST ${APPLE})`,
        kind: "bounds",
        breaking: true,
        pointer: "/requestBody/content/application~1json/schema/properties/displayName/maxLength",
        field: "body field displayName",
        what: "maxLength tightened",
        before: 128,
        after: 64,
      },
    ]);
  });
});
