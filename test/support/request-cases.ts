// Boundary cases for every constraint of an operation's request, derived from the spec.
//
// For each constraint keyword of the request body and parameters, this produces requests just
// inside the constraint (expected valid) and just outside it (expected invalid). Expectations come
// from the keyword's meaning alone (maxLength n: n characters pass, n + 1 fail), never from a
// validator, so a validator that disagrees with the spec is caught. Each request is complete: all
// required parameters and a body where every property is present, with one value changed.
//
// Used by the spec tests (ajv) and the contract tests (Prism). A keyword this file does not know
// throws, so a new kind of constraint in the spec cannot go untested.
import { isObject, JSON_BODY_SCHEMA, join } from "../../scripts/lib/json.js";
import type { Schema, SpecOperation } from "../../scripts/lib/openapi.js";

/** A complete request: path and query values, and the JSON body when the operation takes one. */
export interface RequestParts {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body?: unknown;
}

/** Where a constrained value travels. */
export type Location = "body" | "path" | "query";

/** One constraint keyword of one field of an operation's request. */
export interface Constraint {
  operationId: string;
  location: Location;
  /** The field as a reader writes it: `displayName`, `applications[0].action`, `(body)`, `page`. */
  field: string;
  keyword: string;
  /** The keyword's JSON pointer in the operation. */
  pointer: string;
}

/** A request just inside (`valid`) or just outside a constraint. */
export interface RequestCase extends Constraint {
  /** `<location> <field> <keyword>: accepts|rejects <label>`, unique within the operation. */
  name: string;
  valid: boolean;
  request: RequestParts;
}

type Token = string | number;

// Keywords that only describe a value (the constraints are KEYWORDS, `required` and `anyOf`).
const ANNOTATIONS = new Set([
  "title",
  "description",
  "examples",
  "default",
  "properties",
  "items",
  "$schema",
  "deprecated",
  "readOnly",
  "writeOnly",
]);
/** The constraints of a schema that are tested keyword by keyword (`required` and `anyOf` apart). */
const KEYWORDS = [
  "type",
  "enum",
  "const",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "additionalProperties",
] as const;
const CONSTRAINTS = new Set<string>([...KEYWORDS, "required", "anyOf"]);

const fieldPath = (parent: string, key: Token): string =>
  typeof key === "number" ? `${parent}[${key}]` : parent && parent !== "(body)" ? `${parent}.${key}` : key;
const clone = <T>(value: T): T => (value === undefined ? value : structuredClone(value));

/** A schema's single type; a list of types is a construct the cases do not cover. */
function typeOf(schema: Schema): string | undefined {
  if (Array.isArray(schema.type)) throw new Error(`request-cases: a list of types is not supported: ${schema.type}`);
  return schema.type;
}

/** A valid value for `schema`, with every optional property present (so nested fields can be mutated). */
export function sampleValue(schema: Schema): unknown {
  if (schema.anyOf) {
    const [first] = schema.anyOf;
    if (!first) throw new Error("request-cases: an empty anyOf");
    return sampleValue(first);
  }
  if ("const" in schema) return clone(schema.const);
  if (schema.examples?.length) return clone(schema.examples[0]);
  if (schema.enum) return clone(schema.enum[0]);
  if ("default" in schema) return clone(schema.default);
  switch (typeOf(schema)) {
    case "object":
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, sampleValue(s)]));
    case "array":
      return [sampleValue(schema.items ?? {})];
    case "string":
      if (schema.format === "email") return "user@example.com";
      if (schema.pattern) throw new Error(`a pattern-constrained string needs examples: ${schema.pattern}`);
      return "x";
    case "integer":
    case "number":
      return schema.minimum ?? 0;
    case "boolean":
      return true;
    default:
      throw new Error(`cannot sample a schema without a known type: ${JSON.stringify(schema)}`);
  }
}

/** Whether a string satisfies a string schema's own keywords (used to pick values outside a union). */
function stringFits(schema: Schema, value: string): boolean {
  if (schema.type && schema.type !== "string") return false;
  if ("const" in schema && schema.const !== value) return false;
  if (schema.enum && !schema.enum.includes(value)) return false;
  if (schema.maxLength !== undefined && [...value].length > schema.maxLength) return false;
  if (schema.minLength !== undefined && [...value].length < schema.minLength) return false;
  if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) return false;
  if (schema.anyOf && !schema.anyOf.some((branch) => stringFits(branch, value))) return false;
  return true;
}

