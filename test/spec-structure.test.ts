// "Define a thing once": the shared fields, the entity-id pattern, the envelopes and the paging
// fields each live in one schema, and every place that needs them references it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadBundle } from "../scripts/lib/spec.mjs";

const bundle = loadBundle();
const schemas = bundle.components.schemas as Record<string, Record<string, any>>;
const ref = (name: string) => `#/components/schemas/${name}`;

const sharedRequestFields: Record<string, string> = {
  sendEmail: "SendEmail",
  displayName: "DisplayName",
  tags: "Tags",
  duration: "Duration",
  language: "Language",
  emailText: "EmailText",
};
const requestBodies = [
  "AppleEnrollmentTokenCreateRequest",
  "AppleEnrollmentTokenBulkCreateRequest",
  "WindowsEnrollmentTokenCreateRequest",
  "AndroidEnrollmentTokenCreateRequest",
];

describe("shared request fields", () => {
  it.each(requestBodies)("%s references each common field's schema, never a copy", (name) => {
    const properties = schemas[name]!.properties;
    for (const [field, schema] of Object.entries(sharedRequestFields)) {
      expect(properties[field]?.$ref, `${name}.${field}`).toBe(ref(schema));
    }
  });

  it("segmentId is shared by the bodies that have it", () => {
    for (const name of requestBodies.filter((n) => !n.startsWith("Android"))) {
      expect(schemas[name]!.properties.segmentId.$ref).toBe(ref("SegmentId"));
    }
  });

  it("the bulk body is the create body with userEmails in place of mdmUserId", () => {
    const create = structuredClone(schemas.AppleEnrollmentTokenCreateRequest!);
    const bulk = structuredClone(schemas.AppleEnrollmentTokenBulkCreateRequest!);
    expect(bulk.required.sort()).toEqual(["sendEmail", "userEmails"]);
    expect(create.required.sort()).toEqual(["mdmUserId", "sendEmail"]);
    delete create.properties.mdmUserId;
    delete bulk.properties.userEmails;
    expect(bulk.properties).toEqual(create.properties);
    expect(bulk.additionalProperties).toBe(false);
  });
});

describe("one definition each", () => {
  const text = readFileSync(new URL("../generated/openapi.json", import.meta.url), "utf8");

  it("the entity-id pattern is written once, in EntityId", () => {
    expect(text.split(JSON.stringify("^[a-fA-F0-9]{24}$")).length - 1).toBe(1);
    expect(schemas.EntityId!.pattern).toBe("^[a-fA-F0-9]{24}$");
  });

  it("every error response uses the ErrorEnvelope schema", () => {
    const errorSchemas: string[] = [];
    for (const item of Object.values<any>(bundle.paths)) {
      for (const operation of Object.values<any>(item)) {
        for (const [status, response] of Object.entries<any>(operation.responses ?? {})) {
          if (!status.startsWith("4")) continue;
          const resolved = response.$ref ? bundle.components.responses[response.$ref.split("/").pop()] : response;
          errorSchemas.push(resolved.content["application/json"].schema.$ref);
        }
      }
    }
    expect(errorSchemas.length).toBeGreaterThanOrEqual(14);
    expect(new Set(errorSchemas)).toEqual(new Set([ref("ErrorEnvelope")]));
  });

  it("every success response extends SuccessEnvelope", () => {
    for (const name of ["AppleEnrollmentTokenResponse", "BulkCreateResultResponse", "AppleEnrollmentTokenPageResponse", "WindowsEnrollmentTokenResponse", "AndroidEnrollmentTokenResponse"]) {
      expect(schemas[name]!.allOf[0]).toEqual({ $ref: ref("SuccessEnvelope") });
    }
  });

  it("the paging fields live in PaginationMeta only", () => {
    expect(schemas.AppleEnrollmentTokenPage!.allOf[0]).toEqual({ $ref: ref("PaginationMeta") });
    const owners = Object.entries(schemas).filter(([, s]) => JSON.stringify(s).includes('"hasNextPage"'));
    expect(owners.map(([name]) => name)).toEqual(["PaginationMeta"]);
  });

  it("every platform's token extends EnrollmentTokenBase", () => {
    for (const name of ["AppleEnrollmentToken", "WindowsEnrollmentToken", "AndroidEnrollmentToken"]) {
      expect(schemas[name]!.allOf[0]).toEqual({ $ref: ref("EnrollmentTokenBase") });
    }
  });
});
