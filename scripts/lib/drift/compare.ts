// Every difference between what a page documents (converted by ./sources.ts) and one operation of
// the spec: properties, constraints, parameters, the printed method and path, the permission.
import { JSON_BODY_SCHEMA, join, same } from "../json.js";
import type { Document, SpecOperation } from "../openapi.js";
import { LEAVES, type Normalized, normalize } from "./normalize.js";
import { type Source, sourceOperation } from "./sources.js";

/**
 * One difference. `pointer` is where it is (a JSON pointer into the operation, as the ledger writes
 * them). `anchors` are the pointers a ledger entry may name to explain it, most specific first: the
 * pointer itself and its ancestors up to the field it belongs to (a property, array items, a
 * parameter, a response); for required-ness, the object's `…/required` comes first; for a field
 * present on one side only, the collection it is missing from (`…/properties`, `/parameters`,
 * `/responses`) comes last. An entry naming a field thus explains that field's own constraints,
 * never its sub-fields': no coarse entry can explain a whole body.
 */
export interface Difference {
  operation: string;
  kind: string;
  pointer: string;
  /** What the page says (its converted value), `undefined` where it says nothing. */
  source: unknown;
  /** What the spec says. */
  spec: unknown;
  anchors: string[];
}

interface Extra {
  before?: string[];
  after?: string[];
}

function difference(
  operation: string,
  kind: string,
  pointer: string,
  field: string,
  source: unknown,
  spec: unknown,
  { before = [], after = [] }: Extra = {},
): Difference {
  const chain: string[] = [];
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf("/"))) {
    chain.push(p);
    if (p === field || p === "") break;
  }
  return { operation, kind, pointer, source, spec, anchors: [...before, ...chain, ...after] };
}

interface Place {
  operation: string;
  pointer: string;
  /** The pointer of the field the compared schema belongs to (default: `pointer`). */
  field?: string;
  out: Difference[];
}

const sortedEnum = (values: unknown) => (Array.isArray(values) ? [...values].sort() : values);

/** Compares two normalized schemas, pushing differences into `out`. */
export function compareSchemas(
  src: Normalized,
  spec: Normalized,
  { operation, pointer, field = pointer, out }: Place,
): Difference[] {
  const diff = (kind: string, at: string, s: unknown, t: unknown) =>
    out.push(difference(operation, kind, at, field, s, t));
  for (const [key, kind] of Object.entries(LEAVES)) {
    const a = key === "enum" ? sortedEnum(src[key]) : src[key];
    const b = key === "enum" ? sortedEnum(spec[key]) : spec[key];
    if (!same(a, b)) diff(kind, join(pointer, key), src[key], spec[key]);
  }
  if ((src.additionalProperties === false) !== (spec.additionalProperties === false)) {
    diff(
      "closedness",
      join(pointer, "additionalProperties"),
      src.additionalProperties !== false,
      spec.additionalProperties !== false,
    );
  }
  const names = new Set([...Object.keys(src.properties ?? {}), ...Object.keys(spec.properties ?? {})]);
  const requiredIn = (schema: Normalized, name: string) => (schema.required ?? []).includes(name);
  for (const name of names) {
    const at = join(pointer, "properties", name);
    const a = src.properties?.[name];
    const b = spec.properties?.[name];
    if (a === undefined || b === undefined) {
      const describe = (s: Normalized | undefined, schema: Normalized) =>
        s && (requiredIn(schema, name) ? "required" : "optional");
      out.push(
        difference(operation, "property", at, at, describe(a, src), describe(b, spec), {
          after: [join(pointer, "properties")],
        }),
      );
      continue;
    }
    if (requiredIn(src, name) !== requiredIn(spec, name)) {
      out.push(
        difference(operation, "required", at, at, requiredIn(src, name), requiredIn(spec, name), {
          before: [join(pointer, "required")],
        }),
      );
    }
    compareSchemas(a, b, { operation, pointer: at, out });
  }
  for (const name of [...(src.required ?? []), ...(spec.required ?? [])]) {
    if (!names.has(name)) diff("required", join(pointer, "required"), src.required, spec.required);
  }
  if (src.items !== undefined || spec.items !== undefined) {
    compareSchemas(src.items ?? {}, spec.items ?? {}, { operation, pointer: join(pointer, "items"), out });
  }
  for (const key of ["anyOf", "oneOf"] as const) {
    const a = src[key];
    const b = spec[key];
    if (a === undefined && b === undefined) continue;
    if (a === undefined || b === undefined) {
      diff("combinator", join(pointer, key), a, b);
      continue;
    }
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const at = join(pointer, key, i);
      const ai = a[i];
      const bi = b[i];
      if (ai === undefined || bi === undefined) diff("combinator", at, ai, bi);
      else compareSchemas(ai, bi, { operation, pointer: at, field, out });
    }
  }
  return out;
}

