// check:breaking's verdicts, kind by kind and in both directions, pinned: a Redocly upgrade that rates
// a change differently fails here. Each case is a fixture pair made from the real bundle: `setup`
// (applied to both sides) narrows the place the case touches, `mutate` (applied to the newer side
// only) makes the change. A verdict is the bump the change needs and the rules that matched it
// (Redocly's, and ours where the version table is stricter); it names no operation and counts no
// changes, so operations added to the spec need no edit here.
//
// One `redocly diff` costs about 0.6 s, most of it start-up, so the cases share one run: each pair
// goes into one pair of documents under a namespace of its own (its paths prefixed, its components
// and operationIds suffixed), and the changes are sorted back by namespace. A case that changes the
// document outside its paths and components (servers, security schemes) gets runs of its own.
import { beforeAll, describe, expect, it } from "vitest";
import { type Change, diffBundles } from "../../scripts/lib/breaking/diff.js";
import { canonical } from "../../scripts/lib/json.js";
import type { Document, Operation, Parameter, Schema } from "../../scripts/lib/openapi.js";
import { loadBundle } from "../../scripts/lib/spec.js";

const APPLE = "/organizations/{organizationId}/mdm/apple/enterprise/enrollment-tokens";
const WINDOWS = "/organizations/{organizationId}/mdm/windows/enterprise/enrollment-tokens";

function schema(document: Document, name: string): Schema {
  const found = document.components?.schemas?.[name];
  if (!found) throw new Error(`no schema ${name}`);
  return found;
}
function operation(document: Document, path: string, method: "get" | "post"): Operation {
  const found = document.paths[path]?.[method];
  if (!found) throw new Error(`no ${method} ${path}`);
  return found;
}
function parameter(document: Document, name: string): Parameter {
  const found = document.components?.parameters?.[name];
  if (!found) throw new Error(`no parameter ${name}`);
  return found;
}
function properties(target: Schema): Record<string, Schema> {
  if (!target.properties) throw new Error("schema without properties");
  return target.properties;
}
/** The Apple create body. */
const body = (document: Document) => schema(document, "AppleEnrollmentTokenCreateRequest");
/** The Apple token's own fields (in the Apple operations' responses). */
function token(document: Document): Schema {
  const own = schema(document, "AppleEnrollmentToken").allOf?.[1];
  if (!own) throw new Error("AppleEnrollmentToken has no second allOf branch");
  return own;
}

/** `none`, or the highest impact, then the rules that matched, e.g. `major enum-values-removed`. */
type Verdict = string;

interface Case {
  name: string;
  setup?: (document: Document) => void;
  mutate: (document: Document) => void;
  forward: Verdict;
  backward: Verdict;
}

const inlineDisplayName = (document: Document) => {
  properties(body(document)).displayName = { type: "string", maxLength: 128 };
};
const inlineEnrollCode = (document: Document) => {
  properties(token(document)).enrollCode = { type: "string", maxLength: 128 };
};

