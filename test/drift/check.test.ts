// The source-drift check: the pages as printed (spec/sources/), converted, against a bundle of the
// spec, with every difference explained by the ledger, one by one: an entry explains a difference
// only by naming its pointer, its kind and the spec's value there. It passes on the committed
// files, and each mutation below — of a copy of the spec, of a page, or of the ledger — makes it
// fail naming the field (or the ledger entry) concerned. Nothing here touches the real files.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bundleSpec } from "../../scripts/lib/bundle.js";
import { renderLedger } from "../../scripts/lib/codegen/ledger-markdown.js";
import { checkDrift, report } from "../../scripts/lib/drift/check.js";
import { DIFFERENCE_KINDS } from "../../scripts/lib/drift/compare.js";
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
const FAILURE = /^(ERROR|UNEXPLAINED|STALE) /;
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
    expect(explained("createAndroidEnrollmentToken", "")).toEqual(["paths-printed-with-v1"]);
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
      "`/requestBody/content/application~1json/schema/properties/duration/maximum` (bounds): page —, spec `2592000` — createAppleEnrollmentToken,",
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

  it("a spec change that removes a difference makes the item that explained it stale, named", () => {
    const { failures } = check({
      spec: (b) => {
        schema(b, "Language").enum = ["es"];
      },
    });
    // The AOSP bulk page, which prints the whole list, now differs from the spec too.
    expect(failures).toEqual([
      expect.stringMatching(
        /^UNEXPLAINED bulkCreateAospEnrollmentTokens \/requestBody\/.*\/language\/enum \[enum\] page: \["es","en",.*\], spec: \["es"\]$/,
      ),
      expect.stringMatching(
        /^STALE ledger entry language-enum: \/requestBody\/.*\/language\/enum \[enum\] page: \["es"\], spec: \["es","en",.*\] explains no difference$/,
      ),
    ]);
  });

  it("mdmUser.email's maxLength 128 -> 200 is a new difference, named (the issue's example)", () => {
    const { result, failures } = check({
      spec: (b) => {
        must(properties(schema(b, "MdmUserRef")).email, "MdmUserRef.email").maxLength = 200;
      },
    });
    expect(result.ok).toBe(false);
    expect(failures).toContain(
      "UNEXPLAINED createAndroidEnrollmentToken /responses/200/content/application~1json/schema/properties/data/properties/mdmUser/properties/email/maxLength [bounds] page: 128, spec: 200",
    );
  });
});

/**
 * A spec mutation that makes a difference of `kind` appear (or change) at `pointer` in `operation`.
 * `premise` is what the committed ledger already explains on that field, so the case tests that
 * an explanation of one thing does not cover another: an explained difference in the same
 * operation whose pointer starts with `field`, of another kind (`other`) or of the same kind at
 * the same pointer with the value the mutation changes (`same`).
 */
interface KindCase {
  kind: string;
  name: string;
  operation: string;
  pointer: string;
  field: string;
  mutate: (b: Document) => void;
}

const DATA = "/responses/200/content/application~1json/schema/properties/data/properties";
const ITEM = `${DATA}/items/items/properties`;
const APPLE = "createAppleEnrollmentToken";
const ANDROID = "createAndroidEnrollmentToken";
const LIST = "listAppleEnrollmentTokens";

