// Boundary tests for every request constraint of every operation: for each constraint the
// generator (test/support/request-cases.ts) derives values just inside and just outside it from the
// keyword's meaning; an independent validator (ajv) must agree with every expectation.
import { describe, expect, it } from "vitest";
import { type Validation, validator } from "../../scripts/lib/ajv.js";
import { isObject } from "../../scripts/lib/json.js";
import type { Schema, SpecOperation } from "../../scripts/lib/openapi.js";
import { operations } from "../../scripts/lib/spec.js";
import {
  type Constraint,
  freeFormPaths,
  type RequestCase,
  type RequestParts,
  requestCases,
  sampleValue,
  setAt,
} from "../support/request-cases.js";

const ops = operations();
const bodySchemaOf = (op: SpecOperation): Schema | undefined =>
  op.operation.requestBody?.content["application/json"]?.schema;
const named = (cases: RequestCase[]) => cases.map((c): [string, RequestCase] => [c.name, c]);

describe.each(ops)("$operationId", (op) => {
  const { constraints, cases } = requestCases(op);
  const bodySchema = bodySchemaOf(op);
  const validateBody = bodySchema ? validator(bodySchema) : undefined;
  // URL values arrive as strings: validate them as the server reads them.
  const validateParam = new Map(
    op.operation.parameters.map((p) => [p.name, validator(p.schema ?? {}, { coerce: true })]),
  );

  const isArrayParameter = (name: string) =>
    op.operation.parameters.some((p) => p.name === name && p.schema?.type === "array");
  const accepts = (request: RequestParts): Validation["errors"] => {
    const errors: Validation["errors"] = [];
    if (validateBody) errors.push(...validateBody(request.body).errors);
    for (const [name, value] of [...Object.entries(request.path), ...Object.entries(request.query)]) {
      const validate = validateParam.get(name);
      if (!validate) throw new Error(`${op.operationId} has no parameter ${name}`);
      // A repeated query parameter arrives as a list of strings (one occurrence: a list of one).
      const sent = isArrayParameter(name) ? [value].flat().map(String) : String(value);
      errors.push(...validate(sent).errors.map((e) => ({ ...e, instancePath: name })));
    }
    return errors;
  };

  it("has a case outside every constraint", () => {
    const key = (c: Constraint) => `${c.location} ${c.field} ${c.keyword} ${c.pointer}`;
    const tested = new Set(cases.filter((c) => !c.valid).map(key));
    expect(constraints.filter((c) => !tested.has(key(c))).map(key)).toEqual([]);
    expect(constraints.length).toBeGreaterThanOrEqual(Math.min(9, op.operation.parameters.length));
  });

  it.each(named(cases.filter((c) => c.valid)))("%s", (_name, c) => {
    expect(accepts(c.request)).toEqual([]);
  });

  it.each(named(cases.filter((c) => !c.valid)))("%s", (_name, c) => {
    expect(accepts(c.request).length).toBeGreaterThan(0);
  });
});