/** Strings near a valid one: one character changed, one added, one removed, plus a few oddities. */
function nearbyStrings(valid: string): string[] {
  return [
    `${valid.slice(0, -1)}g`,
    `${valid}0`,
    valid.slice(0, -1),
    valid.slice(0, 2),
    valid.replace(/.$/, "_"),
    "not valid!",
    "",
  ];
}

/** Values of the wrong JSON type for `type` (strings of digits for numbers: Joi would convert them). */
function wrongTypes(type: string | undefined, location: Location): unknown[] {
  const inUrl = location !== "body";
  switch (type) {
    case "string":
      return [12345];
    case "integer":
      return inUrl ? ["abc", "1.5"] : ["60", 60.5];
    case "number":
      return inUrl ? ["abc"] : ["60"];
    case "boolean":
      return inUrl ? ["maybe"] : ["true", 1];
    case "array":
      return ["x"];
    case "object":
      return ["x", []];
    default:
      throw new Error(`unknown type ${type}`);
  }
}

function nonMember(values: unknown[]): unknown[] {
  if (values.every((v) => typeof v === "number")) {
    for (let n = 0; ; n++) if (!values.includes(n)) return [n];
  }
  return ["KIOSK", `${String(values[0])}_X`, ""].filter((v) => !values.includes(v)).slice(0, 2);
}

interface Visit {
  schema: Schema;
  field: string;
  pointer: string;
  /** Where the value sits in the body (empty for a parameter's own value). */
  path: Token[];
}
type Visitor = (keyword: string, visit: Visit) => void;

/**
 * Walks `schema`, calling `visit(keyword, details)` for every constraint, with the readable field
 * path and the schema pointer. Array items are addressed as index 0 (the sample has one item).
 */
function walkConstraints(schema: Schema, { field, pointer, path }: Omit<Visit, "schema">, visit: Visitor): void {
  for (const keyword of Object.keys(schema)) {
    if (!CONSTRAINTS.has(keyword) && !ANNOTATIONS.has(keyword)) {
      throw new Error(`request-cases: unsupported keyword "${keyword}" at ${pointer}`);
    }
  }
  if (schema.anyOf) {
    // A union is tested as a whole: each branch passes; a value no branch accepts fails.
    visit("anyOf", { schema, field, pointer, path });
    if (schema.type) visit("type", { schema, field, pointer: join(pointer, "type"), path });
    return;
  }
  for (const keyword of KEYWORDS) {
    if (!(keyword in schema)) continue;
    // format on integers (int64) restates the type; ajv's int64 format checks integrality only.
    if (keyword === "format" && schema.type !== "string") continue;
    // additionalProperties: true is the absence of a constraint (a free-form object).
    if (keyword === "additionalProperties" && schema.additionalProperties !== false) continue;
    visit(keyword, { schema, field, pointer: join(pointer, keyword), path });
  }
  for (const name of schema.required ?? []) {
    visit("required", {
      schema,
      field: fieldPath(field, name),
      pointer: join(pointer, "required"),
      path: [...path, name],
    });
  }
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    walkConstraints(
      child,
      { field: fieldPath(field, name), pointer: join(pointer, "properties", name), path: [...path, name] },
      visit,
    );
  }
  if (schema.items) {
    walkConstraints(
      schema.items,
      { field: fieldPath(field, 0), pointer: join(pointer, "items"), path: [...path, 0] },
      visit,
    );
  }
}

type Labelled = [label: string, value: unknown];