/** For every kind, a new difference on a field that already has an explanation of another kind. */
const otherKind: KindCase[] = [
  {
    kind: "bounds",
    name: "language gains a maxLength (its enum is explained)",
    operation: APPLE,
    pointer: `${BODY}/properties/language/maxLength`,
    field: `${BODY}/properties/language`,
    mutate: (b) => {
      schema(b, "Language").maxLength = 2;
    },
  },
  {
    kind: "format",
    name: "duration gains a format (its bounds are explained)",
    operation: APPLE,
    pointer: `${BODY}/properties/duration/format`,
    field: `${BODY}/properties/duration`,
    mutate: (b) => {
      schema(b, "Duration").format = "int32";
    },
  },
  {
    kind: "type",
    name: "segmentId becomes a number (its format and bounds are explained)",
    operation: APPLE,
    pointer: `${BODY}/properties/segmentId/type`,
    field: `${BODY}/properties/segmentId`,
    mutate: (b) => {
      schema(b, "SegmentId").type = "number";
    },
  },
  {
    kind: "enum",
    name: "duration gains an enum (its bounds are explained)",
    operation: APPLE,
    pointer: `${BODY}/properties/duration/enum`,
    field: `${BODY}/properties/duration`,
    mutate: (b) => {
      schema(b, "Duration").enum = [3600, 86400];
    },
  },
  {
    kind: "pattern",
    name: "language gains a pattern (its enum is explained)",
    operation: APPLE,
    pointer: `${BODY}/properties/language/pattern`,
    field: `${BODY}/properties/language`,
    mutate: (b) => {
      schema(b, "Language").pattern = "^[a-z]{2}$";
    },
  },
  {
    kind: "required",
    name: "duration becomes required (its bounds are explained)",
    operation: APPLE,
    pointer: `${BODY}/properties/duration`,
    field: `${BODY}/properties/duration`,
    mutate: (b) => {
      schema(b, "AppleEnrollmentTokenCreateRequest").required?.push("duration");
    },
  },
  {
    kind: "property",
    name: "the Windows body loses segmentId (its format and bounds are explained)",
    operation: "createWindowsEnrollmentToken",
    pointer: `${BODY}/properties/segmentId`,
    field: `${BODY}/properties/segmentId`,
    mutate: (b) => {
      delete properties(schema(b, "WindowsEnrollmentTokenCreateRequest")).segmentId;
    },
  },
  {
    kind: "default",
    name: "segmentId gains a default (its bounds are explained)",
    operation: APPLE,
    pointer: `${BODY}/properties/segmentId/default`,
    field: `${BODY}/properties/segmentId`,
    mutate: (b) => {
      schema(b, "SegmentId").default = 0;
    },
  },
  {
    kind: "combinator",
    name: "duration becomes an anyOf (its bounds are explained)",
    operation: APPLE,
    pointer: `${BODY}/properties/duration/anyOf`,
    field: `${BODY}/properties/duration`,
    mutate: (b) => {
      schema(b, "Duration").anyOf = [{ minimum: 60 }, { maximum: 2592000 }];
    },
  },
  {
    kind: "closedness",
    name: "the list's admVppLocation is closed (its properties are explained)",
    operation: LIST,
    pointer: `${ITEM}/admVppLocation/additionalProperties`,
    field: `${ITEM}/admVppLocation`,
    mutate: (b) => {
      schema(b, "AdmVppLocation").additionalProperties = false;
    },
  },
  {
    kind: "parameter",
    name: "the page parameter becomes a header (its bounds and default are explained)",
    operation: LIST,
    pointer: "/parameters/page/in",
    field: "/parameters/page",
    mutate: (b) => {
      parameter(b, "Page").in = "header";
    },
  },
  {
    kind: "responses",
    name: "the bulk operation loses its 404 (its envelope's fields are explained)",
    operation: "bulkCreateAppleEnrollmentTokens",
    pointer: "/responses/404",
    field: "/responses/404",
    mutate: (b) => {
      delete operation(b, "bulkCreateAppleEnrollmentTokens").responses["404"];
    },
  },
  {
    kind: "request-body",
    name: "the Apple create operation loses its body (the body's fields are explained)",
    operation: APPLE,
    pointer: "/requestBody",
    field: "/requestBody",
    mutate: (b) => {
      delete operation(b, APPLE).requestBody;
    },
  },
  {
    kind: "auth",
    name: "bearer auth becomes basic auth (the Windows permission is explained)",
    operation: "createWindowsEnrollmentToken",
    pointer: "/security",
    field: "/security",
    mutate: (b) => {
      must(b.components?.securitySchemes, "security schemes").bearerAuth = { type: "http", scheme: "basic" };
    },
  },
];

