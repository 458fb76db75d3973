// The package's client against the Prism mock, with the calls written as a user writes them
// (literal paths, typed bodies): each of the five operations answers its documented example, and
// the error envelope of a refused call reaches the caller as an AppliveryApiError.
import { describe, expect, it } from "vitest";
import { AppliveryApiError, ErrorCode, unwrap, unwrapBulk, AppliveryBulkError } from "../../src/index.js";
import { clientFor, ops, responseContent } from "./lib.js";

const example = (operationId: string, status = "200") => {
  const op = ops.find((o) => o.operationId === operationId)!;
  return Object.values(responseContent(op, status).examples!)[0]!.value as { data: unknown };
};
const params = { path: { organizationId: "acme-corp" } };
const mdmUserId = "698f3bde457fafa13d088791";

describe("the client against the mock", () => {
  it("lists Apple tokens", async () => {
    const page = unwrap(
      await clientFor().GET("/organizations/{organizationId}/mdm/apple/enterprise/enrollment-tokens", {
        params: { ...params, query: { page: 2, limit: 1, sort: "createdAt:desc", "show-deleted": false } },
      }),
    );
    expect(page).toEqual(example("listAppleEnrollmentTokens").data);
  });

  it("creates an Apple token", async () => {
    const token = unwrap(
      await clientFor().POST("/organizations/{organizationId}/mdm/apple/enterprise/enrollment-tokens", {
        params,
        body: { mdmUserId, sendEmail: false, duration: 3600, applications: [{ admApplication: mdmUserId, managementFlags: 5 }] },
      }),
    );
    expect(token).toEqual(example("createAppleEnrollmentToken").data);
  });

  it("creates Apple tokens in bulk, and unwrapBulk reports the documented partial failure", async () => {
    const result = await clientFor().POST("/organizations/{organizationId}/mdm/apple/enterprise/enrollment-tokens/bulk", {
      params,
      body: { userEmails: ["ana.garcia@example.com"], sendEmail: false },
    });
    expect(unwrap(result)).toEqual(example("bulkCreateAppleEnrollmentTokens").data);
    expect(() => unwrapBulk(result)).toThrow(AppliveryBulkError);
  });

  it("creates a Windows token", async () => {
    const token = unwrap(
      await clientFor().POST("/organizations/{organizationId}/mdm/windows/enterprise/enrollment-tokens", {
        params,
        body: { mdmUserId, sendEmail: false, winPolicyAssignments: [{ priority: 1 }] },
      }),
    );
    expect(token).toEqual(example("createWindowsEnrollmentToken").data);
  });

  it("creates an Android token", async () => {
    const token = unwrap(
      await clientFor().POST("/organizations/{organizationId}/mdm/android/enterprise/enrollment-tokens", {
        params,
        body: { mdmUserId, sendEmail: false, managementMode: "COPE" },
      }),
    );
    expect(token).toEqual(example("createAndroidEnrollmentToken").data);
  });

  it("a refused call throws the API's error code from unwrap", async () => {
    const result = await clientFor().POST("/organizations/{organizationId}/mdm/android/enterprise/enrollment-tokens", {
      params,
      body: { mdmUserId, sendEmail: false, managementMode: "COPE" },
      headers: { Prefer: "code=400, example=limitExceeded" },
    });
    expect(result.response.status).toBe(400);
    expect(() => unwrap(result)).toThrow(AppliveryApiError);
    expect(() => unwrap(result)).toThrow(expect.objectContaining({ code: ErrorCode.LimitExceeded, operation: "createAndroidEnrollmentToken" }));
  });
});