/** Express-style `:name`, as the headings print it, as `{name}`. */
const normalizePath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");

/** Every difference between one page and one operation of the bundle. */
export function compareOperation(
  { operationId, method, path, operation }: SpecOperation,
  source: Source,
  bundle: Document,
): Difference[] {
  const out: Difference[] = [];
  const push = (kind: string, pointer: string, field: string, s: unknown, t: unknown) =>
    out.push(difference(operationId, kind, pointer, field, s, t));
  const server = bundle.servers?.[0]?.url ?? "";
  const METHOD = method.toUpperCase();

  // Method and path, wherever the page prints them (heading, endpoint box, code samples).
  if (source.endpoints.length === 0) push("endpoint", "", "", null, `${METHOD} ${path}`);
  for (const endpoint of source.endpoints) {
    const printed = endpoint.url ?? endpoint.path ?? "";
    const expected = endpoint.url ? server + path : path;
    if (endpoint.method !== METHOD || normalizePath(printed) !== expected) {
      push("endpoint", "", "", `${endpoint.where}: ${endpoint.method} ${printed}`, `${METHOD} ${expected}`);
    }
  }

  // Permission and authentication.
  const requirement = operation.security ?? bundle.security ?? [];
  const permission = requirement[0]?.bearerAuth?.[0] ?? null;
  if (source.permission !== permission)
    push("permission", "/security/0/bearerAuth/0", "/security", source.permission, permission);
  const schemes = requirement
    .flatMap((item) => Object.keys(item))
    .map((name) => bundle.components?.securitySchemes?.[name]);
  const bearer = schemes.length > 0 && schemes.every((scheme) => scheme?.type === "http" && scheme.scheme === "bearer");
  if ((source.auth === "Authorization: Bearer <token>") !== bearer)
    push("auth", "/security", "/security", source.auth, schemes);

  const documented = sourceOperation(source);

  // Parameters, by name.
  const specParameters = new Map(operation.parameters.map((parameter) => [parameter.name, parameter]));
  const pageParameters = new Map(documented.parameters.map((parameter) => [parameter.name, parameter]));
  for (const name of new Set([...pageParameters.keys(), ...specParameters.keys()])) {
    const at = join("/parameters", name);
    const a = pageParameters.get(name);
    const b = specParameters.get(name);
    if (!a || !b) {
      out.push(
        difference(operationId, "parameter", at, at, a && `${a.in} parameter`, b && `${b.in} parameter`, {
          after: ["/parameters"],
        }),
      );
      continue;
    }
    if (a.in !== b.in) push("parameter", join(at, "in"), at, a.in, b.in);
    if (a.required !== (b.required === true))
      push("required", join(at, "required"), at, a.required, b.required === true);
    compareSchemas(normalize(a.schema ?? {}), normalize(b.schema ?? {}, at), {
      operation: operationId,
      pointer: join(at, "schema"),
      field: at,
      out,
    });
  }

  // Request body.
  const specBody = operation.requestBody?.content?.["application/json"]?.schema;
  if (!documented.body !== !specBody)
    push("request-body", "/requestBody", "/requestBody", !!documented.body, !!specBody);
  else if (documented.body && specBody) {
    compareSchemas(normalize(documented.body), normalize(specBody, JSON_BODY_SCHEMA), {
      operation: operationId,
      pointer: JSON_BODY_SCHEMA,
      out,
    });
  }

  // Responses: the status codes, then each printed field list.
  if (documented.responses === null) {
    push(
      "responses",
      "/responses",
      "/responses",
      "printed without status codes or field lists",
      Object.keys(operation.responses),
    );
  } else {
    for (const status of new Set([...Object.keys(documented.responses), ...Object.keys(operation.responses)])) {
      const at = join("/responses", status);
      const a = documented.responses[status];
      const b = operation.responses[status]?.content?.["application/json"]?.schema;
      if (!a || !b) {
        out.push(difference(operationId, "responses", at, at, !!a, !!b, { after: ["/responses"] }));
        continue;
      }
      const schemaAt = join(at, "content", "application/json", "schema");
      compareSchemas(normalize(a), normalize(b, schemaAt), { operation: operationId, pointer: schemaAt, out });
    }
  }
  return out;
}
