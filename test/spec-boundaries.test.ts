// Boundary tests for every request constraint of every operation: for each constraint the
// generator (scripts/lib/request-cases.mjs) derives values just inside and just outside it from the
// keyword's meaning; an independent validator (ajv) must agree with every expectation.
import { describe, expect, it } from "vitest";
import { operations } from "../scripts/lib/spec.mjs";
import { requestCases } from "../scripts/lib/request-cases.mjs";
import { validator } from "./helpers/ajv.js";

type Request = { path: Record<string, unknown>; query: Record<string, unknown>; body?: unknown };

const ops = operations();
const counts: Record<string, { constraints: number; valid: number; invalid: number }> = {};

describe.each(ops)("$operationId", (op) => {
  const { constraints, cases } = requestCases(op);
  const params = op.operation.parameters as { name: string; in: string; schema: object }[];
  const bodySchema = op.operation.requestBody?.content["application/json"].schema;
  const validateBody = bodySchema ? validator(bodySchema) : undefined;
  // URL values arrive as strings: validate them as the server reads them.
  const validateParam = Object.fromEntries(params.map((p) => [p.name, validator(p.schema, { coerce: true })]));

  const accepts = (request: Request) => {
    const errors = [];
    if (validateBody) errors.push(...validateBody(request.body).errors);
    for (const [name, value] of [...Object.entries(request.path), ...Object.entries(request.query)]) {
      errors.push(...validateParam[name]!(String(value)).errors.map((e) => ({ ...e, instancePath: name })));
    }
    return errors;
  };

  counts[op.operationId] = {
    constraints: constraints.length,
    valid: cases.filter((c) => c.valid).length,
    invalid: cases.filter((c) => !c.valid).length,
  };

  it("has a case outside every constraint", () => {
    const tested = new Set(cases.filter((c) => !c.valid).map((c) => `${c.location} ${c.field} ${c.keyword}`));
    const untested = constraints.filter((c) => !tested.has(`${c.location} ${c.field} ${c.keyword}`));
    expect(untested).toEqual([]);
    expect(constraints.length).toBeGreaterThanOrEqual(9);
  });

  it.each(cases.filter((c) => c.valid).map((c) => [c.name, c]))("%s", (_name, c) => {
    expect(accepts(c.request)).toEqual([]);
  });

  it.each(cases.filter((c) => !c.valid).map((c) => [c.name, c]))("%s", (_name, c) => {
    const errors = accepts(c.request);
    expect(errors.length).toBeGreaterThan(0);
  });
});

describe("the boundaries the sources state", () => {
  const all = ops.flatMap((op) => requestCases(op).cases);
  const names = new Set(all.map((c) => `${c.operationId} ${c.name}`));
  const bodies = ["createAppleEnrollmentToken", "bulkCreateAppleEnrollmentTokens", "createWindowsEnrollmentToken", "createAndroidEnrollmentToken"];

  it.each(bodies)("%s: lengths 128/129, duration 60/59 and 2592000/2592001", (operationId) => {
    for (const name of [
      "body displayName maxLength: accepts 128 characters",
      "body displayName maxLength: rejects 129 characters",
      "body tags[0] maxLength: accepts 128 characters",
      "body tags[0] maxLength: rejects 129 characters",
      "body duration minimum: accepts 60 (minimum)",
      "body duration minimum: rejects 59 (minimum - 1)",
      "body duration maximum: accepts 2592000 (maximum)",
      "body duration maximum: rejects 2592001 (maximum + 1)",
      'body duration type: rejects "60" (wrong type)',
      'body language enum: accepts member "ru"',
      'body sendEmail required: rejects the field missing',
      'body (body) additionalProperties: rejects an unknown key "unknownKey"',
    ]) {
      expect(names, name).toContain(`${operationId} ${name}`);
    }
  });

  it("Apple: managementFlags 1/4/5 pass and the printed 0 fails; action and actionStatus enums", () => {
    for (const name of [
      "body applications[0].managementFlags enum: accepts member 5",
      "body applications[0].managementFlags enum: rejects outsider 0",
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

  it("list: page 1/0, limit 0/-1, sort and id filters", () => {
    for (const name of [
      "query page minimum: accepts 1 (minimum)",
      "query page minimum: rejects 0 (minimum - 1)",
      "query limit minimum: rejects -1 (minimum - 1)",
      'query sort pattern: rejects "createdAt:desg"',
      'query mdm-user pattern: rejects "698f3bde457fafa13d08879g"',
      'path organizationId anyOf: rejects "69" (no branch)',
    ]) {
      expect(names).toContain(`listAppleEnrollmentTokens ${name}`);
    }
  });

  it("prints the case counts", () => {
    console.log("boundary cases per operation:", JSON.stringify(counts, null, 1));
    const total = Object.values(counts).reduce((n, c) => n + c.valid + c.invalid, 0);
    console.log(`boundary cases in all: ${total}`);
    expect(total).toBeGreaterThan(400);
  });
});

describe("platform bodies list only their own fields", () => {
  const body = (id: string) => ops.find((o) => o.operationId === id)!.operation.requestBody.content["application/json"].schema;
  const cases: [string, string, Record<string, unknown>][] = [
    ["createWindowsEnrollmentToken", "profiles", { mdmUserId: "698efa6ed851667d9c0aec88", sendEmail: true, profiles: [] }],
    ["createAndroidEnrollmentToken", "segmentId", { mdmUserId: "698efa6ed851667d9c0aec88", sendEmail: true, managementMode: "COPE", segmentId: 1 }],
    ["createAppleEnrollmentToken", "managementMode", { mdmUserId: "698efa6ed851667d9c0aec88", sendEmail: true, managementMode: "COPE" }],
    ["bulkCreateAppleEnrollmentTokens", "mdmUserId", { userEmails: ["a@example.com"], sendEmail: true, mdmUserId: "698efa6ed851667d9c0aec88" }],
  ];
  it.each(cases)("%s rejects %s", (operationId, key, value) => {
    const { ok, errors } = validator(body(operationId))(value);
    expect(ok).toBe(false);
    expect(errors.map((e) => e.params)).toEqual([{ additionalProperty: key }]);
  });
});