/** For every kind the ledger explains somewhere, a changed spec value at an explained pointer of that kind. */
const sameKind: KindCase[] = [
  {
    kind: "bounds",
    name: "duration's maximum 2592000 -> 2592001",
    operation: APPLE,
    pointer: `${BODY}/properties/duration/maximum`,
    field: `${BODY}/properties/duration/maximum`,
    mutate: (b) => {
      schema(b, "Duration").maximum = 2592001;
    },
  },
  {
    kind: "enum",
    name: "language loses ru",
    operation: APPLE,
    pointer: `${BODY}/properties/language/enum`,
    field: `${BODY}/properties/language/enum`,
    mutate: (b) => {
      schema(b, "Language").enum = ["es", "en", "fr", "de", "it", "zh", "pt"];
    },
  },
  {
    kind: "format",
    name: "segmentId's format int64 -> int32",
    operation: APPLE,
    pointer: `${BODY}/properties/segmentId/format`,
    field: `${BODY}/properties/segmentId/format`,
    mutate: (b) => {
      schema(b, "SegmentId").format = "int32";
    },
  },
  {
    kind: "type",
    name: "prevPage integer-or-null -> number-or-null",
    operation: LIST,
    pointer: `${DATA}/prevPage/type`,
    field: `${DATA}/prevPage/type`,
    mutate: (b) => {
      must(properties(schema(b, "PaginationMeta")).prevPage, "prevPage").type = ["number", "null"];
    },
  },
  {
    kind: "pattern",
    name: "the entity-id pattern takes lower case only",
    operation: APPLE,
    pointer: `${BODY}/properties/profiles/items/pattern`,
    field: `${BODY}/properties/profiles/items/pattern`,
    mutate: (b) => {
      schema(b, "EntityId").pattern = "^[a-f0-9]{24}$";
    },
  },
  {
    kind: "property",
    name: "the list's mdmUser.id becomes required (its presence is explained as optional)",
    operation: LIST,
    pointer: `${ITEM}/mdmUser/properties/id`,
    field: `${ITEM}/mdmUser/properties/id`,
    mutate: (b) => {
      schema(b, "MdmUserRef").required = ["id"];
    },
  },
  {
    kind: "required",
    name: "the success envelope's status is no longer required (the list page prints it optional)",
    operation: LIST,
    pointer: "/responses/200/content/application~1json/schema/properties/status",
    field: "/responses/200/content/application~1json/schema/properties/status",
    mutate: (b) => {
      schema(b, "SuccessEnvelope").required = ["data"];
    },
  },
  {
    kind: "closedness",
    name: "an Android policy assignment takes unknown keys (the current page's table says nothing of them)",
    operation: ANDROID,
    pointer: `${BODY}/properties/emmPolicyAssignments/items/additionalProperties`,
    field: `${BODY}/properties/emmPolicyAssignments/items/additionalProperties`,
    mutate: (b) => {
      schema(b, "EmmPolicyAssignmentInput").additionalProperties = true;
    },
  },
  {
    kind: "default",
    name: "duration's default 86400 -> 3600",
    operation: APPLE,
    pointer: `${BODY}/properties/duration/default`,
    field: `${BODY}/properties/duration/default`,
    mutate: (b) => {
      schema(b, "Duration").default = 3600;
    },
  },
  {
    kind: "combinator",
    name: "an organization slug may be 2 characters",
    operation: LIST,
    pointer: "/parameters/organizationId/schema/anyOf",
    field: "/parameters/organizationId/schema/anyOf",
    mutate: (b) => {
      const slug = must(schema(b, "OrganizationIdOrSlug").anyOf?.[1], "the slug branch");
      slug.pattern = "^[a-zA-Z0-9-]{2,}$";
    },
  },
  {
    kind: "endpoint",
    name: "the Android path loses its plural",
    operation: ANDROID,
    pointer: "",
    field: "",
    mutate: (b) => {
      const path = "/organizations/{organizationId}/mdm/android/enterprise/enrollment-tokens";
      b.paths[`${path.slice(0, -1)}`] = must(b.paths[path], "the Android path");
      delete b.paths[path];
    },
  },
  {
    kind: "permission",
    name: "the Windows permission changes",
    operation: "createWindowsEnrollmentToken",
    pointer: "/security/0/bearerAuth/0",
    field: "/security/0/bearerAuth/0",
    mutate: (b) => {
      operation(b, "createWindowsEnrollmentToken").security = [{ bearerAuth: ["mdm.windows.enrollmentToken.write"] }];
    },
  },
  {
    kind: "parameter",
    name: "the Apple create organizationId becomes a query parameter",
    operation: APPLE,
    pointer: "/parameters/organizationId",
    field: "/parameters/organizationId",
    mutate: (b) => {
      parameter(b, "OrganizationId").in = "query";
    },
  },
  {
    kind: "responses",
    name: "the Windows operation loses its 404",
    operation: "createWindowsEnrollmentToken",
    pointer: "/responses",
    field: "/responses",
    mutate: (b) => {
      delete operation(b, "createWindowsEnrollmentToken").responses["404"];
    },
  },
];