describe("the boundaries the sources state", () => {
  const all = ops.flatMap((op) => requestCases(op).cases);
  const names = new Set(all.map((c) => `${c.operationId} ${c.name}`));
  const isAosp = (op: SpecOperation) => op.operation.tags?.includes("AOSP") ?? false;
  const bodies = ops.filter((op) => bodySchemaOf(op) && !isAosp(op)).map((op) => op.operationId);
  const aospBodies = ops.filter((op) => bodySchemaOf(op) && isAosp(op)).map((op) => op.operationId);

  it("every operation with a body has its cases checked below", () => {
    expect(bodies.length).toBeGreaterThan(0);
  });

  it.each(bodies)("%s: lengths 128/129, duration 60/59 and 2592000/2592001, where the body has them", (operationId) => {
    const schema = bodySchemaOf(ops.find((op) => op.operationId === operationId) as SpecOperation) ?? {};
    const has = (field: string) => field in (schema.properties ?? {});
    const cases: [boolean, string][] = [
      [has("displayName"), "body displayName maxLength: accepts 128 characters"],
      [has("displayName"), "body displayName maxLength: rejects 129 characters"],
      [has("tags"), "body tags[0] maxLength: accepts 128 characters"],
      [has("tags"), "body tags[0] maxLength: rejects 129 characters"],
      [has("duration"), "body duration minimum: accepts 60 (minimum)"],
      [has("duration"), "body duration minimum: rejects 59 (minimum - 1)"],
      [has("duration"), "body duration maximum: accepts 2592000 (maximum)"],
      [has("duration"), "body duration maximum: rejects 2592001 (maximum + 1)"],
      [has("duration"), 'body duration type: rejects "60" (wrong type)'],
      [has("language"), 'body language enum: accepts member "ru"'],
      [(schema.required ?? []).includes("sendEmail"), "body sendEmail required: rejects the field missing"],
      [true, 'body (body) additionalProperties: rejects an unknown key "unknownKey"'],
    ];
    expect(has("displayName") && has("tags")).toBe(true);
    for (const [applies, name] of cases) if (applies) expect(names, name).toContain(`${operationId} ${name}`);
  });

  it.each(aospBodies)(
    "%s: AOSP's own bounds: displayName 256/257, duration 0/-1, 2 management modes",
    (operationId) => {
      for (const name of [
        "body displayName maxLength: accepts 256 characters",
        "body displayName maxLength: rejects 257 characters",
        "body dpcBuildTag maxLength: rejects 257 characters",
        "body duration minimum: accepts 0 (minimum)",
        "body duration minimum: rejects -1 (minimum - 1)",
        "body duration required: rejects the field missing",
        'body managementMode enum: accepts member "MANAGEMENT_MODE_UNSPECIFIED"',
        'body managementMode enum: rejects outsider "KIOSK"',
        "body aosPolicyAssignments[0].priority minimum: accepts -9007199254740991 (minimum)",
        "body aosPolicyAssignments[0].aosPolicyId required: rejects the field missing",
        'body language enum: accepts member "ru"',
        'body (body) additionalProperties: rejects an unknown key "unknownKey"',
      ]) {
        expect(names, name).toContain(`${operationId} ${name}`);
      }
      expect([...names].filter((n) => n.startsWith(`${operationId} body sendEmail required`))).toEqual([]);
    },
  );

  it("Apple: managementFlags 0/1/4/5 pass (0 as printed) and 2 fails; action and actionStatus enums", () => {
    for (const name of [
      "body applications[0].managementFlags enum: accepts member 0",
      "body applications[0].managementFlags enum: accepts member 5",
      "body applications[0].managementFlags enum: rejects outsider 2",
      'body applications[0].action enum: accepts member "available"',
      'body applications[0].actionStatus enum: accepts member "available-install"',
      'body applications[0].scripts additionalProperties: rejects an unknown key "unknownKey"',
      'body policyId anyOf: accepts branch 1: ""',
    ]) {
      expect(names).toContain(`createAppleEnrollmentToken ${name}`);
    }
  });

  it('Android: managementMode "KIOSK" fails and the field is required', () => {
    expect(names).toContain('createAndroidEnrollmentToken body managementMode enum: rejects outsider "KIOSK"');
    expect(names).toContain("createAndroidEnrollmentToken body managementMode required: rejects the field missing");
  });

  it("assignment priorities: 0..10000 on Windows and Android (emmPolicyId required), the safe-integer range on Apple", () => {
    for (const [operationId, field] of [
      ["createAndroidEnrollmentToken", "emmPolicyAssignments[0]"],
      ["createWindowsEnrollmentToken", "winPolicyAssignments[0]"],
      ["bulkCreateWindowsEnrollmentTokens", "winPolicyAssignments[0]"],
      ["updateWindowsEnrollmentToken", "winPolicyAssignments[0]"],
    ]) {
      for (const name of [
        "priority minimum: accepts 0 (minimum)",
        "priority minimum: rejects -1 (minimum - 1)",
        "priority maximum: accepts 10000 (maximum)",
        "priority maximum: rejects 10001 (maximum + 1)",
        "priority required: rejects the field missing",
      ]) {
        expect(names).toContain(`${operationId} body ${field}.${name}`);
      }
    }
    expect(names).toContain(
      "createAndroidEnrollmentToken body emmPolicyAssignments[0].emmPolicyId required: rejects the field missing",
    );
    expect([...names].filter((n) => n.includes("winPolicyAssignments[0].winPolicyId required"))).toEqual([]);
    for (const operationId of ["createAppleEnrollmentToken", "bulkCreateAppleEnrollmentTokens"]) {
      expect(names).toContain(
        `${operationId} body admPolicyAssignments[0].priority maximum: rejects 9007199254740992 (maximum + 1)`,
      );
      expect(
        [...names].filter((n) => n.startsWith(`${operationId} body admPolicyAssignments[0].admPolicyId required`)),
      ).toEqual([]);
    }
  });

  it.each(["listAppleEnrollmentTokens", "listWindowsEnrollmentTokens"])(
    "%s: limit 0/-1, sort and id filters",
    (operationId) => {
      for (const name of [
        "query limit minimum: rejects -1 (minimum - 1)",
        'query sort pattern: rejects "createdAt:desg"',
        'query mdm-user pattern: rejects "698f3bde457fafa13d08879g"',
        'path organizationId anyOf: rejects "69" (no branch)',
      ]) {
        expect(names).toContain(`${operationId} ${name}`);
      }
    },
  );

  it("the token id in a path: an entity id, nothing else", () => {
    expect(names).toContain(
      'getAppleEnrollmentToken path admEnrollmentTokenId pattern: rejects "698f3bde457fafa13d08879g"',
    );
    expect(names).toContain(
      'updateWindowsEnrollmentToken path winEnrollmentTokenId pattern: rejects "698f3bde457fafa13d08879g"',
    );
    expect(names).toContain('listWindowsEnrollmentTokens query win-policy pattern: rejects "698f3bde457fafa13d08879g"');
  });

  it("Windows update: every field optional, winPolicyId an entity id without the create body's empty string", () => {
    expect(names).toContain(
      'updateWindowsEnrollmentToken body winPolicyId pattern: rejects "698f3bde457fafa13d08879g"',
    );
    expect(
      [...names].filter((n) => n.startsWith("updateWindowsEnrollmentToken body") && n.includes(" required:")),
    ).toEqual([
      "updateWindowsEnrollmentToken body winPolicyAssignments[0].priority required: rejects the field missing",
    ]);
  });
});