const CASES: Case[] = [
  // Not changes to the API
  { name: "the real bundle against itself", mutate: () => {}, forward: "none", backward: "none" },
  {
    name: "descriptions, summaries and examples",
    mutate: (d) => {
      body(d).description = "Another description.";
      schema(d, "TokenState").examples = ["DONE"];
      operation(d, WINDOWS, "post").summary = "Another summary";
    },
    forward: "patch",
    backward: "patch",
  },
  // Operations
  {
    name: "operation removed / added",
    mutate: (d) => {
      delete operation(d, WINDOWS, "post").operationId;
      const item = d.paths[WINDOWS];
      if (item) delete item.post;
    },
    forward: "major operation-removed",
    backward: "minor",
  },
  {
    name: "operationId renamed",
    mutate: (d) => {
      operation(d, WINDOWS, "post").operationId = "createWindowsToken";
    },
    forward: "major operation-id-changed",
    backward: "major operation-id-changed",
  },
  {
    name: "permission changed",
    mutate: (d) => {
      operation(d, WINDOWS, "post").security = [{ bearerAuth: ["mdm.windows.enrollmentToken.admin"] }];
    },
    forward: "major security-requirement-changed",
    backward: "major security-requirement-changed",
  },
  {
    name: "security requirement dropped / added",
    mutate: (d) => {
      operation(d, WINDOWS, "post").security = [];
    },
    forward: "patch",
    backward: "major security-requirement-changed",
  },
  // Parameters
  {
    name: "optional parameter added / removed",
    mutate: (d) => {
      operation(d, APPLE, "get").parameters?.push({ name: "q", in: "query", schema: { type: "string" } });
    },
    forward: "minor",
    backward: "major parameter-removed",
  },
  {
    name: "required parameter added / removed",
    mutate: (d) => {
      operation(d, APPLE, "get").parameters?.push({
        name: "q",
        in: "query",
        required: true,
        schema: { type: "string" },
      });
    },
    forward: "major parameter-became-required",
    backward: "major parameter-removed",
  },
  {
    name: "parameter made required / optional",
    mutate: (d) => {
      parameter(d, "Limit").required = true;
    },
    forward: "major parameter-became-required",
    backward: "patch",
  },
  {
    name: "parameter moved",
    mutate: (d) => {
      parameter(d, "Limit").in = "header";
    },
    forward: "major parameter-removed",
    backward: "major parameter-removed",
  },
  {
    name: "parameter serialization changed",
    mutate: (d) => {
      parameter(d, "Sort").explode = false;
    },
    forward: "major parameter-serialization-changed",
    backward: "major parameter-serialization-changed",
  },
  {
    name: "parameter bound tightened / loosened",
    mutate: (d) => {
      const limit = parameter(d, "Limit").schema;
      if (limit) limit.maximum = 100;
    },
    forward: "major schema-constraint-changed",
    backward: "patch",
  },
  {
    name: "parameter pattern removed / added",
    mutate: (d) => {
      const sort = parameter(d, "Sort").schema;
      if (sort) delete sort.pattern;
    },
    forward: "patch",
    backward: "major schema-constraint-changed",
  },
  // Request bodies
  {
    name: "request body removed / added (required)",
    mutate: (d) => {
      delete operation(d, WINDOWS, "post").requestBody;
    },
    // Redocly rates a required body added as a minor; the version table, and our rule, as major.
    forward: "major request-body-removed",
    backward: "major required-request-body-added",
  },
  {
    name: "request body added / removed (optional)",
    setup: (d) => {
      delete operation(d, WINDOWS, "post").requestBody;
    },
    mutate: (d) => {
      operation(d, WINDOWS, "post").requestBody = {
        required: false,
        content: { "application/json": { schema: { type: "object" } } },
      };
    },
    forward: "minor",
    backward: "major request-body-removed",
  },
  {
    name: "request body made optional / required",
    mutate: (d) => {
      const requestBody = operation(d, WINDOWS, "post").requestBody;
      if (requestBody) requestBody.required = false;
    },
    forward: "patch",
    backward: "major request-body-became-required",
  },
  {
    name: "request media type added / removed",
    mutate: (d) => {
      const requestBody = operation(d, WINDOWS, "post").requestBody;
      if (requestBody) requestBody.content["application/x-www-form-urlencoded"] = { schema: { type: "object" } };
    },
    forward: "minor",
    backward: "major media-type-removed",
  },
  {
    name: "optional request field added / removed",
    mutate: (d) => {
      properties(body(d)).note = { type: "string" };
    },
    forward: "minor",
    backward: "major property-removed",
  },
  {
    name: "required request field added / removed",
    mutate: (d) => {
      properties(body(d)).note = { type: "string" };
      body(d).required?.push("note");
    },
    forward: "major required-properties-added",
    backward: "major property-removed",
  },
  {
    name: "request field made required / optional",
    mutate: (d) => {
      body(d).required?.push("displayName");
    },
    forward: "major required-properties-added",
    backward: "patch",
  },
  {
    name: "nested request field made required / optional (array items)",
    setup: (d) => {
      properties(body(d)).admPolicyAssignments = {
        type: "array",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["priority"],
          properties: { admPolicyId: { type: "string" }, priority: { type: "integer" } },
        },
      };
    },
    mutate: (d) => {
      properties(body(d)).admPolicyAssignments?.items?.required?.push("admPolicyId");
    },
    forward: "major required-properties-added",
    backward: "patch",
  },
  {
    name: "request enum widened / narrowed",
    mutate: (d) => {
      schema(d, "Language").enum?.push("nl");
    },
    forward: "patch",
    backward: "major enum-values-removed",
  },
  {
    name: "request maxLength loosened / tightened",
    setup: inlineDisplayName,
    mutate: (d) => {
      const displayName = properties(body(d)).displayName;
      if (displayName) displayName.maxLength = 256;
    },
    forward: "patch",
    backward: "major schema-constraint-changed",
  },
  {
    name: "request minimum raised / lowered",
    setup: (d) => {
      properties(body(d)).duration = { type: "integer", minimum: 60, maximum: 2592000 };
    },
    mutate: (d) => {
      const duration = properties(body(d)).duration;
      if (duration) duration.minimum = 300;
    },
    forward: "major schema-constraint-changed",
    backward: "patch",
  },
  {
    name: "request minLength added / removed",
    setup: inlineDisplayName,
    mutate: (d) => {
      const displayName = properties(body(d)).displayName;
      if (displayName) displayName.minLength = 1;
    },
    forward: "major schema-constraint-changed",
    backward: "patch",
  },
  {
    name: "request pattern changed",
    setup: inlineDisplayName,
    mutate: (d) => {
      const displayName = properties(body(d)).displayName;
      if (displayName) displayName.pattern = "^\\S.*$";
    },
    forward: "major schema-constraint-changed",
    backward: "patch",
  },
  {
    name: "request pattern replaced",
    setup: (d) => {
      properties(body(d)).displayName = { type: "string", pattern: "^[a-z]+$" };
    },
    mutate: (d) => {
      const displayName = properties(body(d)).displayName;
      if (displayName) displayName.pattern = "^[a-z0-9]+$";
    },
    // A changed pattern is breaking both ways: no inclusion between regular expressions is assumed.
    forward: "major schema-constraint-changed",
    backward: "major schema-constraint-changed",
  },
  {
    name: "request format added / removed",
    setup: inlineDisplayName,
    mutate: (d) => {
      const displayName = properties(body(d)).displayName;
      if (displayName) displayName.format = "email";
    },
    forward: "major schema-constraint-changed",
    backward: "patch",
  },
  {
    name: "request type changed",
    setup: inlineDisplayName,
    mutate: (d) => {
      const displayName = properties(body(d)).displayName;
      if (displayName) displayName.type = "integer";
    },
    forward: "major schema-type-changed",
    backward: "major schema-type-changed",
  },
  {
    name: "request type widened / narrowed (integer to number)",
    setup: (d) => {
      properties(body(d)).duration = { type: "integer" };
    },
    mutate: (d) => {
      const duration = properties(body(d)).duration;
      if (duration) duration.type = "number";
    },
    forward: "patch",
    backward: "major schema-type-changed",
  },
  {
    name: "request field made nullable / not nullable",
    setup: inlineDisplayName,
    mutate: (d) => {
      const displayName = properties(body(d)).displayName;
      if (displayName) displayName.type = ["string", "null"];
    },
    forward: "patch",
    backward: "major schema-type-changed",
  },
  {
    name: "request object opened / closed",
    mutate: (d) => {
      delete body(d).additionalProperties;
    },
    forward: "patch",
    backward: "major schema-constraint-changed",
  },
  {
    name: "request default added / removed",
    setup: inlineDisplayName,
    mutate: (d) => {
      const displayName = properties(body(d)).displayName;
      if (displayName) displayName.default = "";
    },
    forward: "patch",
    backward: "patch",
  },
  {
    name: "request anyOf branch added / removed",
    setup: (d) => {
      properties(body(d)).policyId = { anyOf: [{ type: "string", pattern: "^[a-f0-9]{24}$" }] };
    },
    mutate: (d) => {
      properties(body(d)).policyId?.anyOf?.push({ type: "string", enum: [""] });
    },
    forward: "minor",
    backward: "major schema-combinator-changed",
  },
  // Responses
  {
    name: "response field added / removed",
    mutate: (d) => {
      properties(token(d)).serialNumber = { type: "string" };
    },
    forward: "minor",
    backward: "major property-removed",
  },
  {
    name: "response field made required / optional",
    mutate: (d) => {
      const own = token(d);
      own.required = ["enrollCode"];
    },
    forward: "patch",
    backward: "major required-properties-removed",
  },
  {
    name: "response type changed",
    setup: inlineEnrollCode,
    mutate: (d) => {
      const enrollCode = properties(token(d)).enrollCode;
      if (enrollCode) enrollCode.type = "integer";
    },
    forward: "major schema-type-changed",
    backward: "major schema-type-changed",
  },
  {
    name: "response field made nullable / not nullable",
    setup: inlineEnrollCode,
    mutate: (d) => {
      const enrollCode = properties(token(d)).enrollCode;
      if (enrollCode) enrollCode.type = ["string", "null"];
    },
    forward: "major schema-type-changed",
    backward: "patch",
  },
  {
    name: "response field made nullable / not nullable (anyOf with null, as the spec writes it)",
    setup: inlineEnrollCode,
    mutate: (d) => {
      properties(token(d)).enrollCode = { anyOf: [{ type: "string", maxLength: 128 }, { type: "null" }] };
    },
    forward: "major schema-constraint-changed schema-type-changed",
    backward: "major schema-combinator-changed",
  },
  {
    name: "response enum widened / narrowed",
    mutate: (d) => {
      schema(d, "TokenState").enum?.push("REVOKED");
    },
    forward: "major enum-values-added",
    backward: "patch",
  },
  {
    name: "response bound loosened / tightened",
    setup: inlineEnrollCode,
    mutate: (d) => {
      const enrollCode = properties(token(d)).enrollCode;
      if (enrollCode) enrollCode.maxLength = 256;
    },
    forward: "major schema-constraint-changed",
    backward: "patch",
  },
  {
    name: "response format removed / added",
    mutate: (d) => {
      delete schema(d, "DateTime").format;
    },
    forward: "major schema-constraint-changed",
    backward: "patch",
  },
  {
    name: "response object closed / opened",
    mutate: (d) => {
      token(d).additionalProperties = false;
    },
    forward: "patch",
    backward: "major schema-constraint-changed",
  },
  {
    name: "error status added / removed",
    mutate: (d) => {
      operation(d, WINDOWS, "post").responses["409"] = { $ref: "#/components/responses/NotFound" };
    },
    forward: "minor",
    backward: "major response-removed",
  },
  {
    name: "success status added / removed",
    mutate: (d) => {
      const created = operation(d, WINDOWS, "post").responses["200"];
      if (created) operation(d, WINDOWS, "post").responses["201"] = created;
    },
    // Redocly rates it a minor; the version table, and our rule, as major.
    forward: "major success-status-added",
    backward: "major response-removed",
  },
  {
    name: "response media type added / removed",
    mutate: (d) => {
      const content = operation(d, WINDOWS, "post").responses["400"]?.content;
      if (content) content["text/plain"] = { schema: { type: "string" } };
    },
    forward: "minor",
    backward: "major media-type-removed",
  },
  // The document
  {
    name: "server URL changed",
    mutate: (d) => {
      const [server] = d.servers ?? [];
      if (server) server.url = "https://api.applivery.com/v2";
    },
    forward: "major server-removed",
    backward: "major server-removed",
  },
  {
    name: "second server added / removed",
    mutate: (d) => {
      d.servers?.push({ url: "https://api.eu.applivery.io/v1" });
    },
    forward: "minor",
    backward: "major server-removed",
  },
  {
    name: "security scheme changed",
    mutate: (d) => {
      const scheme = d.components?.securitySchemes?.bearerAuth;
      if (scheme) scheme.type = "apiKey";
    },
    forward: "major security-scheme-changed",
    backward: "major security-scheme-changed",
  },
  {
    name: "component schema added / removed",
    mutate: (d) => {
      const schemas = d.components?.schemas;
      if (schemas) schemas.Unused = { type: "string" };
    },
    forward: "patch",
    backward: "major exported-name-removed",
  },
];

