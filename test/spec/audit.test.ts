// The audit's findings on the spec (issue: "the spec, round 2"), one block each: what the spec now
// accepts or refuses, checked with ajv, and the ledger entry that records the decision with its
// evidence (and, where the evidence is indirect, how sure it makes us).
import { describe, expect, it } from "vitest";
import { validator } from "../../scripts/lib/ajv.js";
import { JSON_BODY_SCHEMA } from "../../scripts/lib/json.js";
import { type LedgerEntry, loadLedger } from "../../scripts/lib/ledger.js";
import type { Schema } from "../../scripts/lib/openapi.js";
import { deref, loadBundle, operations, resolvePointer } from "../../scripts/lib/spec.js";

const bundle = loadBundle();
const ledger = loadLedger();
const ops = operations(bundle);

function entry(id: string): LedgerEntry {
  const found = ledger.entries.find((e) => e.id === id);
  if (!found) throw new Error(`no ledger entry ${id}`);
  return found;
}

function named(name: string): Schema {
  const schema = bundle.components?.schemas?.[name];
  if (!schema) throw new Error(`no schema ${name}`);
  return deref(schema, bundle);
}

function body(operationId: string): Schema {
  const op = ops.find((o) => o.operationId === operationId);
  const schema = resolvePointer(op?.operation, JSON_BODY_SCHEMA);
  if (!schema) throw new Error(`${operationId} has no body`);
  return schema as Schema;
}

/** Whether the schema accepts the value (ajv, 2020-12, formats on). */
const accepts = (schema: Schema, value: unknown) => validator(schema)(value).ok;

const MDM_USER = "698f3bde457fafa13d088791";
const POLICY = "6990a1b2c3d4e5f6a7b8c9d1";
const withApplication = (application: object) => ({
  mdmUserId: MDM_USER,
  sendEmail: false,
  applications: [{ admApplication: POLICY, ...application }],
});

describe("1. managementFlags: the printed 0 is accepted, with 1, 4 and 5", () => {
  it.each(["createAppleEnrollmentToken", "bulkCreateAppleEnrollmentTokens"])("%s", (operationId) => {
    const schema = body(operationId);
    const request = (managementFlags: number) => {
      const { mdmUserId, ...rest } = withApplication({ managementFlags });
      return operationId.startsWith("bulk") ? { ...rest, userEmails: ["a@example.com"] } : { mdmUserId, ...rest };
    };
    for (const flags of [0, 1, 4, 5]) expect(accepts(schema, request(flags)), String(flags)).toBe(true);
    for (const flags of [2, 3, 6, -1]) expect(accepts(schema, request(flags)), String(flags)).toBe(false);
  });

  it("the ledger says why, and how sure", () => {
    const e = entry("management-flags-enum");
    expect(e.spec_says).toContain("[0, 1, 4, 5]");
    expect(e.confidence).toBe("medium");
    expect(e.cites).toContain("spec/sources/evidence.md#first-valids");
  });
});

describe("2. assignment priority and required fields, per platform", () => {
  const android = body("createAndroidEnrollmentToken");
  const windows = body("createWindowsEnrollmentToken");
  const apple = body("createAppleEnrollmentToken");
  const base = { mdmUserId: MDM_USER, sendEmail: false };

  it("Android: emmPolicyId and priority required, priority 0..10000 (the current Android page)", () => {
    const request = (assignment: object) => ({
      ...base,
      managementMode: "DEVICE_OWNER",
      emmPolicyAssignments: [assignment],
    });
    expect(accepts(android, request({ emmPolicyId: POLICY, priority: 0 }))).toBe(true);
    expect(accepts(android, request({ emmPolicyId: POLICY, priority: 10000 }))).toBe(true);
    expect(accepts(android, request({ emmPolicyId: POLICY, priority: 10001 }))).toBe(false);
    expect(accepts(android, request({ emmPolicyId: POLICY, priority: -1 }))).toBe(false);
    expect(accepts(android, request({ priority: 1 }))).toBe(false);
    expect(entry("android-assignment-fields").cites).toContain(
      "https://docs.applivery.com/en/api/android/enrollmenttokens/post-organizations-organizationid-mdm-android-enterprise-enrollment-tokens",
    );
  });

  it("Windows: priority required, 0..10000 (the Windows update page); winPolicyId optional", () => {
    const request = (assignment: object) => ({ ...base, winPolicyAssignments: [assignment] });
    expect(accepts(windows, request({ priority: 10000 }))).toBe(true);
    expect(accepts(windows, request({ winPolicyId: POLICY, priority: 0 }))).toBe(true);
    expect(accepts(windows, request({ winPolicyId: POLICY, priority: 10001 }))).toBe(false);
    expect(accepts(windows, request({ winPolicyId: POLICY, priority: -1 }))).toBe(false);
    expect(accepts(windows, request({ winPolicyId: POLICY }))).toBe(false);
    expect(entry("windows-assignment-priority").confidence).toBe("medium");
  });

  it("Apple: no page prints bounds, so Joi's default safe-integer range; admPolicyId optional", () => {
    const request = (assignment: object) => ({ ...base, admPolicyAssignments: [assignment] });
    expect(accepts(apple, request({ priority: 20000 }))).toBe(true);
    expect(accepts(apple, request({ priority: -5, admPolicyId: POLICY }))).toBe(true);
    expect(accepts(apple, request({ priority: Number.MAX_SAFE_INTEGER + 1 }))).toBe(false);
    expect(accepts(apple, request({ admPolicyId: POLICY }))).toBe(false);
    expect(entry("apple-assignment-priority").confidence).toBe("low");
  });

  it("the shared priority schemas say where their bounds come from", () => {
    expect(named("AssignmentPriority").description).not.toContain("documents no narrower bounds");
    expect(named("AssignmentPriority").description).toContain("No page prints bounds for the Apple priority");
    expect(named("BoundedAssignmentPriority")).toMatchObject({ type: "integer", minimum: 0, maximum: 10000 });
  });
});