describe("each body lists only its own fields: a field of another operation's body is rejected", () => {
  const bodies = ops.flatMap((op): [string, Schema][] => {
    const schema = bodySchemaOf(op);
    return schema ? [[op.operationId, schema]] : [];
  });
  /** [operationId, a top-level field only other bodies have, a valid value of it there, the body's schema]. */
  const foreign = bodies.flatMap(([operationId, schema]) => {
    const own = new Set(Object.keys(schema.properties ?? {}));
    const others = new Map<string, Schema>();
    for (const [otherId, other] of bodies) {
      if (otherId === operationId) continue;
      for (const [key, property] of Object.entries(other.properties ?? {})) {
        if (!own.has(key) && !others.has(key)) others.set(key, property);
      }
    }
    return [...others].map(([key, property]): [string, string, unknown, Schema] => [
      operationId,
      key,
      sampleValue(property),
      schema,
    ]);
  });

  it("every body lacks some field another body has", () => {
    expect(new Set(foreign.map(([operationId]) => operationId))).toEqual(new Set(bodies.map(([id]) => id)));
    // The fields that tell the platforms apart are among them.
    expect(foreign.map(([operationId, key]) => `${operationId} ${key}`)).toEqual(
      expect.arrayContaining([
        "createWindowsEnrollmentToken profiles",
        "createAndroidEnrollmentToken segmentId",
        "createAppleEnrollmentToken managementMode",
        "bulkCreateAppleEnrollmentTokens mdmUserId",
      ]),
    );
  });

  it.each(foreign)("%s rejects %s", (_operationId, key, value, schema) => {
    const body = sampleValue(schema);
    if (!isObject(body)) throw new Error(`the sample body is not an object: ${JSON.stringify(body)}`);
    expect(validator(schema)(body).errors).toEqual([]);
    const { ok, errors } = validator(schema)({ ...body, [key]: value });
    expect(ok).toBe(false);
    expect(errors.map((e) => e.params)).toEqual([{ additionalProperty: key }]);
  });
});

describe("free-form objects take any key", () => {
  const free = ops.flatMap((op) => {
    const schema = bodySchemaOf(op);
    return schema
      ? freeFormPaths(schema).map((path): [string, string, Schema, typeof path] => [
          op.operationId,
          path.join("."),
          schema,
          path,
        ])
      : [];
  });

  it("there are some", () => {
    expect(free.length).toBeGreaterThan(0);
  });

  it.each(free)("%s %s", (_operationId, _field, schema, path) => {
    const body = sampleValue(schema);
    setAt(body, [...path, "anyKey"], { any: ["value"] });
    expect(validator(schema)(body).errors).toEqual([]);
  });
});

describe("what the server takes that the pages do not bound", () => {
  it.each(ops.filter((op) => op.operation.parameters.some((p) => p.name === "page")).map((op) => [op.operationId, op]))(
    "%s: any whole page number (the server reads a page below 1 as 1), nothing else",
    (_, op) => {
      const page = op.operation.parameters.find((p) => p.name === "page");
      const check = validator(page?.schema ?? {});
      for (const value of [1, 0, -3, 2 ** 31]) expect(check(value).ok, String(value)).toBe(true);
      for (const value of [1.5, "2"]) expect(check(value).ok, String(value)).toBe(false);
    },
  );
});
