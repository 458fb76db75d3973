// The source-drift check: the pages as printed (spec/sources/), converted, against the bundled spec,
// with every difference explained by the ledger. It passes on the committed files, and each
// mutation below — of a copy of the spec, of a page, or of the ledger — makes it fail naming the
// field (or the ledger entry) concerned. Nothing here touches the real files.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { report } from "../scripts/check-drift.mjs";
import { checkDrift, loadSources } from "../scripts/lib/drift.mjs";
import { ROOT, loadBundle, loadYaml } from "../scripts/lib/spec.mjs";
import { renderLedger } from "../scripts/render-ledger.mjs";

type Any = any; // the documents are plain JSON/YAML data
const bundle: Any = loadBundle();
const sources: Any = loadSources();
const ledger: Any = loadYaml("spec/ledger.yaml");
const BODY = "/requestBody/content/application~1json/schema";
const FAILURE = /^(ERROR|UNEXPLAINED|STALE|NOT NONE|IDLE) /;

/** Runs the check on copies of the documents, each first changed by its mutator. */
function check(mutate: { spec?: (b: Any) => void; pages?: (s: Any) => void; ledger?: (l: Any) => void } = {}) {
  const b = structuredClone(bundle);
  const s = structuredClone(sources);
  const l = structuredClone(ledger);
  mutate.spec?.(b);
  mutate.pages?.(s);
  mutate.ledger?.(l);
  const result = checkDrift({ bundle: b, sources: s, ledger: l });
  return { result, ledger: l, failures: report(result, l).filter((line: string) => FAILURE.test(line)) };
}
const schema = (b: Any, name: string) => b.components.schemas[name];
const entry = (l: Any, id: string) => l.entries.find((e: Any) => e.id === id);
const dump = (s: Any, op: string) => s[op].requestBody.joi;