/** Inside and outside values for one keyword of one schema, each with a label. */
function boundaryValues(
  keyword: string,
  schema: Schema,
  location: Location,
): { valid: Labelled[]; invalid: Labelled[] } {
  const sample = sampleValue(schema);
  const number = (value: number | undefined): number => {
    if (value === undefined) throw new Error(`request-cases: ${keyword} without a number`);
    return value;
  };
  switch (keyword) {
    case "type":
      return {
        valid: [["a value of its type", sample]],
        invalid: wrongTypes(typeOf(schema), location).map((v) => [`${JSON.stringify(v)} (wrong type)`, v]),
      };
    case "enum": {
      const values = schema.enum ?? [];
      return {
        valid: values.map((v) => [`member ${JSON.stringify(v)}`, v]),
        invalid: nonMember(values).map((v) => [`outsider ${JSON.stringify(v)}`, v]),
      };
    }
    case "const":
      return {
        valid: [["the constant", schema.const]],
        invalid: [["another value", typeof schema.const === "string" ? `${schema.const}x` : null]],
      };
    case "minimum": {
      const minimum = number(schema.minimum);
      return {
        valid: [[`${minimum} (minimum)`, minimum]],
        invalid: [[`${minimum - 1} (minimum - 1)`, minimum - 1]],
      };
    }
    case "maximum": {
      const maximum = number(schema.maximum);
      return {
        valid: [[`${maximum} (maximum)`, maximum]],
        invalid: [[`${maximum + 1} (maximum + 1)`, maximum + 1]],
      };
    }
    case "maxLength":
    case "minLength": {
      if (schema.pattern || schema.format || schema.enum)
        throw new Error(`request-cases: ${keyword} combined with pattern/format/enum is not supported`);
      const n = number(keyword === "maxLength" ? schema.maxLength : schema.minLength);
      const outside = keyword === "maxLength" ? n + 1 : n - 1;
      return {
        valid: [[`${n} characters`, "a".repeat(n)]],
        invalid: outside < 0 ? [] : [[`${outside} characters`, "a".repeat(outside)]],
      };
    }
    case "pattern": {
      if (typeof sample !== "string") throw new Error(`request-cases: a pattern on a ${typeof sample} sample`);
      const regex = new RegExp(schema.pattern ?? "", "u");
      const invalid = [...new Set(nearbyStrings(sample))].filter((s) => !regex.test(s)).slice(0, 3);
      return { valid: [[JSON.stringify(sample), sample]], invalid: invalid.map((v) => [JSON.stringify(v), v]) };
    }
    case "format":
      if (schema.format === "email")
        return { valid: [["an address", "user@example.com"]], invalid: [['"not-an-email"', "not-an-email"]] };
      throw new Error(`request-cases: no boundary values for format ${schema.format}`);
    case "anyOf": {
      const branches = schema.anyOf ?? [];
      const valid = branches.map((branch, i): Labelled => {
        const value = sampleValue(branch);
        return [`branch ${i}: ${JSON.stringify(value)}`, value];
      });
      const candidates = branches.flatMap((branch) => nearbyStrings(String(sampleValue(branch))));
      const invalid = [...new Set(candidates)].filter((s) => !branches.some((b) => stringFits(b, s))).slice(0, 3);
      return { valid, invalid: invalid.map((v) => [`${JSON.stringify(v)} (no branch)`, v]) };
    }
    default:
      throw new Error(`request-cases: no boundary values for ${keyword}`);
  }
}

/** The object or array holding the last token of `path` inside `target`. */
function parentOf(target: unknown, path: Token[]): { node: Record<string, unknown> | unknown[]; key: Token } {
  let node = target;
  for (const token of path.slice(0, -1)) {
    node = Array.isArray(node) ? node[Number(token)] : isObject(node) ? node[token] : undefined;
  }
  const key = path.at(-1);
  if (key === undefined || !(Array.isArray(node) || isObject(node))) {
    throw new Error(`request-cases: no value at ${path.join(".")}`);
  }
  return { node, key };
}

/** Sets the value at `path` inside `target` (every step but the last must exist). */
export function setAt(target: unknown, path: Token[], value: unknown): void {
  const { node, key } = parentOf(target, path);
  if (Array.isArray(node)) node[Number(key)] = value;
  else node[key] = value;
}

function deleteAt(target: unknown, path: Token[]): void {
  const { node, key } = parentOf(target, path);
  if (Array.isArray(node)) node.splice(Number(key), 1);
  else delete node[key];
}

/** The free-form objects of a schema (no declared properties, any key), as paths from its root. */
export function freeFormPaths(schema: Schema, path: Token[] = []): Token[][] {
  const open = schema.additionalProperties !== false && Object.keys(schema.properties ?? {}).length === 0;
  return [
    ...(schema.type === "object" && open ? [path] : []),
    ...Object.entries(schema.properties ?? {}).flatMap(([name, child]) => freeFormPaths(child, [...path, name])),
    ...(schema.items ? freeFormPaths(schema.items, [...path, 0]) : []),
  ];
}

/**
 * Every constraint of an operation's request, and boundary cases for each.
 * `op` is an element of `operations()` (scripts/lib/spec.ts).
 */
