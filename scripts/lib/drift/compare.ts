// Every difference between what a page documents (converted by ./sources.ts) and one operation of
// the spec: properties, constraints, parameters, the printed method and path, the permission.
import { JSON_BODY_SCHEMA, join, same } from "../json.js";
import type { Document, SpecOperation } from "../openapi.js";
import { LEAVES, type Normalized, normalize, PARTIAL } from "./normalize.js";
import { type Page, sourceOperation } from "./sources.js";

/** The kinds of difference the check reports; a ledger entry names one with each pointer it explains. */
export const DIFFERENCE_KINDS = [
  "endpoint",
  "permission",
  "auth",
  "parameter",
  "request-body",
  "responses",
  "property",
  "required",
  "closedness",
  ...new Set(Object.values(LEAVES)),
] as const;

/**
 * One difference: `pointer` is where it is (a JSON pointer into the operation, as the ledger writes
 * them), `kind` what differs there (one of {@link DIFFERENCE_KINDS}), `source` and `spec` the two
 * values. A ledger entry explains it only by naming that pointer, that kind and the spec's value.
 */
export interface Difference {
  operation: string;
  /** The rendering of the page it was found in (see spec/sources/README.md); absent for the one transcribed in full. */
  rendering?: string;
  kind: string;
  pointer: string;
  /** What the page says (its converted value), `undefined` where it says nothing. */
  source: unknown;
  /** What the spec says, `undefined` where it says nothing. */
  spec: unknown;
}

const difference = (
  operation: string,
  rendering: string | undefined,
  kind: string,
  pointer: string,
  source: unknown,
  spec: unknown,
): Difference => ({ operation, ...(rendering === undefined ? {} : { rendering }), kind, pointer, source, spec });

/** The spec's object restricted to the fields a cut-off field list of a page lists. */
function restrict(spec: Normalized, names: string[]): Normalized {
  const properties = Object.fromEntries(Object.entries(spec.properties ?? {}).filter(([name]) => names.includes(name)));
  const required = (spec.required ?? []).filter((name) => names.includes(name));
  return { ...spec, properties, ...(spec.required ? { required } : {}) };
}

interface Place {
  operation: string;
  rendering?: string | undefined;
  pointer: string;
  out: Difference[];
}

const sortedEnum = (values: unknown) => (Array.isArray(values) ? [...values].sort() : values);

/** Compares two normalized schemas, pushing differences into `out`. */
export function compareSchemas(
  src: Normalized,
  full: Normalized,
  { operation, rendering, pointer, out }: Place,
): Difference[] {
  const spec = src[PARTIAL] ? restrict(full, Object.keys(src.properties ?? {})) : full;
  const diff = (kind: string, at: string, s: unknown, t: unknown) =>
    out.push(difference(operation, rendering, kind, at, s, t));
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
      diff("property", at, describe(a, src), describe(b, spec));
      continue;
    }
    if (requiredIn(src, name) !== requiredIn(spec, name))
      diff("required", at, requiredIn(src, name), requiredIn(spec, name));
    compareSchemas(a, b, { operation, rendering, pointer: at, out });
  }
  for (const name of [...(src.required ?? []), ...(spec.required ?? [])]) {
    if (!names.has(name)) diff("required", join(pointer, "required"), src.required, spec.required);
  }
  if (src.items !== undefined || spec.items !== undefined) {
    compareSchemas(src.items ?? {}, spec.items ?? {}, { operation, rendering, pointer: join(pointer, "items"), out });
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
      else compareSchemas(ai, bi, { operation, rendering, pointer: at, out });
    }
  }
  return out;
}

/** Express-style `:name`, as the headings print it, as `{name}`. */
const normalizePath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");

/**
 * Every difference between one rendering of a page and one operation of the bundle. A part the
 * rendering was not seen to print (`undefined` in the page) is not compared.
 */