describe("every kind of difference is explained one by one: pointer, kind and the spec's value", () => {
  const { result } = check();
  const explainedAt = (c: KindCase) =>
    result.differences.filter(
      (d) => d.operation === c.operation && d.pointer.startsWith(c.field) && d.explainedBy.length > 0,
    );
  /**
   * The mutated spec fails the check, naming the difference: UNEXPLAINED with its operation, pointer
   * and kind; or, where the changed value is one the page holds too (a required flag set to what the
   * page prints), STALE naming the item that explained the difference that is gone.
   */
  const fails = (c: KindCase, { orStale = false } = {}) => {
    const { result: mutated, failures } = check({ spec: c.mutate });
    expect(mutated.ok).toBe(false);
    const named = failures.filter(
      (line) =>
        (line.startsWith("UNEXPLAINED ") && line.includes(`${c.operation} ${c.pointer || '""'} [${c.kind}]`)) ||
        (orStale && line.startsWith("STALE ") && line.includes(`: ${c.pointer || '""'} [${c.kind}]`)),
    );
    expect(named, failures.join("\n")).not.toEqual([]);
  };

  it.each(otherKind.map((c): [string, string, KindCase] => [c.kind, c.name, c]))(
    "a new %s difference on a field explained otherwise is unexplained: %s",
    (_kind, _name, c) => {
      const premise = explainedAt(c);
      expect(premise.length, `nothing is explained under ${c.field} in ${c.operation}`).toBeGreaterThan(0);
      expect(premise.some((d) => d.pointer === c.pointer && d.kind === c.kind)).toBe(false);
      fails(c);
    },
  );

  it.each(sameKind.map((c): [string, string, KindCase] => [c.kind, c.name, c]))(
    "a changed value at an explained %s difference is unexplained: %s",
    (_kind, _name, c) => {
      const premise = explainedAt(c).filter((d) => d.pointer === c.pointer && d.kind === c.kind);
      expect(premise.length, `no explained ${c.kind} difference at ${c.pointer} in ${c.operation}`).toBeGreaterThan(0);
      // A boolean difference (required, closedness) changed to the page's value is gone: its item is stale.
      fails(c, { orStale: c.kind === "required" || c.kind === "closedness" });
    },
  );

  it("the cases cover every kind of difference, and every kind the ledger explains has a changed-value case", () => {
    const covered = new Set([...otherKind, ...sameKind].map((c) => c.kind));
    expect([...DIFFERENCE_KINDS].filter((kind) => !covered.has(kind))).toEqual([]);
    const explainedKinds = new Set(result.differences.filter((d) => d.explainedBy.length > 0).map((d) => d.kind));
    const changed = new Set(sameKind.map((c) => c.kind));
    expect([...explainedKinds].filter((kind) => !changed.has(kind))).toEqual([]);
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
      "the current Android page allows priority 20000",
      (s) => {
        const rendering = must(
          page(s, "createAndroidEnrollmentToken").renderings?.find((r) => r.id === "current"),
          "the current Android rendering",
        );
        const priority = must(rendering.body?.fields.emmPolicyAssignments?.fields?.priority, "its priority row");
        priority.printed = ["≥ 0", "≤ 20000"];
      },
      "createAndroidEnrollmentToken@current",
      "/emmPolicyAssignments/items/properties/priority/maximum [bounds] page: 20000",
    ],
    [
      "the current Android page prints another permission",
      (s) => {
        const rendering = must(
          page(s, "createAndroidEnrollmentToken").renderings?.find((r) => r.id === "current"),
          "the current Android rendering",
        );
        rendering.permission = "mdm.android.enrollmentToken.write";
      },
      "createAndroidEnrollmentToken@current",
      "/security/0/bearerAuth/0 [permission]",
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

  it("a cut-off field list (complete: false) compares the rows it lists, and only those", () => {
    const data = (s: Record<string, Source>) =>
      must(page(s, "deleteAospEnrollmentToken").responses?.["200"]?.data, "the AOSP delete page's data");
    // A row the page gains is compared like any other.
    const longer = check({
      pages: (s) => {
        must(data(s).fields, "its rows").displayName = {
          type: "string",
          presence: "optional",
          printed: ["≤ 300 characters"],
        };
      },
    });
    expect(longer.failures).toEqual([
      expect.stringMatching(
        /^UNEXPLAINED deleteAospEnrollmentToken .*\/data\/properties\/displayName\/maxLength \[bounds\] page: 300, spec: 256$/,
      ),
    ]);
    // Read as complete, the list lacks every field of the token after its last row.
    const whole = check({
      pages: (s) => {
        delete data(s).complete;
      },
    });
    expect(whole.failures).toContainEqual(
      expect.stringMatching(
        /^UNEXPLAINED deleteAospEnrollmentToken .*\/data\/properties\/dpcBuildTag \[property\] page: \(nothing\), spec: "optional"$/,
      ),
    );
  });

  it("a page's typed body table is compared field by field", () => {
    const { failures } = check({
      pages: (s) => {
        const duration = must(page(s, "bulkCreateAospEnrollmentTokens").body?.fields.duration, "the bulk duration row");
        duration.presence = "optional";
      },
    });
    expect(failures).toEqual([
      expect.stringMatching(
        /^UNEXPLAINED bulkCreateAospEnrollmentTokens .*\/properties\/duration \[required\] page: false, spec: true$/,
      ),
    ]);
  });

  it("a page the vendor repairs makes the entry for its damage stale", () => {
    const full = ["es", "en", "fr", "de", "it", "zh", "pt", "ru"];
    const { failures } = check({
      pages: (s) => {
        const withBody = Object.values(s).filter((source) => source.requestBody);
        expect(withBody.length).toBeGreaterThan(0);
        for (const source of withBody) objectAt(source.requestBody?.joi, "/children/language").valids = full;
      },
    });
    expect(failures).toEqual([
      expect.stringMatching(/^STALE ledger entry language-enum: .*\/language\/enum \[enum\] /),
    ]);
  });

  it("each list a cut falls in is marked on its own: a nested list read whole is compared whole", () => {
    // The Apple get page is cut inside data.mdmUser: both lists are marked, and neither lacks a field.
    const mdmUser = (s: Record<string, Source>) =>
      must(page(s, "getAppleEnrollmentToken").responses?.["200"]?.data?.fields?.mdmUser, "the get page's mdmUser");
    const { failures } = check({
      pages: (s) => {
        delete mdmUser(s).complete;
      },
    });
    // Read as complete, mdmUser lacks the spec's email; data, still marked, lacks nothing.
    expect(failures).toEqual([
      expect.stringMatching(
        /^UNEXPLAINED getAppleEnrollmentToken .*\/data\/properties\/mdmUser\/properties\/email \[property\] page: \(nothing\), spec: "optional"$/,
      ),
    ]);
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

  it("an item that explains nothing is stale, named", () => {
    const { failures } = check({
      ledger: (l) => {
        entry(l, "language-enum").explains?.push({
          pointer: `${BODY}/properties/emailText/maxLength`,
          kind: "bounds",
          spec: 128,
        });
      },
    });
    expect(failures).toEqual([
      `STALE ledger entry language-enum: ${BODY}/properties/emailText/maxLength [bounds] page: (nothing), spec: 128 explains no difference`,
    ]);
  });

  it("an item explains a difference only with its pointer, its kind and both sides' values", () => {
    const pointer = `${BODY}/properties/duration/maximum`;
    for (const wrong of [
      { pointer: `${BODY}/properties/duration`, kind: "bounds", spec: 2592000 },
      { pointer, kind: "default", spec: 2592000 },
      { pointer, kind: "bounds", spec: 2592001 },
      { pointer, kind: "bounds" },
      { pointer, kind: "bounds", page: 2592000, spec: 2592000 },
    ]) {
      const { result, failures } = check({
        ledger: (l) => {
          const explains = must(entry(l, "duration-bounds").explains, "duration-bounds' explains");
          const i = explains.findIndex((item) => item.pointer === pointer);
          expect(i).toBeGreaterThanOrEqual(0);
          explains[i] = wrong;
        },
      });
      expect(result.ok, JSON.stringify(wrong)).toBe(false);
      expect(failures.some((line) => line.startsWith("UNEXPLAINED ") && line.includes(`${pointer} [bounds]`))).toBe(
        true,
      );
    }
  });

  it("an item needs a pointer and a known kind", () => {
    const { failures } = check({
      ledger: (l) => {
        entry(l, "language-enum").explains?.push({ pointer: `${BODY}/properties/language/enum`, kind: "values" });
      },
    });
    expect(failures.some((line) => line.startsWith("ERROR ledger entry language-enum: explains "))).toBe(true);
  });

  it("an entry explains only the operations it lists", () => {
    const { failures } = check({
      ledger: (l) => {
        const e = entry(l, "paths-printed-with-v1");
        e.operations = ["bulkCreateAppleEnrollmentTokens"];
      },
    });
    expect(failures).toContain(
      'UNEXPLAINED createAndroidEnrollmentToken "" [endpoint] page: "endpoint box: POST /v1/organizations/:organizationId/mdm/android/enterprise/enrollment-tokens/", spec: "POST /organizations/{organizationId}/mdm/android/enterprise/enrollment-tokens"',
    );
  });
});
