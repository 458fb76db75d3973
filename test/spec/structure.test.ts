// "Define a thing once": the shared fields, the entity-id pattern, the envelopes and the paging
// fields each live in one schema, and every place that needs them references it. The bodies and
// responses checked are the ones the operations reference, found in the bundle.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadSources } from "../../scripts/lib/drift/sources.js";
import { isObject, JSON_BODY_SCHEMA } from "../../scripts/lib/json.js";
import type { Schema } from "../../scripts/lib/openapi.js";
import { followRef, loadBundle, operations, repoPath, resolvePointer } from "../../scripts/lib/spec.js";

const bundle = loadBundle();
const schemas = bundle.components?.schemas ?? {};
const ref = (name: string) => `#/components/schemas/${name}`;
const REF = /^#\/components\/schemas\/([^/]+)$/;

/** A schema of the bundle by name; a missing one fails the test that asks. */
function schema(name: string): Schema {
  const found = schemas[name];
  if (!found) throw new Error(`no schema ${name} in the bundle`);
  return found;
}

/** The name of the component a schema object only references. */
function referenced(node: unknown, where: string): string {
  const name = isObject(node) && typeof node.$ref === "string" ? REF.exec(node.$ref)?.[1] : undefined;
  if (!name) throw new Error(`${where}: not a reference to a named schema: ${JSON.stringify(node)}`);
  return name;
}

/** Every operation of the bundle as written, before its references are followed. */
const rawOperations = operations(bundle).map(({ operationId, method, path }) => {
  const operation = bundle.paths[path]?.[method];
  if (!operation) throw new Error(`${operationId}: not in the bundle's paths`);
  return { operationId, operation };
});

/** The request body schemas of the operations that take a body: [operationId, its schema as written]. */
const rawBodies = rawOperations.flatMap(({ operationId, operation }): [string, unknown][] =>
  operation.requestBody ? [[operationId, resolvePointer(operation, JSON_BODY_SCHEMA)]] : [],
);
/** The same, by the name of the schema each references (the test below checks each is one). */
const requestBodies = rawBodies.flatMap(([operationId, node]): [string, string][] => {
  const name = isObject(node) && typeof node.$ref === "string" ? REF.exec(node.$ref)?.[1] : undefined;
  return name ? [[operationId, name]] : [];
});

const sharedRequestFields: Record<string, string> = {
  sendEmail: "SendEmail",
  displayName: "DisplayName",
  tags: "Tags",
  duration: "Duration",
  language: "Language",
  emailText: "EmailText",
};
/** The AOSP bodies' own schemas for three of those fields: their page prints other bounds (see the ledger). */
const aospRequestFields: Record<string, string> = {
  displayName: "AospDisplayName",
  tags: "AospTags",
  duration: "AospDuration",
};

describe("shared request fields", () => {
  it("every operation with a body references a named request schema", () => {
    expect(rawBodies.length).toBeGreaterThan(0);
    for (const [operationId, node] of rawBodies)
      expect(schema(referenced(node, operationId)), operationId).toBeTruthy();
  });

  it.each(requestBodies)("%s: %s references each common field's schema it has, never a copy", (_operationId, name) => {
    const properties = schema(name).properties ?? {};
    const fields = name.startsWith("Aosp") ? { ...sharedRequestFields, ...aospRequestFields } : sharedRequestFields;
    const common = Object.entries(fields).filter(([field]) => field in properties);
    expect(common.length, name).toBeGreaterThan(0);
    for (const [field, shared] of common) expect(properties[field]?.$ref, `${name}.${field}`).toBe(ref(shared));
  });

  it("segmentId is shared by the bodies that have it, among them every body whose page's dump has it", () => {
    const sources = loadSources();
    const printed = (operationId: string) => {
      const dump = sources[operationId]?.requestBody?.joi;
      return isObject(dump) && isObject(dump.children) && "segmentId" in dump.children;
    };
    const withSegment = requestBodies.filter(([, name]) => schema(name).properties?.segmentId !== undefined);
    const dumped = ([id]: [string, string]) => sources[id]?.requestBody !== undefined;
    expect(withSegment.filter(dumped).map(([id]) => id)).toEqual(
      requestBodies
        .filter(dumped)
        .map(([id]) => id)
        .filter(printed),
    );
    expect(withSegment.length).toBeGreaterThan(0);
    for (const [, name] of withSegment) expect(schema(name).properties?.segmentId?.$ref, name).toBe(ref("SegmentId"));
  });

  it.each(["Apple", "Windows"])(
    "the %s bulk body is its create body with userEmails in place of mdmUserId",
    (platform) => {
      const create = structuredClone(schema(`${platform}EnrollmentTokenCreateRequest`));
      const bulk = structuredClone(schema(`${platform}EnrollmentTokenBulkCreateRequest`));
      expect([...(bulk.required ?? [])].sort()).toEqual(["sendEmail", "userEmails"]);
      expect([...(create.required ?? [])].sort()).toEqual(["mdmUserId", "sendEmail"]);
      expect(create.properties?.mdmUserId).toBeDefined();
      expect(bulk.properties?.userEmails?.$ref).toBe(ref("UserEmails"));
      delete create.properties?.mdmUserId;
      delete bulk.properties?.userEmails;
      expect(bulk.properties).toEqual(create.properties);
      expect(bulk.additionalProperties).toBe(false);
    },
  );
});

