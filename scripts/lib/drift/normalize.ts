// Schemas in a canonical form for comparison: annotations dropped, allOf merged, `const` as a
// one-value enum, `type` a sorted list (derived from the enum when absent), objects open unless
// `additionalProperties: false`. Unknown keywords are an error, so none is silently ignored.
import { isObject, join, same } from "../json.js";

/** A normalized schema: only the keywords below, `type` always a sorted list. */
export interface Normalized {
  type?: string[];
  properties?: Record<string, Normalized>;
  required?: string[];
  items?: Normalized;
  additionalProperties?: false;
  anyOf?: Normalized[];
  oneOf?: Normalized[];
  not?: Normalized;
  enum?: unknown[];
  [leaf: string]: unknown;
}

/**
 * Marks a page's field list that was cut off (spec/sources/README.md, `complete: false`): the
 * comparison looks only at the fields it lists. Never found in the spec.
 */
export const PARTIAL = "x-partial-field-list";

/** Keywords that annotate a schema and never constrain it. */
const ANNOTATIONS = new Set([
  "title",
  "description",
  "examples",
  "example",
  "$comment",
  "deprecated",
  "readOnly",
  "writeOnly",
  "externalDocs",
  "xml",
]);

/** Constraint keywords compared as values, and the kind of difference each makes. */
export const LEAVES: Record<string, string> = {
  type: "type",
  enum: "enum",
  format: "format",
  pattern: "pattern",
  minLength: "bounds",
  maxLength: "bounds",
  minimum: "bounds",
  maximum: "bounds",
  exclusiveMinimum: "bounds",
  exclusiveMaximum: "bounds",
  multipleOf: "bounds",
  minItems: "bounds",
  maxItems: "bounds",
  uniqueItems: "bounds",
  minProperties: "bounds",
  maxProperties: "bounds",
  default: "default",
  not: "combinator",
};
const STRUCTURE = new Set([
  "properties",
  "required",
  "items",
  "additionalProperties",
  "anyOf",
  "oneOf",
  "allOf",
  "const",
]);

export function normalize(schema: unknown, at = ""): Normalized {
  if (!isObject(schema)) throw new Error(`${at}: not a schema`);
  let out: Normalized = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === PARTIAL) out[PARTIAL] = true;
    if (ANNOTATIONS.has(key) || key.startsWith("x-")) continue;
    if (!(key in LEAVES) && !STRUCTURE.has(key)) throw new Error(`${at}: unsupported keyword "${key}"`);
    if (key === "properties" && isObject(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, normalize(sub, join(at, key, name))]),
      );
    } else if (key === "items" || key === "not") out[key] = normalize(value, join(at, key));
    else if ((key === "anyOf" || key === "oneOf") && Array.isArray(value)) {
      out[key] = value.map((sub, i) => normalize(sub, join(at, key, i)));
    } else if (key === "additionalProperties") {
      if (value === false) out.additionalProperties = false;
      else if (value !== true && !(isObject(value) && Object.keys(value).length === 0)) {
        throw new Error(`${at}: additionalProperties must be a boolean`);
      }
    } else if (key === "const") out.enum = [value];
    else if (key !== "allOf") out[key] = value;
  }
  if ("const" in schema && "enum" in schema) throw new Error(`${at}: both const and enum`);
  const allOf = Array.isArray(schema.allOf) ? schema.allOf : [];
  for (const [i, branch] of allOf.entries()) out = merge(out, normalize(branch, join(at, "allOf", i)), at);
  out = foldNullable(out);
  if (out.type !== undefined) out.type = [...new Set([out.type].flat().map(String))].sort();
  else if (out.enum) out.type = enumTypes(out.enum);
  else {
    // A type implied by every branch of an anyOf.
    const first = out.anyOf?.[0]?.type;
    if (first && out.anyOf?.every((branch) => same(branch.type, first))) out.type = first;
  }
  return out;
}

/** Keywords that constrain a value of any type, so `null` may not simply be added to the type beside them. */
const ANY_TYPE = ["enum", "not", "anyOf", "oneOf"];

/**
 * `anyOf: [X, {type: "null"}]` and nothing else, where X constrains only by type-specific keywords,
 * read as X with `null` added to its type: the two accept the same values, and a spec written either
 * way compares alike (a page prints X; a nullable field differs from it in its type only).
 */
function foldNullable(schema: Normalized): Normalized {
  const { anyOf, ...rest } = schema;
  if (anyOf?.length !== 2 || Object.keys(rest).length > 0) return schema;
  const isNull = (branch: Normalized) => same(branch, { type: ["null"] });
  const other = anyOf.find((branch) => !isNull(branch));
  if (!other || !anyOf.some(isNull) || other.type === undefined) return schema;
  if (ANY_TYPE.some((key) => key in other)) return schema;
  return { ...other, type: [...new Set([...(other.type ?? []), "null"])].sort() };
}

function enumTypes(values: unknown[]): string[] {
  const types = new Set(values.map((v) => (v === null ? "null" : Number.isInteger(v) ? "integer" : typeof v)));
  if (types.has("number")) types.delete("integer");
  return [...types].sort();
}

/** allOf: the conjunction of two normalized schemas, which here never constrain the same keyword differently. */
function merge(a: Normalized, b: Normalized, at: string): Normalized {
  const out: Normalized = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (key === "properties" && isObject(value)) {
      const properties: Record<string, Normalized> = { ...a.properties };
      for (const [name, sub] of Object.entries(value as Record<string, Normalized>)) {
        const mine = properties[name];
        properties[name] = mine ? merge(mine, sub, join(at, key, name)) : sub;
      }
      out.properties = properties;
    } else if (key === "required") out.required = [...new Set([...(a.required ?? []), ...(value as string[])])];
    else if (key in a && !same(a[key], value)) throw new Error(`${at}: allOf branches disagree on "${key}"`);
    else out[key] = value;
  }
  return out;
}