describe("3. userEmails: no format, so no address the server takes is refused", () => {
  const schema = body("bulkCreateAppleEnrollmentTokens");
  const request = (address: string) => ({ userEmails: [address], sendEmail: false });

  it("has no format on its items", () => {
    expect(resolvePointer(schema, "/properties/userEmails/items")).toEqual({ type: "string" });
  });

  it.each(["ana.garcia@example.com", "josé@example.com", "用户@例子.广告", "not-an-address"])(
    "accepts %s (the server counts an address it cannot use in `fail`)",
    (address) => {
      expect(accepts(schema, request(address))).toBe(true);
    },
  );

  it("the response's mdmUser.email has no format either", () => {
    expect(accepts(named("MdmUserRef"), { id: MDM_USER, email: "josé@example.com" })).toBe(true);
    expect(entry("user-emails").cites).toContain("spec/sources/evidence.md#bulk-failures");
  });
});

describe("4. Apple application action: the known values in requests, any string in responses", () => {
  const THIRD = "requiredDuringSetup";

  it("a request asks only for forceInstall or available", () => {
    const schema = body("createAppleEnrollmentToken");
    expect(accepts(schema, withApplication({ action: "available" }))).toBe(true);
    expect(accepts(schema, withApplication({ action: THIRD }))).toBe(false);
  });

  it("a response carrying a value no page names still validates", () => {
    const token = { id: MDM_USER, applications: [{ admApplication: POLICY, action: THIRD, actionStatus: THIRD }] };
    expect(validator(named("AppleEnrollmentToken"))(token).errors).toEqual([]);
    expect(entry("application-action-enum").spec_says).toContain("In responses");
  });
});

describe("5. lean: kept as an optional field of the list response (test/spec/responses.test.ts checks the answers)", () => {
  it("is an optional boolean of a page, recorded as printed", () => {
    const page = named("AppleEnrollmentTokenPage");
    expect(resolvePointer(page, "/properties/lean")).toMatchObject({ type: "boolean" });
    expect(page.allOf?.flatMap((branch) => branch.required ?? [])).not.toContain("lean");
    expect(entry("list-lean-printed").spec_says).toContain("optional");
  });
});

describe("6. enrollmentLink and qrcodeUrl: the printed lengths, no uri format", () => {
  it("a link that is not an absolute URI validates, a link over the printed length does not", () => {
    const apple = named("AppleEnrollmentToken");
    expect(accepts(apple, { id: MDM_USER, enrollmentLink: "/enroll/apple/ABC123" })).toBe(true);
    expect(accepts(apple, { id: MDM_USER, enrollmentLink: `https://e.example/${"x".repeat(500)}` })).toBe(false);
    const android = named("AndroidEnrollmentToken");
    expect(accepts(android, { id: MDM_USER, qrcodeUrl: "qr/abc", enrollmentLink: "enroll/abc" })).toBe(true);
    expect(accepts(android, { id: MDM_USER, enrollmentLink: "x".repeat(257) })).toBe(false);
  });
});

describe("7. unset references are nullable in responses (test/spec/responses.test.ts checks the answers)", () => {
  it.each([
    ["AppleEnrollmentToken", ["admDevice", "admPolicy", "admVppLocation", "mdmUser", "segmentId"]],
    ["WindowsEnrollmentToken", ["winDeviceId", "winPolicyId", "mdmUser", "segmentId"]],
    ["AndroidEnrollmentToken", ["emmDevice", "mdmUser"]],
  ])("%s: %s", (name, fields) => {
    const schema = named(name);
    for (const field of fields) {
      const token = { id: MDM_USER, [field]: null };
      expect(validator(schema)(token).errors, field).toEqual([]);
    }
    expect(entry("unset-references-null").confidence).toBe("medium");
  });
});

describe("8. permissions: printed on the pages, not assumed", () => {
  it.each([
    ["windows-permission", "https://docs.applivery.com/en/api/windows/windows-enrollment-tokens/"],
    ["android-permission", "https://docs.applivery.com/en/api/android/enrollmenttokens/"],
  ])("%s cites the page that prints it", (id, prefix) => {
    const e = entry(id);
    expect(e.kind).not.toBe("assumption");
    expect(e.cites.some((cite) => cite.startsWith(prefix))).toBe(true);
  });
});

describe("9. the other decisions state how sure the evidence makes us", () => {
  it.each([
    ["mdm-user-id-top-level-field", "medium"],
    ["bodies-closed", "medium"],
    ["valids-empty-string", "low"],
    ["certificate-format-enum", "low"],
    ["management-flags-on-create", "medium"],
  ])("%s: %s", (id, confidence) => {
    expect(entry(id).confidence).toBe(confidence);
  });

  it('valids "" may hide .allow("", null): the spec accepts "" and refuses null', () => {
    const schema = body("createAppleEnrollmentToken");
    for (const field of ["displayName", "emailText"]) {
      expect(accepts(schema, { mdmUserId: MDM_USER, sendEmail: false, [field]: "" }), field).toBe(true);
      expect(accepts(schema, { mdmUserId: MDM_USER, sendEmail: false, [field]: null }), field).toBe(false);
    }
  });

  it("managementFlags is accepted on create, where the older dump lacks it", () => {
    expect(accepts(body("createAppleEnrollmentToken"), withApplication({ managementFlags: 5 }))).toBe(true);
  });
});
