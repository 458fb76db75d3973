// Every example in the spec validates against its schema (ajv, 2020-12, formats on), and the
// pages' own broken inputs are rejected.
import { describe, expect, it } from "vitest";
import { validator } from "../../scripts/lib/ajv.js";
import type { MediaType, Schema } from "../../scripts/lib/openapi.js";
import { deref, loadBundle, operations } from "../../scripts/lib/spec.js";
import { appleTokenAsPrinted, bulkCodeSampleBody, windowsCodeSampleBody } from "../support/page-inputs.js";

const bundle = loadBundle();
const ops = operations(bundle);

type Example = [label: string, schema: Schema, value: unknown];
type Body = [label: string, media: MediaType | undefined];

/** Every request and response body of every operation: [label, its JSON media type]. */
const media: Body[] = ops.flatMap(({ operationId, operation }) => {
  const request: Body[] = operation.requestBody
    ? [[`${operationId} request`, operation.requestBody.content["application/json"]]]
    : [];
  const responses = Object.entries(operation.responses).map(
    ([status, response]): Body => [`${operationId} ${status}`, response.content?.["application/json"]],
  );
  return [...request, ...responses];
});

/** [label, schema, value] for every media-type example of every request and response. */
const mediaExamples: Example[] = media.flatMap(([where, body]) =>
  Object.entries(body?.examples ?? {}).map(
    ([name, example]): Example => [`${where} ${name}`, body?.schema ?? {}, example.value],
  ),
);

const schemaExamples: Example[] = Object.entries(bundle.components?.schemas ?? {}).flatMap(([name, schema]) =>
  (schema.examples ?? []).map((value, i): Example => [`${name} #${i}`, deref(schema, bundle), value]),
);

const parameterExamples: Example[] = Object.entries(bundle.components?.parameters ?? {})
  .filter(([, parameter]) => "example" in parameter)
  .map(([name, parameter]): Example => [name, deref(parameter.schema ?? {}, bundle), parameter.example]);

describe("examples", () => {
  it("exist for every request and every response of every operation", () => {
    for (const [where, body] of media) {
      expect(body?.schema, where).toBeDefined();
      expect(Object.keys(body?.examples ?? {}).length, where).toBeGreaterThan(0);
    }
    expect(media.length).toBeGreaterThan(0);
    // One example per body at least, and no fewer in all than the 25 the spec had when this was written.
    expect(mediaExamples.length).toBeGreaterThanOrEqual(Math.max(media.length, 25));
  });

  it("exist for schemas and parameters too", () => {
    expect(schemaExamples.length).toBeGreaterThan(0);
    expect(parameterExamples.length).toBeGreaterThan(0);
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
  const bodySchema = (operationId: string): Schema => {
    const schema = ops.find((o) => o.operationId === operationId)?.operation.requestBody?.content["application/json"]
      ?.schema;
    if (!schema) throw new Error(`${operationId} has no JSON body`);
    return schema;
  };
  const tokenSchema = (name: string): Schema => {
    const schema = bundle.components?.schemas?.[name];
    if (!schema) throw new Error(`no schema ${name}`);
    return deref(schema, bundle);
  };

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
    const fixed = {
      ...appleTokenAsPrinted,
      segmentId: 1,
      createdAt: "2026-01-15T10:30:00Z",
      updatedAt: "2026-02-10T14:22:00Z",
    };
    expect(validate(fixed).errors).toEqual([]);
  });

  it('segmentId "1" and ids written as "string"', () => {
    const validate = validator(tokenSchema("AppleEnrollmentToken"));
    const ok = { id: "69a0c1d2e3f4a5b6c7d8e9f0", createdAt: "2026-01-15T10:30:00Z" };
    expect(validate(ok).errors).toEqual([]);
    expect([...new Set(validate({ ...ok, segmentId: "1" }).errors.map((e) => e.instancePath))]).toEqual(["/segmentId"]);
    expect(validate({ ...ok, id: "string" }).errors.map((e) => e.instancePath)).toEqual(["/id"]);
  });
});

