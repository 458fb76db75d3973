// The source-drift engine: what each vendor page says (spec/sources/, converted mechanically),
// held against the hand-normalized spec, and every difference matched to the ledger entry that
// explains it. Pure functions over in-memory documents; scripts/check-drift.mjs is the CLI.
import { readdirSync, readFileSync } from "node:fs";
import { convertDump } from "../joi-to-json-schema.mjs";
import { ROOT, operations, resolvePointer } from "./spec.mjs";

const JSON_BODY = "application/json";
const escapeToken = (token) => String(token).replace(/~/g, "~0").replace(/\//g, "~1");
/** Appends tokens to a JSON pointer. */
export const join = (pointer, ...tokens) => pointer + tokens.map((token) => "/" + escapeToken(token)).join("");
const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const canonical = (value) =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(",")}]`
    : isObject(value)
      ? `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(",")}}`
      : JSON.stringify(value);
const same = (a, b) => canonical(a) === canonical(b);

// ------------------------------------------------------------------------------------ sources

/** Every spec/sources/*.json, keyed by operationId. */
export function loadSources() {
  const dir = new URL("spec/sources/", ROOT);
  const sources = {};
  for (const file of readdirSync(dir).filter((name) => name.endsWith(".json")).sort()) {
    const source = JSON.parse(readFileSync(new URL(file, dir), "utf8"));
    if (`${source.operationId}.json` !== file) throw new Error(`spec/sources/${file}: operationId ${source.operationId} does not match the file name`);
    sources[source.operationId] = source;
  }
  return sources;
}

const PRINTED = [
  [/^≤ (\d+) characters$/, (s, m) => (s.maxLength = Number(m[1]))],
  [/^≥ (-?\d+(?:\.\d+)?)$/, (s, m) => (s.minimum = Number(m[1]))],
  [/^≤ (-?\d+(?:\.\d+)?)$/, (s, m) => (s.maximum = Number(m[1]))],
  [/^Format: (\S+)$/, (s, m) => (s.format = m[1])],
  [/^Match pattern: (.+)$/, (s, m) => (s.pattern = m[1])],
];

/**
 * One field of a page's parameter or response list, as transcribed: `type` as printed
 * ("string", "array [object]", "any", ...), `presence`, `printed` constraint lines, `values`
 * (the values printed under the field), `fields` (the nested list). Says nothing the page does
 * not: no closedness, no format unless printed.
 */
export function fieldToSchema(field, at = "") {
  const array = /^array \[(\w+)\]$/.exec(field.type);
  const own = array ? { type: "array", items: scalarType(array[1], at) } : scalarType(field.type, at);
  const target = array ? own.items : own;
  for (const line of field.printed ?? []) {
    const rule = PRINTED.find(([regex]) => regex.test(line));
    if (!rule) throw new Error(`${at}: unknown printed constraint "${line}"`);
    rule[1](target, rule[0].exec(line));
  }
  if (field.values) target.enum = field.values;
  if (field.fields) Object.assign(target, fieldsToObject(field.fields, at));
  return own;
}

function scalarType(type, at) {
  if (type === "any") return {};
  if (["string", "integer", "number", "boolean", "object"].includes(type)) return { type };
  throw new Error(`${at}: unknown printed type "${type}"`);
}

/** A printed field list as an object schema (open: the pages say nothing about extra fields). */
export function fieldsToObject(fields, at = "") {
  const properties = {};
  const required = [];
  for (const [name, field] of Object.entries(fields)) {
    if (!["optional", "required"].includes(field.presence)) throw new Error(`${at}/${name}: presence must be optional or required`);
    properties[name] = fieldToSchema(field, `${at}/${name}`);
    if (field.presence === "required") required.push(name);
  }
  return { type: "object", properties, ...(required.length > 0 ? { required } : {}) };
}

/** What a page documents about its operation, in the spec's terms. */
export function sourceOperation(source) {
  const templates = source.endpoints.map((endpoint) => endpoint.path ?? endpoint.url);
  const inPath = (name) => templates.some((template) => template.includes(`{${name}}`) || template.includes(`:${name}`));
  const parameters = source.parameters.map(({ name, ...field }) => ({
    name,
    in: inPath(name) ? "path" : "query", // the pages list both kinds together; a name in the path template is a path parameter
    required: field.presence === "required",
    schema: fieldToSchema(field, `parameters/${name}`),
  }));
  return { parameters, body: source.requestBody && bodySchema(source.requestBody), responses: responseSchemas(source.responses) };
}

/** The converted dump, plus the extra top-level keys: typed by the page's table row if it has one, else unconstrained. */
function bodySchema({ joi, table }) {
  const { schema, extras } = convertDump(joi);
  for (const [name, printedValue] of Object.entries(extras)) {
    const row = table?.[name];
    schema.properties[name] = row ? fieldToSchema(row, `requestBody/${name}`) : { $comment: `printed beside the dump as ${JSON.stringify(printedValue)}` };
    if (row?.presence === "required") schema.required = [...(schema.required ?? []), name];
  }
  for (const name of Object.keys(table ?? {})) {
    if (!(name in extras)) throw new Error(`requestBody.table.${name} is not a key printed beside the dump`);
  }
  return schema;
}

function responseSchemas(responses) {
  if (responses === null) return null;
  return Object.fromEntries(Object.entries(responses).map(([status, fields]) => [status, fieldsToObject(fields, `responses/${status}`)]));
}

// ------------------------------------------------------------------------------ normalization

const ANNOTATIONS = new Set(["title", "description", "examples", "example", "$comment", "deprecated", "readOnly", "writeOnly", "externalDocs", "xml"]);
const LEAVES = {
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
const STRUCTURE = new Set(["properties", "required", "items", "additionalProperties", "anyOf", "oneOf", "allOf", "const"]);

/**
 * A schema in a canonical form for comparison: annotations dropped, allOf merged, `const` as a
 * one-value enum, `type` a sorted list (derived from the enum when absent), objects open unless
 * `additionalProperties: false`. Unknown keywords are an error, so none is silently ignored.
 */
export function normalize(schema, at = "") {
  if (typeof schema === "boolean") return schema;
  if (!isObject(schema)) throw new Error(`${at}: not a schema`);
  let out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key) || key.startsWith("x-")) continue;
    if (!(key in LEAVES) && !STRUCTURE.has(key)) throw new Error(`${at}: unsupported keyword "${key}"`);
    if (key === "properties") out.properties = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, normalize(sub, join(at, key, name))]));
    else if (key === "items" || key === "not") out[key] = normalize(value, join(at, key));
    else if (key === "anyOf" || key === "oneOf") out[key] = value.map((sub, i) => normalize(sub, join(at, key, i)));
    else if (key === "additionalProperties") {
      if (value === false) out.additionalProperties = false;
      else if (value !== true && !(isObject(value) && Object.keys(value).length === 0)) throw new Error(`${at}: additionalProperties must be a boolean`);
    } else if (key === "const") out.enum = [value];
    else if (key !== "allOf") out[key] = value;
  }
  if ("const" in schema && "enum" in schema) throw new Error(`${at}: both const and enum`);
  for (const [i, branch] of (schema.allOf ?? []).entries()) out = merge(out, normalize(branch, join(at, "allOf", i)), at);
  if (out.type !== undefined) out.type = [...new Set([out.type].flat())].sort();
  else if (out.enum) out.type = enumTypes(out.enum);
  else if (out.anyOf?.every((branch) => branch.type && same(branch.type, out.anyOf[0].type))) out.type = out.anyOf[0].type; // implied by every branch
  return out;
}

function enumTypes(values) {
  const types = new Set(values.map((v) => (v === null ? "null" : Number.isInteger(v) ? "integer" : typeof v)));
  if (types.has("number")) types.delete("integer");
  return [...types].sort();
}

/** allOf: the conjunction of two normalized schemas, which here never constrain the same keyword differently. */
function merge(a, b, at) {
  const out = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (key === "properties") {
      out.properties = { ...a.properties };
      for (const [name, sub] of Object.entries(value)) out.properties[name] = name in out.properties ? merge(out.properties[name], sub, join(at, key, name)) : sub;
    } else if (key === "required") out.required = [...new Set([...(a.required ?? []), ...value])];
    else if (key in a && !same(a[key], value)) throw new Error(`${at}: allOf branches disagree on "${key}"`);
    else out[key] = value;
  }
  return out;
}

// -------------------------------------------------------------------------------- comparison

/**
 * One difference. `pointer` is where it is (a JSON pointer into the operation, as the ledger
 * writes them). `anchors` are the pointers a ledger entry may name to explain it, most specific
 * first: the pointer itself and its ancestors up to the field it belongs to (a property, array
 * items, a parameter, a response); for required-ness, the object's `…/required` comes first; for a
 * field present on one side only, the collection it is missing from (`…/properties`,
 * `/parameters`, `/responses`) comes last. An entry naming a field thus explains that field's
 * own constraints, never its sub-fields': no coarse entry can explain a whole body.
 */
function difference(operation, kind, pointer, field, source, spec, { before = [], after = [] } = {}) {
  const chain = [];
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf("/"))) {
    chain.push(p);
    if (p === field || p === "") break;
  }
  return { operation, kind, pointer, source, spec, anchors: [...before, ...chain, ...after] };
}

/** Compares two normalized schemas, pushing differences into `out`. */
export function compareSchemas(src, spec, { operation, pointer, field = pointer, out }) {
  const diff = (kind, at, s, t, extra) => out.push(difference(operation, kind, at, field, s, t, extra));
  if (typeof src === "boolean" || typeof spec === "boolean") {
    if (!same(src, spec)) diff("schema", pointer, src, spec);
    return out;
  }
  for (const [key, kind] of Object.entries(LEAVES)) {
    const a = key === "enum" && src[key] ? [...src[key]].sort() : src[key];
    const b = key === "enum" && spec[key] ? [...spec[key]].sort() : spec[key];
    if (!same(a, b)) diff(kind, join(pointer, key), src[key], spec[key]);
  }
  if ((src.additionalProperties === false) !== (spec.additionalProperties === false)) {
    diff("closedness", join(pointer, "additionalProperties"), src.additionalProperties === false ? false : true, spec.additionalProperties === false ? false : true);
  }
  const names = new Set([...Object.keys(src.properties ?? {}), ...Object.keys(spec.properties ?? {})]);
  const requiredIn = (schema, name) => (schema.required ?? []).includes(name);
  for (const name of names) {
    const at = join(pointer, "properties", name);
    const a = src.properties?.[name];
    const b = spec.properties?.[name];
    if (a === undefined || b === undefined) {
      const describe = (s, schema) => s && (requiredIn(schema, name) ? "required" : "optional");
      out.push(difference(operation, "property", at, at, describe(a, src), describe(b, spec), { after: [join(pointer, "properties")] }));
      continue;
    }
    if (requiredIn(src, name) !== requiredIn(spec, name)) {
      out.push(difference(operation, "required", at, at, requiredIn(src, name), requiredIn(spec, name), { before: [join(pointer, "required")] }));
    }
    compareSchemas(a, b, { operation, pointer: at, out });
  }
  for (const name of [...(src.required ?? []), ...(spec.required ?? [])]) {
    if (!names.has(name)) diff("required", join(pointer, "required"), src.required, spec.required);
  }
  if (src.items !== undefined || spec.items !== undefined) {
    compareSchemas(src.items ?? {}, spec.items ?? {}, { operation, pointer: join(pointer, "items"), out });
  }
  for (const key of ["anyOf", "oneOf"]) {
    if (src[key] === undefined && spec[key] === undefined) continue;
    if (src[key] === undefined || spec[key] === undefined) {
      diff("combinator", join(pointer, key), src[key], spec[key]);
      continue;
    }
    for (let i = 0; i < Math.max(src[key].length, spec[key].length); i++) {
      const at = join(pointer, key, i);
      if (src[key][i] === undefined || spec[key][i] === undefined) diff("combinator", at, src[key][i], spec[key][i]);
      else compareSchemas(src[key][i], spec[key][i], { operation, pointer: at, field, out });
    }
  }
  return out;
}

const normalizePath = (path) => path.replace(/:([A-Za-z0-9_]+)/g, "{$1}"); // Express-style :name, as the headings print it

/** Every difference between one page and one operation of the bundle. */
export function compareOperation({ operationId, method, path, operation }, source, bundle) {
  const out = [];
  const push = (...args) => out.push(difference(operationId, ...args));
  const server = bundle.servers?.[0]?.url ?? "";

  // Method and path, wherever the page prints them (heading, endpoint box, code samples).
  if (source.endpoints.length === 0) push("endpoint", "", "", null, `${method.toUpperCase()} ${path}`);
  for (const endpoint of source.endpoints) {
    const printed = endpoint.url ?? endpoint.path;
    const expected = endpoint.url ? server + path : path;
    if (endpoint.method !== method.toUpperCase() || normalizePath(printed) !== expected) {
      push("endpoint", "", "", `${endpoint.where}: ${endpoint.method} ${printed}`, `${method.toUpperCase()} ${expected}`);
    }
  }

  // Permission and authentication.
  const requirement = operation.security ?? bundle.security ?? [];
  const permission = requirement[0]?.bearerAuth?.[0] ?? null;
  if (source.permission !== permission) push("permission", "/security/0/bearerAuth/0", "/security", source.permission, permission);
  const schemes = requirement.flatMap((item) => Object.keys(item)).map((name) => bundle.components?.securitySchemes?.[name]);
  const bearer = schemes.length > 0 && schemes.every((scheme) => scheme?.type === "http" && scheme.scheme === "bearer");
  if ((source.auth === "Authorization: Bearer <token>") !== bearer) push("auth", "/security", "/security", source.auth, schemes);

  const documented = sourceOperation(source);

  // Parameters, by name.
  const specParameters = new Map(operation.parameters.map((parameter) => [parameter.name, parameter]));
  const pageParameters = new Map(documented.parameters.map((parameter) => [parameter.name, parameter]));
  for (const name of new Set([...pageParameters.keys(), ...specParameters.keys()])) {
    const at = join("/parameters", name);
    const a = pageParameters.get(name);
    const b = specParameters.get(name);
    if (!a || !b) {
      out.push(difference(operationId, "parameter", at, at, a && `${a.in} parameter`, b && `${b.in} parameter`, { after: ["/parameters"] }));
      continue;
    }
    if (a.in !== b.in) push("parameter", join(at, "in"), at, a.in, b.in);
    if (a.required !== (b.required === true)) push("required", join(at, "required"), at, a.required, b.required === true);
    compareSchemas(normalize(a.schema), normalize(b.schema ?? {}, at), { operation: operationId, pointer: join(at, "schema"), field: at, out });
  }

  // Request body.
  const specBody = operation.requestBody?.content?.[JSON_BODY]?.schema;
  const bodyAt = join("/requestBody", "content", JSON_BODY, "schema");
  if (!documented.body !== !specBody) push("request-body", "/requestBody", "/requestBody", !!documented.body, !!specBody);
  else if (specBody) compareSchemas(normalize(documented.body), normalize(specBody, bodyAt), { operation: operationId, pointer: bodyAt, out });

  // Responses: the status codes, then each printed field list.
  if (documented.responses === null) {
    push("responses", "/responses", "/responses", "printed without status codes or field lists", Object.keys(operation.responses));
  } else {
    for (const status of new Set([...Object.keys(documented.responses), ...Object.keys(operation.responses)])) {
      const at = join("/responses", status);
      const a = documented.responses[status];
      const b = operation.responses[status]?.content?.[JSON_BODY]?.schema;
      if (!a || !b) {
        out.push(difference(operationId, "responses", at, at, !!a, !!b, { after: ["/responses"] }));
        continue;
      }
      const schemaAt = join(at, "content", JSON_BODY, "schema");
      compareSchemas(normalize(a), normalize(b, schemaAt), { operation: operationId, pointer: schemaAt, out });
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------ ledger

/**
 * Matches differences to ledger entries. An entry explains a difference when it lists the
 * difference's operation and names its most specific anchor that any entry names: an entry on a
 * field's `…/enum` explains the enum difference, and an entry on the whole field only what no
 * more precise entry explains. Every difference must be explained. Every entry must explain at
 * least one, except entries marked `drift: none` (a printed value or a judgement that produces no
 * structural difference), which must not name any anchor of any difference. A pointer of an
 * entry that explains nothing, where the page documents that part of the operation
 * (`documented(operationId, pointer)`), is idle: a partly stale entry.
 */
export function explain(differences, ledger, documented = () => true) {
  const entries = ledger.entries;
  const problems = [];
  for (const entry of entries) {
    if (entry.drift !== undefined && entry.drift !== "none") problems.push(`ledger entry ${entry.id}: drift must be "none" or absent, not ${JSON.stringify(entry.drift)}`);
  }
  const names = (entry, d, anchor) => entry.operations.includes(d.operation) && entry.pointers.includes(anchor);
  const used = new Map(entries.map((entry) => [entry.id, new Set()])); // the pointers of each entry that explain something
  for (const d of differences) {
    d.explainedBy = [];
    for (const anchor of d.anchors) {
      const found = entries.filter((entry) => entry.drift !== "none" && names(entry, d, anchor));
      if (found.length === 0) continue;
      d.explainedBy = found.map((entry) => entry.id);
      for (const entry of found) used.get(entry.id).add(anchor);
      break;
    }
  }
  const unexplained = differences.filter((d) => d.explainedBy.length === 0);
  const stale = [];
  const falselyNone = [];
  const idle = [];
  for (const entry of entries) {
    if (entry.drift === "none") {
      const explained = differences.filter((d) => d.anchors.some((anchor) => names(entry, d, anchor)));
      if (explained.length > 0) falselyNone.push({ entry, explained });
    } else if (used.get(entry.id).size === 0) stale.push(entry);
    else {
      for (const pointer of entry.pointers) {
        if (!used.get(entry.id).has(pointer) && entry.operations.some((op) => documented(op, pointer))) idle.push({ entry, pointer });
      }
    }
  }
  return { unexplained, stale, falselyNone, idle, problems };
}

/**
 * Whether a page documents the part of its operation a pointer names (so a difference there
 * would be seen): the pointer resolves in the operation and lies in a part the page prints,
 * i.e. not in examples and not in a response the page prints without a field list.
 */
export function documentedBy(op, source, pointer) {
  if (resolvePointer(op.operation, pointer) === undefined) return false;
  if (/\/examples?(\/|$)/.test(pointer)) return false;
  const response = /^\/responses\/([^/]+)/.exec(pointer);
  if (response) return source.responses !== null && response[1] in source.responses;
  if (pointer.startsWith("/requestBody")) return source.requestBody !== null;
  return true;
}

/** The whole check over in-memory documents: { differences, unexplained, stale, falselyNone, idle, problems, ok }. */
export function checkDrift({ bundle, sources, ledger }) {
  const ops = operations(bundle);
  const problems = [];
  const differences = [];
  for (const op of ops) {
    const source = sources[op.operationId];
    if (!source) problems.push(`${op.operationId}: no page in spec/sources/`);
    else differences.push(...compareOperation(op, source, bundle));
  }
  for (const id of Object.keys(sources)) {
    if (!ops.some((op) => op.operationId === id)) problems.push(`spec/sources/${id}.json: no such operation in the spec`);
  }
  const byId = new Map(ops.map((op) => [op.operationId, op]));
  const documented = (id, pointer) => byId.has(id) && id in sources && documentedBy(byId.get(id), sources[id], pointer);
  const result = explain(differences, ledger, documented);
  result.problems.unshift(...problems);
  const ok = [result.unexplained, result.stale, result.falselyNone, result.idle, result.problems].every((list) => list.length === 0);
  return { differences, ...result, ok };
}

/** Counts by a key function, sorted by count. */
export function countBy(items, key) {
  const counts = new Map();
  for (const item of items) for (const k of [key(item)].flat()) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
}