describe("one definition each", () => {
  const text = readFileSync(repoPath("generated/openapi.json"), "utf8");

  it("the entity-id pattern is written once, in EntityId", () => {
    expect(text.split(JSON.stringify("^[a-fA-F0-9]{24}$")).length - 1).toBe(1);
    expect(schema("EntityId").pattern).toBe("^[a-fA-F0-9]{24}$");
  });

  it("every error response uses the ErrorEnvelope schema", () => {
    const errorSchemas: string[] = [];
    for (const { operationId, operation } of rawOperations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!status.startsWith("4")) continue;
        const resolved = response.$ref ? followRef(bundle, response.$ref) : response;
        const schemaRef = resolvePointer(resolved, "/content/application~1json/schema/$ref");
        errorSchemas.push(typeof schemaRef === "string" ? schemaRef : `${operationId} ${status}: no $ref`);
      }
    }
    // At least 401 and 404 of every operation, and 400 of every one with a body.
    expect(errorSchemas.length).toBeGreaterThanOrEqual(2 * rawOperations.length + requestBodies.length);
    expect(new Set(errorSchemas)).toEqual(new Set([ref("ErrorEnvelope")]));
  });

  it("every success response extends SuccessEnvelope", () => {
    const successes = rawOperations.map(({ operationId, operation }) =>
      referenced(operation.responses["200"]?.content?.["application/json"]?.schema, `${operationId} 200`),
    );
    expect(successes.length).toBeGreaterThan(0);
    for (const name of successes) expect(schema(name).allOf?.[0], name).toEqual({ $ref: ref("SuccessEnvelope") });
  });

  it("the paging fields live in PaginationMeta only", () => {
    for (const page of ["AppleEnrollmentTokenPage", "WindowsEnrollmentTokenPage"]) {
      expect(schema(page).allOf?.[0], page).toEqual({ $ref: ref("PaginationMeta") });
    }
    const owners = Object.entries(schemas).filter(([, s]) => JSON.stringify(s).includes('"hasNextPage"'));
    expect(owners.map(([name]) => name)).toEqual(["PaginationMeta"]);
  });

  it("every platform's token (<tag>EnrollmentToken) extends EnrollmentTokenBase, but AOSP's", () => {
    const platforms = (bundle.tags ?? []).map((tag) => tag.name);
    expect(platforms.length).toBeGreaterThan(0);
    for (const platform of platforms.filter((name) => name !== "AOSP")) {
      expect(schema(`${platform}EnrollmentToken`).allOf?.[0], platform).toEqual({ $ref: ref("EnrollmentTokenBase") });
    }
    // The AOSP token stands alone: its displayName allows 256 characters where the base allows 128.
    expect(schema("AospEnrollmentToken").allOf).toBeUndefined();
    expect(schema("AospEnrollmentToken").properties?.displayName?.$ref).toBe(ref("AospDisplayName"));
  });
});