describe("a mock's default answers are the happy path", () => {
  // Prism answers a request with the first example of the lowest 2xx response, unless the media type
  // has a single `example` or the schema has top-level `examples` (either becomes a synthetic first
  // example); the other examples stay reachable by name (`Prefer: code=<status>, example=<name>`).
  const first = new Map(
    ops.map(({ operationId, operation }) => {
      const status = Object.keys(operation.responses)
        .filter((code) => /^2\d\d$/.test(code))
        .sort()[0];
      const body = status ? operation.responses[status]?.content?.["application/json"] : undefined;
      const [name, example] = Object.entries(body?.examples ?? {})[0] ?? [];
      const value = example?.value as { status?: unknown; data?: unknown } | undefined;
      return [operationId, { status, body, name, value }];
    }),
  );
  const data = (operationId: string) => first.get(operationId)?.value?.data as Record<string, unknown>;

  it("every operation's default is a 200 success envelope, its first named example", () => {
    for (const [operationId, answer] of first) {
      expect(answer.body?.example, `${operationId}: a media-type example would be answered first`).toBeUndefined();
      expect(answer.body?.schema?.examples, `${operationId}: schema examples would be answered first`).toBeUndefined();
      expect(answer.status, operationId).toBe("200");
      expect(answer.value?.status, operationId).toBe(true);
    }
  });

  it("bulk: every requested token created (the partial failure stays reachable as partialFailure)", () => {
    const result = data("bulkCreateAppleEnrollmentTokens");
    expect(first.get("bulkCreateAppleEnrollmentTokens")?.name).toBe("allCreated");
    expect(result.fail).toBe(0);
    expect(result.success).toBe(result.total);
    const request = ops.find((o) => o.operationId === "bulkCreateAppleEnrollmentTokens")?.operation.requestBody
      ?.content["application/json"]?.examples;
    const emails = (Object.values(request ?? {})[0]?.value as { userEmails?: unknown[] } | undefined)?.userEmails;
    expect(result.total).toBe(emails?.length);
    const responses = ops.find((o) => o.operationId === "bulkCreateAppleEnrollmentTokens")?.operation.responses;
    expect(Object.keys(responses?.["200"]?.content?.["application/json"]?.examples ?? {})).toContain("partialFailure");
  });

  it("list: a self-consistent last page (the page 2 of 3 stays reachable as secondPage)", () => {
    const page = data("listAppleEnrollmentTokens");
    const items = page.items as unknown[];
    expect(first.get("listAppleEnrollmentTokens")?.name).toBe("lastPage");
    expect(page).toMatchObject({
      page: 1,
      totalPages: 1,
      hasPrevPage: false,
      hasNextPage: false,
      prevPage: null,
      nextPage: null,
    });
    expect(page.totalDocs).toBe(items.length);
    expect(items.length).toBeLessThanOrEqual(page.limit as number);
    const responses = ops.find((o) => o.operationId === "listAppleEnrollmentTokens")?.operation.responses;
    expect(Object.keys(responses?.["200"]?.content?.["application/json"]?.examples ?? {})).toContain("secondPage");
  });

  it("create: a token", () => {
    for (const operationId of [
      "createAppleEnrollmentToken",
      "createWindowsEnrollmentToken",
      "createAndroidEnrollmentToken",
    ]) {
      expect(data(operationId).id, operationId).toEqual(expect.any(String));
    }
  });

  it("every example of a page answer is self-consistent", () => {
    const list = ops.find((o) => o.operationId === "listAppleEnrollmentTokens")?.operation.responses["200"];
    for (const [name, example] of Object.entries(list?.content?.["application/json"]?.examples ?? {})) {
      const page = (example.value as { data: Record<string, number | boolean | null | unknown[]> }).data;
      const items = page.items as unknown[];
      const [n, limit, total, pages] = [page.page, page.limit, page.totalDocs, page.totalPages] as number[];
      expect(pages, name).toBe(Math.max(1, Math.ceil((total ?? 0) / (limit ?? 1))));
      expect(page.hasNextPage, name).toBe((n ?? 0) < (pages ?? 0));
      expect(page.nextPage, name).toBe((n ?? 0) < (pages ?? 0) ? (n ?? 0) + 1 : null);
      expect(page.hasPrevPage, name).toBe((n ?? 0) > 1);
      expect(page.prevPage, name).toBe((n ?? 0) > 1 ? (n ?? 0) - 1 : null);
      expect(items.length, name).toBe(Math.min(limit ?? 0, (total ?? 0) - ((n ?? 1) - 1) * (limit ?? 0)));
    }
  });
});
