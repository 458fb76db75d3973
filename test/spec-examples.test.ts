// Every example in the spec validates against its schema (ajv, 2020-12, formats on), and the
// pages' own broken inputs are rejected.
import { describe, expect, it } from "vitest";
import { deref, loadBundle, operations } from "../scripts/lib/spec.mjs";
import { validator } from "./helpers/ajv.js";
import { appleTokenAsPrinted, bulkCodeSampleBody, windowsCodeSampleBody } from "./fixtures/page-inputs.js";

const bundle = loadBundle();
const ops = operations(bundle);

type Media = { schema: object; examples?: Record<string, { value: unknown }> };

/** [label, schema, value] for every media-type example of every request and response. */
const mediaExamples: [string, object, unknown][] = [];
for (const { operationId, operation } of ops) {
  const media: [string, Media][] = [];
  if (operation.requestBody) media.push(["request", operation.requestBody.content["application/json"]]);
  for (const [status, response] of Object.entries<{ content: Record<string, Media> }>(operation.responses)) {
    media.push([status, response.content["application/json"]!]);
  }
  for (const [where, { schema, examples }] of media) {
    for (const [name, example] of Object.entries(examples ?? {})) {
      mediaExamples.push([`${operationId} ${where} ${name}`, schema, example.value]);
    }
  }
}

const schemaExamples: [string, object, unknown][] = Object.entries<Record<string, unknown>>(bundle.components.schemas).flatMap(
  ([name, schema]) => ((schema.examples as unknown[] | undefined) ?? []).map((value, i): [string, object, unknown] => [`${name} #${i}`, deref(schema, bundle), value]),
);

const parameterExamples: [string, object, unknown][] = Object.entries<{ schema: object; example?: unknown }>(bundle.components.parameters)
  .filter(([, p]) => "example" in p)
  .map(([name, p]) => [name, deref(p.schema, bundle), p.example]);

describe("examples", () => {
  it("exist for every request and every response of every operation", () => {
    for (const { operationId, operation } of ops) {
      const bodies = [operation.requestBody, ...Object.values(operation.responses)].filter(Boolean);
      for (const body of bodies) {
        const examples = (body as { content: Record<string, Media> }).content["application/json"]?.examples;
        expect(Object.keys(examples ?? {}).length, `${operationId}: ${JSON.stringify(body).slice(0, 80)}`).toBeGreaterThan(0);
      }
    }
    expect(mediaExamples.length).toBeGreaterThanOrEqual(25);
  });

  it.each(mediaExamples)("%s validates", (_label, schema, value) => {
    const { ok, errors } = validator(schema)(value);
    expect(errors).toEqual([]);
    expect(ok).toBe(true);
  });

  it.each(schemaExamples)("schema example %s validates", (_label, schema, value) => {
    expect(validator(schema)(value).errors).toEqual([]);
  });

  it.each(parameterExamples)("parameter example %s validates", (_label, schema, value) => {
    expect(validator(schema)(value).errors).toEqual([]);
  });

  it('contain no "string" placeholders and no date-times with a space', () => {
    const text = JSON.stringify(mediaExamples.map(([, , value]) => value));
    expect(text).not.toMatch(/:"string"/);
    expect(text).not.toMatch(/T\d\d: \d/);
  });
});

describe("the pages' own broken inputs are rejected", () => {
  const bodySchema = (operationId: string) =>
    ops.find((o) => o.operationId === operationId)!.operation.requestBody.content["application/json"].schema;
  const tokenSchema = (name: string) => deref(bundle.components.schemas[name], bundle);

  it("the bulk page's code-sample body (the Joi dump skeleton)", () => {
    const { ok, errors } = validator(bodySchema("bulkCreateAppleEnrollmentTokens"))(bulkCodeSampleBody);
    expect(ok).toBe(false);
    const problems = errors.map((e) => `${e.keyword}:${JSON.stringify(e.params)}`).join(" ");
    expect(problems).toContain('"additionalProperty":"type"');
    expect(problems).toContain('"additionalProperty":"children"');
    expect(problems).toContain('"missingProperty":"sendEmail"');
  });

  it("the Windows page's code-sample body", () => {
    const { ok, errors } = validator(bodySchema("createWindowsEnrollmentToken"))(windowsCodeSampleBody);
    expect(ok).toBe(false);
    expect(errors.map((e) => e.params)).toContainEqual({ missingProperty: "sendEmail" });
  });

  it("a date-time with the pages' stray space", () => {
    const validate = validator(tokenSchema("AppleEnrollmentToken"));
    const { ok, errors } = validate({ ...appleTokenAsPrinted, segmentId: 1 });
    expect(ok).toBe(false);
    expect(errors.map((e) => e.instancePath).sort()).toEqual(["/createdAt", "/updatedAt"]);
    // The same token with the space removed is valid: the space is the only fault.
    const fixed = { ...appleTokenAsPrinted, segmentId: 1, createdAt: "2026-01-15T10:30:00Z", updatedAt: "2026-02-10T14:22:00Z" };
    expect(validate(fixed).errors).toEqual([]);
  });

  it('segmentId "1" and ids written as "string"', () => {
    const validate = validator(tokenSchema("AppleEnrollmentToken"));
    const ok = { createdAt: "2026-01-15T10:30:00Z" };
    expect(validate({ ...ok, segmentId: "1" }).errors.map((e) => e.instancePath)).toEqual(["/segmentId"]);
    expect(validate({ ...ok, id: "string" }).errors.map((e) => e.instancePath)).toEqual(["/id"]);
  });
});
