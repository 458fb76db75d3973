// The source-drift check: the pages as printed (spec/sources/), converted, against a bundle of the
// spec, with every difference explained by the ledger. It passes on the committed files, and each
// mutation below — of a copy of the spec, of a page, or of the ledger — makes it fail naming the
// field (or the ledger entry) concerned. Nothing here touches the real files.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bundleSpec } from "../../scripts/lib/bundle.js";
import { renderLedger } from "../../scripts/lib/codegen/ledger-markdown.js";
import { checkDrift, report } from "../../scripts/lib/drift/check.js";
import { loadSources, type Source } from "../../scripts/lib/drift/sources.js";
import { isObject, JSON_BODY_SCHEMA, type JsonObject } from "../../scripts/lib/json.js";
import { type Ledger, type LedgerEntry, loadLedger } from "../../scripts/lib/ledger.js";
import { type Document, METHODS, type Operation, type Parameter, type Schema } from "../../scripts/lib/openapi.js";
import { loadBundle, repoPath, resolvePointer } from "../../scripts/lib/spec.js";
import { runTool } from "../../scripts/lib/tools.js";

const bundle = loadBundle();
const sources = loadSources();
const ledger = loadLedger();
const BODY = JSON_BODY_SCHEMA;
const FAILURE = /^(ERROR|UNEXPLAINED|STALE|NOT NONE|IDLE) /;
const committedLedger = () => readFileSync(repoPath("generated/ledger.md"), "utf8");

interface Mutations {
  spec?: (bundle: Document) => void;
  pages?: (sources: Record<string, Source>) => void;
  ledger?: (ledger: Ledger) => void;
}

/** Runs the check on copies of the documents, each first changed by its mutator. */
function check(mutate: Mutations = {}) {
  const b = structuredClone(bundle);
  const s = structuredClone(sources);
  const l = structuredClone(ledger);
  mutate.spec?.(b);
  mutate.pages?.(s);
  mutate.ledger?.(l);
  const result = checkDrift({ bundle: b, sources: s, ledger: l });
  return { result, ledger: l, failures: report(result, l).filter((line) => FAILURE.test(line)) };
}

/** `value`, which a mutation needs to exist (a missing one is a broken test, not a passing one). */
function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`the mutation needs ${what}, which is missing`);
  return value;
}

/** The JSON object at a pointer inside `node` (allOf/anyOf/oneOf looked through). */
function objectAt(node: unknown, pointer: string): JsonObject {
  const found = resolvePointer(node, pointer);
  if (!isObject(found)) throw new Error(`the mutation needs an object at ${pointer}`);
  return found;
}

const schema = (b: Document, name: string): Schema => must(b.components?.schemas?.[name], `schema ${name}`);
const properties = (s: Schema): Record<string, Schema> => must(s.properties, "properties");
const parameter = (b: Document, name: string): Parameter => must(b.components?.parameters?.[name], `parameter ${name}`);
const entry = (l: Ledger, id: string): LedgerEntry =>
  must(
    l.entries.find((e) => e.id === id),
    `ledger entry ${id}`,
  );
const page = (s: Record<string, Source>, id: string): Source => must(s[id], `the page of ${id}`);
const dump = (s: Record<string, Source>, id: string): unknown => must(page(s, id).requestBody, `${id}'s body`).joi;

/** An operation of the bundle as written (not dereferenced), found by its operationId. */
function operation(b: Document, operationId: string): Operation {
  for (const item of Object.values(b.paths)) {
    for (const method of METHODS) if (item[method]?.operationId === operationId) return must(item[method], method);
  }
  throw new Error(`no operation ${operationId}`);
}

