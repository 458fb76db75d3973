// The five operations exist with the documented methods, paths, operationIds, permissions and auth.
import { describe, expect, it } from "vitest";
import { loadBundle, operations } from "../scripts/lib/spec.mjs";

const bundle = loadBundle();
const ops = operations(bundle);
const base = "/organizations/{organizationId}/mdm";

const expected = [
  { operationId: "createAppleEnrollmentToken", method: "post", path: `${base}/apple/enterprise/enrollment-tokens`, permission: "mdm.apple.enrollmentToken.create", tag: "Apple" },
  { operationId: "bulkCreateAppleEnrollmentTokens", method: "post", path: `${base}/apple/enterprise/enrollment-tokens/bulk`, permission: "mdm.apple.enrollmentToken.create", tag: "Apple" },
  { operationId: "listAppleEnrollmentTokens", method: "get", path: `${base}/apple/enterprise/enrollment-tokens`, permission: "mdm.apple.enrollmentToken.list", tag: "Apple" },
  { operationId: "createWindowsEnrollmentToken", method: "post", path: `${base}/windows/enterprise/enrollment-tokens`, permission: "mdm.windows.enrollmentToken.create", tag: "Windows" },
  { operationId: "createAndroidEnrollmentToken", method: "post", path: `${base}/android/enterprise/enrollment-tokens`, permission: "mdm.android.enrollmentToken.create", tag: "Android" },
];

describe("operations", () => {
  it("are exactly the five documented ones", () => {
    expect(ops.map((o) => o.operationId).sort()).toEqual(expected.map((e) => e.operationId).sort());
  });

  it("are served from https://api.applivery.io/v1 with bearer auth", () => {
    expect(bundle.servers.map((s: { url: string }) => s.url)).toEqual(["https://api.applivery.io/v1"]);
    expect(bundle.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  });

  describe.each(expected)("$operationId", (want) => {
    const op = ops.find((o) => o.operationId === want.operationId)!;

    it("has its method and path", () => {
      expect(op).toBeDefined();
      expect(op.method).toBe(want.method);
      expect(op.path).toBe(want.path);
    });

    it("requires bearer auth with its permission, machine-readable and in its description", () => {
      expect(op.operation.security).toEqual([{ bearerAuth: [want.permission] }]);
      expect(op.operation.description).toContain(`**Required permission:** \`${want.permission}\``);
    });

    it("is tagged with its platform", () => {
      expect(op.operation.tags).toEqual([want.tag]);
    });

    it("takes the organization as a required path parameter", () => {
      const param = op.operation.parameters.find((p: { name: string }) => p.name === "organizationId");
      expect(param).toMatchObject({ in: "path", required: true });
    });

    it("declares 200, 401 and 404, every error with the shared envelope", () => {
      const statuses = Object.keys(op.operation.responses);
      expect(statuses).toEqual(expect.arrayContaining(["200", "401", "404"]));
      for (const status of statuses.filter((s) => s.startsWith("4"))) {
        expect(op.operation.responses[status].content["application/json"].schema.title).toBe("ErrorEnvelope");
      }
    });

    it(want.method === "post" ? "requires a JSON body and declares 400" : "has no body", () => {
      if (want.method === "post") {
        expect(op.operation.requestBody.required).toBe(true);
        expect(Object.keys(op.operation.requestBody.content)).toEqual(["application/json"]);
        expect(op.operation.responses["400"]).toBeDefined();
      } else {
        expect(op.operation.requestBody).toBeUndefined();
      }
    });
  });

  it("list takes exactly the documented query parameters", () => {
    const list = ops.find((o) => o.operationId === "listAppleEnrollmentTokens")!;
    const query = list.operation.parameters.filter((p: { in: string }) => p.in === "query").map((p: { name: string }) => p.name);
    expect(query).toEqual(["page", "limit", "sort", "mdm-user", "adm-policy", "show-deleted"]);
  });
});