export function compareOperation(
  { operationId, method, path, operation }: SpecOperation,
  page: Page,
  bundle: Document,
): Difference[] {
  const out: Difference[] = [];
  const { rendering } = page;
  const place = (pointer: string) => ({ operation: operationId, rendering, pointer, out });
  const push = (kind: string, pointer: string, s: unknown, t: unknown) =>
    out.push(difference(operationId, rendering, kind, pointer, s, t));
  const server = bundle.servers?.[0]?.url ?? "";
  const METHOD = method.toUpperCase();

  // Method and path, wherever the page prints them (heading, endpoint box, code samples).
  if (page.endpoints?.length === 0) push("endpoint", "", null, `${METHOD} ${path}`);
  for (const endpoint of page.endpoints ?? []) {
    const printed = endpoint.url ?? endpoint.path ?? "";
    const expected = endpoint.url ? server + path : path;
    if (endpoint.method !== METHOD || normalizePath(printed) !== expected) {
      push("endpoint", "", `${endpoint.where}: ${endpoint.method} ${printed}`, `${METHOD} ${expected}`);
    }
  }

  // Permission and authentication.
  const requirement = operation.security ?? bundle.security ?? [];
  const permission = requirement[0]?.bearerAuth?.[0] ?? null;
  if (page.permission !== undefined && page.permission !== permission)
    push("permission", "/security/0/bearerAuth/0", page.permission, permission);
  const schemes = requirement
    .flatMap((item) => Object.keys(item))
    .map((name) => bundle.components?.securitySchemes?.[name]);
  const bearer = schemes.length > 0 && schemes.every((scheme) => scheme?.type === "http" && scheme.scheme === "bearer");
  if (page.auth !== undefined && (page.auth === "Authorization: Bearer <token>") !== bearer)
    push("auth", "/security", page.auth, schemes);

  const documented = sourceOperation(page);

  // Parameters, by name.
  if (documented.parameters) {
    const specParameters = new Map(operation.parameters.map((parameter) => [parameter.name, parameter]));
    const pageParameters = new Map(documented.parameters.map((parameter) => [parameter.name, parameter]));
    for (const name of new Set([...pageParameters.keys(), ...specParameters.keys()])) {
      const at = join("/parameters", name);
      const a = pageParameters.get(name);
      const b = specParameters.get(name);
      if (!a || !b) {
        push("parameter", at, a && `${a.in} parameter`, b && `${b.in} parameter`);
        continue;
      }
      if (a.in !== b.in) push("parameter", join(at, "in"), a.in, b.in);
      if (a.required !== (b.required === true)) push("required", join(at, "required"), a.required, b.required === true);
      compareSchemas(normalize(a.schema ?? {}), normalize(b.schema ?? {}, at), place(join(at, "schema")));
    }
  }

  // Request body.
  const specBody = operation.requestBody?.content?.["application/json"]?.schema;
  if (documented.body !== undefined) {
    if (!documented.body !== !specBody) push("request-body", "/requestBody", !!documented.body, !!specBody);
    else if (documented.body && specBody) {
      compareSchemas(normalize(documented.body), normalize(specBody, JSON_BODY_SCHEMA), place(JSON_BODY_SCHEMA));
    }
  }

  // Responses: the status codes, then each printed field list.
  if (documented.responses === null) {
    push("responses", "/responses", "printed without status codes or field lists", Object.keys(operation.responses));
  } else if (documented.responses) {
    for (const status of new Set([...Object.keys(documented.responses), ...Object.keys(operation.responses)])) {
      const at = join("/responses", status);
      const a = documented.responses[status];
      const b = operation.responses[status]?.content?.["application/json"]?.schema;
      if (!a || !b) {
        push("responses", at, !!a, !!b);
        continue;
      }
      const schemaAt = join(at, "content", "application/json", "schema");
      compareSchemas(normalize(a), normalize(b, schemaAt), place(schemaAt));
    }
  }
  return out;
}