export function requestCases(op: SpecOperation): { constraints: Constraint[]; cases: RequestCase[] } {
  const { operationId, operation } = op;
  const constraints: Constraint[] = [];
  const cases: RequestCase[] = [];
  const pathParams = operation.parameters.filter((p) => p.in === "path");
  const queryParams = operation.parameters.filter((p) => p.in === "query");
  const bodySchema = operation.requestBody?.content["application/json"]?.schema;
  const schemaOf = (name: string, schema: Schema | undefined): Schema => {
    if (!schema) throw new Error(`request-cases: ${operationId} parameter ${name} has no schema`);
    return schema;
  };

  const basePath = Object.fromEntries(
    pathParams.map((p) => [p.name, p.example ?? sampleValue(schemaOf(p.name, p.schema))]),
  );
  const baseBody = bodySchema ? sampleValue(bodySchema) : undefined;
  const base = (): RequestParts => ({
    path: { ...basePath },
    query: {},
    ...(bodySchema ? { body: clone(baseBody) } : {}),
  });

  const add = (details: Omit<Constraint, "operationId">, valid: boolean, label: string, request: RequestParts) => {
    cases.push({
      operationId,
      name: `${details.location} ${details.field} ${details.keyword}: ${valid ? "accepts" : "rejects"} ${label}`,
      location: details.location,
      field: details.field,
      keyword: details.keyword,
      pointer: details.pointer,
      valid,
      request,
    });
  };

  // Requests that hold every valid value at once.
  if (bodySchema) {
    add(
      { location: "body", field: "(every field)", keyword: "-", pointer: JSON_BODY_SCHEMA },
      true,
      "a body with every field",
      base(),
    );
    const full = isObject(baseBody) ? baseBody : {};
    const minimal = Object.fromEntries((bodySchema.required ?? []).map((k) => [k, clone(full[k])]));
    add(
      { location: "body", field: "(required fields only)", keyword: "-", pointer: JSON_BODY_SCHEMA },
      true,
      "a body with the required fields only",
      { ...base(), body: minimal },
    );
  } else {
    add(
      { location: "query", field: "(no query)", keyword: "-", pointer: "/parameters" },
      true,
      "no query parameters",
      base(),
    );
  }

  const visitor =
    (location: Location, apply: (request: RequestParts, path: Token[], value: unknown) => void): Visitor =>
    (keyword, { schema, field, pointer, path }) => {
      // In a URL every value is a string, and a list parameter a list of them (one occurrence is a
      // list of one): neither can have the wrong type.
      if (keyword === "type" && location !== "body" && (schema.type === "string" || schema.type === "array")) return;
      const details = { location, field, keyword, pointer };
      constraints.push({ operationId, ...details });
      if (keyword === "required") {
        const request = base();
        apply(request, path, undefined);
        add(details, false, "the field missing", request);
        return;
      }
      if (keyword === "additionalProperties") {
        const request = base();
        apply(request, [...path, "unknownKey"], 1);
        add(details, false, 'an unknown key "unknownKey"', request);
        return;
      }
      const { valid, invalid } = boundaryValues(keyword, schema, location);
      if (invalid.length === 0) throw new Error(`request-cases: no value outside ${keyword} at ${pointer}`);
      for (const [label, value] of valid) {
        const request = base();
        apply(request, path, value);
        add(details, true, label, request);
      }
      for (const [label, value] of invalid) {
        const request = base();
        apply(request, path, value);
        add(details, false, label, request);
      }
    };

  if (bodySchema) {
    walkConstraints(
      bodySchema,
      { field: "(body)", pointer: JSON_BODY_SCHEMA, path: [] },
      visitor("body", (request, path, value) => {
        if (path.length === 0) request.body = value;
        else if (value === undefined) deleteAt(request.body, path);
        else setAt(request.body, path, value);
      }),
    );
  }
  for (const param of [...pathParams, ...queryParams]) {
    const bucket = param.in === "path" ? "path" : "query";
    // `required` on a path parameter is not tested: without it the URL is a different route.
    walkConstraints(
      schemaOf(param.name, param.schema),
      { field: param.name, pointer: join("/parameters", param.name, "schema"), path: [] },
      // A value of a list parameter's items is sent as a list of one.
      visitor(bucket, (request, path, value) => {
        request[bucket][param.name] = path.length > 0 ? [value] : value;
      }),
    );
  }
  return { constraints, cases };
}