const real = loadBundle();

/** A case's pair, forward (real → mutated) and backward. */
function pairs({ setup, mutate }: Case): [Document, Document] {
  const before = structuredClone(real);
  setup?.(before);
  const after = structuredClone(before);
  mutate(after);
  return [before, after];
}

/** The document outside its paths and its `$ref`-named components. */
const outside = ({ paths: _paths, components: { securitySchemes, ...named } = {}, ...rest }: Document) =>
  canonical({ rest, securitySchemes, sections: Object.keys(named) });

/** `document`'s paths under `/ns`, its named components and operationIds suffixed `_ns`. */
function namespaced(document: Document, ns: string): Pick<Document, "paths" | "components"> {
  const text = JSON.stringify({ paths: document.paths, components: document.components ?? {} })
    .replace(/"#\/components\/(\w+)\/([^"/]+)/g, `"#/components/$1/$2_${ns}`)
    .replace(/"operationId":"([^"]+)"/g, `"operationId":"$1_${ns}"`);
  const { paths, components } = JSON.parse(text) as Required<Pick<Document, "paths" | "components">>;
  const suffixed = (entries: object) => Object.fromEntries(Object.entries(entries).map(([k, v]) => [`${k}_${ns}`, v]));
  return {
    paths: Object.fromEntries(Object.entries(paths).map(([path, item]) => [`/${ns}${path}`, item])),
    components: Object.fromEntries(
      Object.entries(components).map(([section, entries]) => [
        section,
        section === "securitySchemes" ? entries : suffixed(entries),
      ]),
    ),
  };
}