describe("the check on the committed files", () => {
  const { result, failures } = check();

  it("passes: every difference explained, every entry current", () => {
    expect(failures).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("compares every operation and finds the pages' known damage among the differences", () => {
    const operations = new Set(result.differences.map((d) => d.operation));
    expect([...operations].sort()).toEqual(Object.keys(sources).sort());
    const explained = (op: string, pointer: string) =>
      result.differences.find((d) => d.operation === op && d.pointer === pointer)?.explainedBy;
    expect(explained("createAppleEnrollmentToken", `${BODY}/properties/language/enum`)).toEqual(["language-enum"]);
    expect(
      explained(
        "bulkCreateAppleEnrollmentTokens",
        `${BODY}/properties/applications/items/properties/managementFlags/enum`,
      ),
    ).toEqual(["management-flags-enum"]);
    expect(explained("createAndroidEnrollmentToken", `${BODY}/properties/policyId/pattern`)).toEqual([
      "regex-placeholder-entity-id",
    ]);
    expect(explained("createAndroidEnrollmentToken", "")).toEqual(["android-path"]);
  });

  it("finds the same differences in the spec as it stands in spec/ (bundled in memory) as in the committed bundle", async () => {
    const fresh = checkDrift({ bundle: await bundleSpec(), sources, ledger });
    expect(fresh.differences).toEqual(result.differences);
    expect(fresh.ok).toBe(true);
  });

  it("is what `npm run check:drift` runs, and that exits 0", () => {
    const run = runTool("tsx", ["scripts/check-drift.ts"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`${result.differences.length} differences`);
    expect(run.stdout).toMatch(/^OK: every difference is explained/m);
    const pkg: unknown = JSON.parse(readFileSync(repoPath("package.json"), "utf8"));
    expect(pkg).toMatchObject({ scripts: { "check:drift": "tsx scripts/check-drift.ts" } });
  });

  it("renders the ledger the repository commits (generated/ledger.md), differences included", () => {
    const committed = committedLedger();
    expect(renderLedger(ledger, result)).toBe(committed);
    expect(committed).toContain(
      "`/requestBody/content/application~1json/schema/properties/duration/maximum` (bounds): page —, spec `2592000`",
    );
  });
});

describe("a changed constraint in the spec fails the check, naming the field", () => {
  const cases: [string, (b: Document) => void, string][] = [
    [
      "displayName allows 256 characters",
      (b) => {
        schema(b, "DisplayName").maxLength = 256;
      },
      "/properties/displayName/maxLength",
    ],
    [
      "sendEmail is no longer required",
      (b) => {
        schema(b, "AppleEnrollmentTokenCreateRequest").required = ["mdmUserId"];
      },
      "/properties/sendEmail",
    ],
    [
      "scripts accepts unknown keys",
      (b) => {
        schema(b, "AppleApplicationScriptsInput").additionalProperties = true;
      },
      "/properties/scripts/additionalProperties",
    ],
    [
      "the Windows body gains profiles",
      (b) => {
        properties(schema(b, "WindowsEnrollmentTokenCreateRequest")).profiles = {
          type: "array",
          items: { type: "string" },
        };
      },
      "/properties/profiles",
    ],
    [
      "the Android body loses emailText",
      (b) => {
        delete properties(schema(b, "AndroidEnrollmentTokenCreateRequest")).emailText;
      },
      "/properties/emailText",
    ],
    [
      "priority becomes a number",
      (b) => {
        schema(b, "AssignmentPriority").type = "number";
      },
      "/priority/type",
    ],
    [
      "the sort parameter's pattern changes",
      (b) => {
        must(parameter(b, "Sort").schema, "Sort's schema").pattern = "^[\\w.]*$";
      },
      "/parameters/sort/schema/pattern",
    ],
    [
      "the page parameter becomes a header",
      (b) => {
        parameter(b, "Page").in = "header";
      },
      "/parameters/page/in",
    ],
    [
      "the list needs another permission",
      (b) => {
        operation(b, "listAppleEnrollmentTokens").security = [{ bearerAuth: ["mdm.apple.enrollmentToken.read"] }];
      },
      "listAppleEnrollmentTokens /security/0/bearerAuth/0",
    ],
    [
      "the Android token loses qrcodeUrl",
      (b) => {
        delete objectAt(schema(b, "AndroidEnrollmentToken"), "/allOf/1/properties").qrcodeUrl;
      },
      "/properties/data/properties/qrcodeUrl",
    ],
  ];

  it.each(cases)("%s", (_name, mutate, field) => {
    const { result, failures } = check({ spec: mutate });
    expect(result.ok).toBe(false);
    expect(
      failures.some((line) => line.includes(field)),
      failures.join("\n"),
    ).toBe(true);
  });

  it("a spec change that removes a difference makes its ledger entry stale", () => {
    const { failures } = check({
      spec: (b) => {
        delete must(properties(schema(b, "MdmUserRef")).email, "MdmUserRef.email").format;
      },
    });
    expect(failures).toEqual([expect.stringMatching(/^STALE ledger entry mdm-user-email-format /)]);
  });

  it("a changed value where a difference is already explained passes the check but changes the rendered ledger", () => {
    const { result, ledger: l } = check({
      spec: (b) => {
        schema(b, "Duration").maximum = 2592001;
      },
    });
    expect(result.ok).toBe(true); // the ledger is keyed by pointer, not by value ...
    const rendered = renderLedger(l, result);
    expect(rendered).toContain("spec `2592001`"); // ... so generated/ledger.md changes and check:generated fails until it is regenerated and reviewed
    expect(rendered).not.toBe(committedLedger());
  });
});

describe("a changed page fails the check, naming the field", () => {
  const cases: [string, (s: Record<string, Source>) => void, string, string][] = [
    [
      "the Apple create dump allows 256-character names",
      (s) => {
        objectAt(dump(s, "createAppleEnrollmentToken"), "/children/displayName/rules").arg = 256;
      },
      "createAppleEnrollmentToken",
      "/properties/displayName/maxLength",
    ],
    [
      "the Windows dump gains a child",
      (s) => {
        objectAt(dump(s, "createWindowsEnrollmentToken"), "/children").deviceName = { type: "string", valids: "" };
      },
      "createWindowsEnrollmentToken",
      "/properties/deviceName",
    ],
    [
      "the Android dump makes sendEmail optional",
      (s) => {
        delete objectAt(dump(s, "createAndroidEnrollmentToken"), "/children/sendEmail/flags").presence;
      },
      "createAndroidEnrollmentToken",
      "/properties/sendEmail",
    ],
    [
      "the bulk table makes userEmails optional",
      (s) => {
        const table = page(s, "bulkCreateAppleEnrollmentTokens").requestBody?.table;
        must(table?.userEmails, "the bulk table's userEmails").presence = "optional";
      },
      "bulkCreateAppleEnrollmentTokens",
      "/properties/userEmails",
    ],
    [
      "the list page adds a token state",
      (s) => {
        const data = page(s, "listAppleEnrollmentTokens").responses?.["200"]?.data;
        must(data?.fields?.items?.fields?.state?.values, "the list's printed token states").push("REVOKED");
      },
      "listAppleEnrollmentTokens",
      "/properties/state/enum",
    ],
    [
      "the list page drops a query parameter",
      (s) => {
        page(s, "listAppleEnrollmentTokens").parameters.pop();
      },
      "listAppleEnrollmentTokens",
      "/parameters/show-deleted",
    ],
    [
      "the bulk page prints another path",
      (s) => {
        const endpoint = must(page(s, "bulkCreateAppleEnrollmentTokens").endpoints[0], "the bulk page's heading");
        endpoint.path = `${must(endpoint.path, "a printed path")}/v2`;
      },
      "bulkCreateAppleEnrollmentTokens",
      "heading: POST",
    ],
  ];

  it.each(cases)("%s", (_name, mutate, operationId, field) => {
    const { result, failures } = check({ pages: mutate });
    expect(result.ok).toBe(false);
    expect(
      failures.some((line) => line.includes(operationId) && line.includes(field)),
      failures.join("\n"),
    ).toBe(true);
  });

  it("a page the vendor repairs makes the entry for its damage stale", () => {
    const full = ["es", "en", "fr", "de", "it", "zh", "pt", "ru"];
    const { failures } = check({
      pages: (s) => {
        const withBody = Object.values(s).filter((source) => source.requestBody !== null);
        expect(withBody.length).toBeGreaterThan(0);
        for (const source of withBody) objectAt(source.requestBody?.joi, "/children/language").valids = full;
      },
    });
    expect(failures).toEqual([expect.stringMatching(/^STALE ledger entry language-enum /)]);
  });

  it("a page with a construct the converter does not know is an error naming it", () => {
    const tags = (s: Record<string, Source>) => objectAt(dump(s, "createWindowsEnrollmentToken"), "/children/tags");
    expect(() =>
      check({
        pages: (s) => {
          tags(s).rules = { name: "unique" };
        },
      }),
    ).not.toThrow();
    expect(() =>
      check({
        pages: (s) => {
          tags(s).type = "alternatives";
        },
      }),
    ).toThrow(/\/children\/tags: unsupported Joi type "alternatives"/);
  });
});

describe("the ledger must explain every difference, and only real ones", () => {
  it("an unexplained difference fails, named", () => {
    const { failures } = check({
      ledger: (l) => {
        l.entries = l.entries.filter((e) => e.id !== "duration-bounds");
      },
    });
    expect(failures.length).toBeGreaterThan(0);
    expect(
      failures.every((line) => line.startsWith("UNEXPLAINED ") && line.includes("/properties/duration/")),
      failures.join("\n"),
    ).toBe(true);
  });

  it("an entry that explains nothing is stale", () => {
    const { failures } = check({
      ledger: (l) => {
        l.entries.push({
          ...entry(l, "language-enum"),
          id: "displayname-bound",
          pointers: [`${BODY}/properties/displayName/maxLength`],
        });
      },
    });
    expect(failures).toEqual([expect.stringMatching(/^STALE ledger entry displayname-bound /)]);
  });

  it("an entry marked drift: none must really explain nothing", () => {
    const { failures } = check({
      ledger: (l) => {
        entry(l, "regex-placeholder-entity-id").drift = "none";
      },
    });
    expect(failures.some((line) => line.startsWith("NOT NONE ledger entry regex-placeholder-entity-id "))).toBe(true);
    expect(failures.some((line) => line.startsWith("UNEXPLAINED ") && line.includes("/pattern"))).toBe(true);
  });

  it("drift takes no value but none", () => {
    const { failures } = check({
      ledger: (l) => {
        // A value the type does not allow, as a hand-edited spec/ledger.yaml could hold.
        Object.assign(entry(l, "language-enum"), { drift: "some" });
      },
    });
    expect(failures).toContain('ERROR ledger entry language-enum: drift must be "none" or absent, not "some"');
  });

  it("a pointer of an entry that explains nothing where the page documents it is idle", () => {
    const { failures } = check({
      ledger: (l) => {
        entry(l, "language-enum").pointers.push(`${BODY}/properties/emailText`);
      },
    });
    expect(failures).toEqual([
      `IDLE pointer ${BODY}/properties/emailText of ledger entry language-enum explains no difference`,
    ]);
  });

  it("the most specific entry explains a difference: a field-wide entry does not take over a keyword another entry names", () => {
    const { result } = check({
      ledger: (l) => {
        entry(l, "language-enum").pointers.push(`${BODY}/properties/language`);
      },
    });
    const enumDiff = result.differences.find((d) => d.pointer === `${BODY}/properties/language/enum`);
    expect(enumDiff?.explainedBy).toEqual(["language-enum"]);
    expect(result.idle.map((i) => i.pointer)).toEqual([`${BODY}/properties/language`]);
  });

  it("one coarse entry cannot explain everything: the whole operation, the body or a response explain no field", () => {
    const coarse: LedgerEntry = {
      id: "everything",
      kind: "assumption",
      operations: Object.keys(sources),
      pointers: [
        "",
        BODY,
        "/requestBody",
        "/responses/200/content/application~1json/schema",
        "/responses/401/content/application~1json/schema",
      ],
      page_shows: "anything",
      spec_says: "anything",
      evidence: "none at all",
    };
    const { result } = check({
      ledger: (l) => {
        l.entries = [coarse];
      },
    });
    const explained = result.differences.filter((d) => d.explainedBy.length > 0);
    expect(explained.map((d) => d.kind)).toEqual(["endpoint", "endpoint"]); // Apple create's missing path, Android's printed one
    expect(result.unexplained.length).toBe(result.differences.length - 2);
  });
});