describe("the check on the committed files", () => {
  const { result, failures } = check();

  it("passes: every difference explained, every entry current", () => {
    expect(failures).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("compares every operation and finds the pages' known damage among the differences", () => {
    const operations = new Set(result.differences.map((d: Any) => d.operation));
    expect([...operations].sort()).toEqual(Object.keys(sources).sort());
    const explained = (op: string, pointer: string) => (result.differences as Any[]).find((d: Any) => d.operation === op && d.pointer === pointer)?.explainedBy;
    expect(explained("createAppleEnrollmentToken", `${BODY}/properties/language/enum`)).toEqual(["language-enum"]);
    expect(explained("bulkCreateAppleEnrollmentTokens", `${BODY}/properties/applications/items/properties/managementFlags/enum`)).toEqual(["management-flags-enum"]);
    expect(explained("createAndroidEnrollmentToken", `${BODY}/properties/policyId/pattern`)).toEqual(["regex-placeholder-entity-id"]);
    expect(explained("createAndroidEnrollmentToken", "")).toEqual(["android-path"]);
  });

  it("is what `npm run check:drift` runs, and that exits 0", () => {
    const run = spawnSync(process.execPath, [fileURLToPath(new URL("scripts/check-drift.mjs", ROOT))], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`${result.differences.length} differences`);
    expect(run.stdout).toMatch(/^OK: every difference is explained/m);
    const pkg = JSON.parse(readFileSync(new URL("package.json", ROOT), "utf8"));
    expect(pkg.scripts["check:drift"]).toBe("node scripts/check-drift.mjs");
  });

  it("renders the ledger the repository commits (generated/ledger.md), differences included", () => {
    const committed = readFileSync(new URL("generated/ledger.md", ROOT), "utf8");
    expect(renderLedger(ledger, result)).toBe(committed);
    expect(committed).toContain("`/requestBody/content/application~1json/schema/properties/duration/maximum` (bounds): page —, spec `2592000`");
  });
});

describe("a changed constraint in the spec fails the check, naming the field", () => {
  it.each([
    ["displayName allows 256 characters", (b: Any) => (schema(b, "DisplayName").maxLength = 256), "/properties/displayName/maxLength"],
    ["sendEmail is no longer required", (b: Any) => (schema(b, "AppleEnrollmentTokenCreateRequest").required = ["mdmUserId"]), "/properties/sendEmail"],
    ["scripts accepts unknown keys", (b: Any) => (schema(b, "AppleApplicationScriptsInput").additionalProperties = true), "/properties/scripts/additionalProperties"],
    ["the Windows body gains profiles", (b: Any) => (schema(b, "WindowsEnrollmentTokenCreateRequest").properties.profiles = { type: "array", items: { type: "string" } }), "/properties/profiles"],
    ["the Android body loses emailText", (b: Any) => delete schema(b, "AndroidEnrollmentTokenCreateRequest").properties.emailText, "/properties/emailText"],
    ["priority becomes a number", (b: Any) => (schema(b, "AssignmentPriority").type = "number"), "/priority/type"],
    ["the sort parameter's pattern changes", (b: Any) => (b.components.parameters.Sort.schema.pattern = "^[\\w.]*$"), "/parameters/sort/schema/pattern"],
    ["the page parameter becomes a header", (b: Any) => (b.components.parameters.Page.in = "header"), "/parameters/page/in"],
    ["the list needs another permission", (b: Any) => (b.paths["/organizations/{organizationId}/mdm/apple/enterprise/enrollment-tokens"].get.security = [{ bearerAuth: ["mdm.apple.enrollmentToken.read"] }]), "listAppleEnrollmentTokens /security/0/bearerAuth/0"],
    ["the Android token loses qrcodeUrl", (b: Any) => delete schema(b, "AndroidEnrollmentToken").allOf[1].properties.qrcodeUrl, "/properties/data/properties/qrcodeUrl"],
  ])("%s", (_name, mutate, field) => {
    const { result, failures } = check({ spec: mutate });
    expect(result.ok).toBe(false);
    expect(failures.some((line: string) => line.includes(field)), failures.join("\n")).toBe(true);
  });

  it("a spec change that removes a difference makes its ledger entry stale", () => {
    const { failures } = check({ spec: (b) => delete schema(b, "MdmUserRef").properties.email.format });
    expect(failures).toEqual([expect.stringMatching(/^STALE ledger entry mdm-user-email-format /)]);
  });

  it("a changed value where a difference is already explained passes the check but changes the rendered ledger", () => {
    const { result, ledger: l } = check({ spec: (b) => (schema(b, "Duration").maximum = 2592001) });
    expect(result.ok).toBe(true); // the ledger is keyed by pointer, not by value ...
    const rendered = renderLedger(l, result);
    expect(rendered).toContain("spec `2592001`"); // ... so generated/ledger.md changes and check:generated fails until it is regenerated and reviewed
    expect(rendered).not.toBe(readFileSync(new URL("generated/ledger.md", ROOT), "utf8"));
  });
});

describe("a changed page fails the check, naming the field", () => {
  it.each([
    ["the Apple create dump allows 256-character names", (s: Any) => (dump(s, "createAppleEnrollmentToken").children.displayName.rules.arg = 256), "createAppleEnrollmentToken", "/properties/displayName/maxLength"],
    ["the Windows dump gains a child", (s: Any) => (dump(s, "createWindowsEnrollmentToken").children.deviceName = { type: "string", valids: "" }), "createWindowsEnrollmentToken", "/properties/deviceName"],
    ["the Android dump makes sendEmail optional", (s: Any) => delete dump(s, "createAndroidEnrollmentToken").children.sendEmail.flags.presence, "createAndroidEnrollmentToken", "/properties/sendEmail"],
    ["the bulk table makes userEmails optional", (s: Any) => (s.bulkCreateAppleEnrollmentTokens.requestBody.table.userEmails.presence = "optional"), "bulkCreateAppleEnrollmentTokens", "/properties/userEmails"],
    ["the list page adds a token state", (s: Any) => s.listAppleEnrollmentTokens.responses[200].data.fields.items.fields.state.values.push("REVOKED"), "listAppleEnrollmentTokens", "/properties/state/enum"],
    ["the list page drops a query parameter", (s: Any) => s.listAppleEnrollmentTokens.parameters.pop(), "listAppleEnrollmentTokens", "/parameters/show-deleted"],
    ["the bulk page prints another path", (s: Any) => (s.bulkCreateAppleEnrollmentTokens.endpoints[0].path += "/v2"), "bulkCreateAppleEnrollmentTokens", "heading: POST"],
  ])("%s", (_name, mutate, operation, field) => {
    const { result, failures } = check({ pages: mutate });
    expect(result.ok).toBe(false);
    expect(failures.some((line: string) => line.includes(operation) && line.includes(field)), failures.join("\n")).toBe(true);
  });

  it("a page the vendor repairs makes the entry for its damage stale", () => {
    const full = ["es", "en", "fr", "de", "it", "zh", "pt", "ru"];
    const { failures } = check({
      pages: (s) => {
        for (const op of ["createAppleEnrollmentToken", "bulkCreateAppleEnrollmentTokens", "createWindowsEnrollmentToken", "createAndroidEnrollmentToken"]) dump(s, op).children.language.valids = full;
      },
    });
    expect(failures).toEqual([expect.stringMatching(/^STALE ledger entry language-enum /)]);
  });

  it("a page with a construct the converter does not know is an error naming it", () => {
    expect(() => check({ pages: (s) => (dump(s, "createWindowsEnrollmentToken").children.tags.rules = { name: "unique" }) })).not.toThrow();
    expect(() => check({ pages: (s) => (dump(s, "createWindowsEnrollmentToken").children.tags.type = "alternatives") })).toThrow(/\/children\/tags: unsupported Joi type "alternatives"/);
  });
});

describe("the ledger must explain every difference, and only real ones", () => {
  it("an unexplained difference fails, named", () => {
    const { failures } = check({ ledger: (l) => (l.entries = l.entries.filter((e: Any) => e.id !== "duration-bounds")) });
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((line: string) => line.startsWith("UNEXPLAINED ") && line.includes("/properties/duration/"))).toBe(true);
  });

  it("an entry that explains nothing is stale", () => {
    const { failures } = check({
      ledger: (l) => l.entries.push({ ...entry(l, "language-enum"), id: "displayname-bound", pointers: [`${BODY}/properties/displayName/maxLength`] }),
    });
    expect(failures).toEqual([expect.stringMatching(/^STALE ledger entry displayname-bound /)]);
  });

  it("an entry marked drift: none must really explain nothing", () => {
    const { failures } = check({ ledger: (l) => (entry(l, "regex-placeholder-entity-id").drift = "none") });
    expect(failures.some((line: string) => line.startsWith("NOT NONE ledger entry regex-placeholder-entity-id "))).toBe(true);
    expect(failures.some((line: string) => line.startsWith("UNEXPLAINED ") && line.includes("/pattern"))).toBe(true);
  });

  it("drift takes no value but none", () => {
    const { failures } = check({ ledger: (l) => (entry(l, "language-enum").drift = "some") });
    expect(failures).toContain('ERROR ledger entry language-enum: drift must be "none" or absent, not "some"');
  });

  it("a pointer of an entry that explains nothing where the page documents it is idle", () => {
    const { failures } = check({ ledger: (l) => entry(l, "language-enum").pointers.push(`${BODY}/properties/emailText`) });
    expect(failures).toEqual([`IDLE pointer ${BODY}/properties/emailText of ledger entry language-enum explains no difference`]);
  });

  it("the most specific entry explains a difference: a field-wide entry does not take over a keyword another entry names", () => {
    const { result } = check({ ledger: (l) => entry(l, "language-enum").pointers.push(`${BODY}/properties/language`) });
    const enumDiff = (result.differences as Any[]).find((d: Any) => d.pointer === `${BODY}/properties/language/enum`);
    expect(enumDiff.explainedBy).toEqual(["language-enum"]);
    expect(result.idle.map((i: Any) => i.pointer)).toEqual([`${BODY}/properties/language`]);
  });

  it("one coarse entry cannot explain everything: the whole operation, the body or a response explain no field", () => {
    const coarse = {
      id: "everything",
      kind: "assumption",
      operations: Object.keys(sources),
      pointers: ["", BODY, "/requestBody", "/responses/200/content/application~1json/schema", "/responses/401/content/application~1json/schema"],
      page_shows: "anything",
      spec_says: "anything",
      evidence: "none at all",
    };
    const { result } = check({ ledger: (l) => (l.entries = [coarse]) });
    const explained = result.differences.filter((d: Any) => d.explainedBy.length > 0);
    expect(explained.map((d: Any) => d.kind)).toEqual(["endpoint", "endpoint"]); // Apple create's missing path, Android's printed one
    expect(result.unexplained.length).toBe(result.differences.length - 2);
  });
});