/** One document holding every part, with the real bundle's info, servers and security. */
function combined(parts: Pick<Document, "paths" | "components">[]): Document {
  const document: Document = { ...structuredClone(real), paths: {}, components: {} };
  for (const part of parts) {
    Object.assign(document.paths, part.paths);
    for (const [section, entries] of Object.entries(part.components ?? {})) {
      const key = section as keyof NonNullable<Document["components"]>;
      document.components = { ...document.components, [key]: { ...document.components?.[key], ...entries } };
    }
  }
  return document;
}

function verdict(changes: Change[]): Verdict {
  const top = (["major", "minor", "patch"] as const).find((impact) => changes.some((c) => c.impact === impact));
  const rules = new Set(changes.flatMap((change) => change.verdicts.map((v) => v.ruleId)));
  return [top ?? "none", ...[...rules].sort()].join(" ");
}

/** Each case's changes, forward and backward, by case name. */
const found = new Map<string, { forward: Change[]; backward: Change[] }>();

beforeAll(async () => {
  const shared: { name: string; before: Document; after: Document }[] = [];
  const alone: Promise<void>[] = [];
  for (const c of CASES) {
    const [before, after] = pairs(c);
    if (outside(before) === outside(real) && outside(after) === outside(real))
      shared.push({ name: c.name, before, after });
    else {
      alone.push(
        Promise.all([diffBundles(before, after), diffBundles(after, before)]).then(([forward, backward]) => {
          found.set(c.name, { forward, backward });
        }),
      );
    }
  }
  // Namespace `n<i>f` compares case i forward, `n<i>b` backward.
  const bases = shared.flatMap(({ before, after }, i) => [namespaced(before, `n${i}f`), namespaced(after, `n${i}b`)]);
  const revisions = shared.flatMap(({ before, after }, i) => [
    namespaced(after, `n${i}f`),
    namespaced(before, `n${i}b`),
  ]);
  const changes = await diffBundles(combined(bases), combined(revisions));
  for (const [i, { name }] of shared.entries()) {
    const of = (ns: string) => changes.filter((change) => new RegExp(`(~1|_)${ns}(~1|/|$)`).test(change.path));
    found.set(name, { forward: of(`n${i}f`), backward: of(`n${i}b`) });
  }
  await Promise.all(alone);
}, 60_000);

describe("check:breaking rates each kind of change, both directions, as pinned", () => {
  it.each(CASES)("$name", ({ name, forward, backward }) => {
    const changes = found.get(name);
    const detail = JSON.stringify(changes, null, 1);
    expect(verdict(changes?.forward ?? []), detail).toBe(forward);
    expect(verdict(changes?.backward ?? []), detail).toBe(backward);
  });

  it("sorts every change of the shared run back to its case", () => {
    expect(found.size).toBe(CASES.length);
  });
});
