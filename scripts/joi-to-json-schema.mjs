// Converts a Joi 14/15 describe() dump, as Applivery's reference pages print it, to JSON Schema.
//
// The pages damage the dump (../shared/SOURCES.md): the renderer keeps only the first element of
// every array (so `valids: "es"` is the one value it printed, and `rules` is one rule object), it
// prints a RegExp as the placeholder {"pattern": "string"}, and every flag as true. This converter
// applies only what the dump itself says and never restores what the renderer cut:
//   - a truncated list counts as its printed element(s); `allowOnly` + `valids: "es"` is enum ["es"];
//   - a placeholder regex adds no pattern (it is noted in $comment);
//   - `invalids: null` adds nothing: JSON prints Joi's forbidden ±Infinity as null;
//   - `flags.unsafe: true` means no safe-integer bounds; a number without it gets them (Joi's default).
// Anything it does not know (a Joi type, key, flag or rule) is an error naming where it is, so a
// change in a vendor page cannot slip through unconverted.
//
// CLI: node scripts/joi-to-json-schema.mjs spec/sources/<operationId>.json  (prints the body schema)
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const COMMON_KEYS = new Set(["type", "flags", "description", "examples", "notes", "tags", "label", "unit", "meta", "valids", "invalids", "rules"]);
const TYPE_KEYS = { any: [], string: [], number: [], boolean: ["truthy", "falsy"], object: ["children"], array: ["items"] };
const FLAGS = new Set(["presence", "allowOnly", "unsafe", "sparse", "insensitive", "allowUnknown", "default"]);
const PLACEHOLDER = "regex rule printed as a placeholder: its pattern is unknown";

export class JoiConversionError extends Error {
  constructor(at, message) {
    super(`${at || "(root)"}: ${message}`);
    this.name = "JoiConversionError";
    this.at = at;
  }
}

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const asList = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const jsonType = (value) =>
  value === null ? "null" : Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : typeof value;

/**
 * The dump as a page prints it: a Joi object description, possibly with extra top-level keys the
 * page added beside it (`mdmUserId`, `userEmails`, holding example values). Returns the converted
 * schema and those extra keys with their printed values, which say nothing about their type.
 */
export function convertDump(dump) {
  if (!isObject(dump)) throw new JoiConversionError("", "a dump must be a JSON object");
  const joi = {};
  const extras = {};
  for (const [key, value] of Object.entries(dump)) {
    if (COMMON_KEYS.has(key) || TYPE_KEYS[dump.type]?.includes(key)) joi[key] = value;
    else extras[key] = value;
  }
  return { schema: joiToJsonSchema(joi), extras };
}

/** Converts one Joi describe() node to JSON Schema; `at` names the node in error messages. */
export function joiToJsonSchema(node, at = "") {
  if (!isObject(node) || typeof node.type !== "string") throw new JoiConversionError(at, "not a Joi description (no `type`)");
  const extraKeys = TYPE_KEYS[node.type];
  if (!extraKeys) throw new JoiConversionError(at, `unsupported Joi type "${node.type}"`);
  for (const key of Object.keys(node)) {
    if (!COMMON_KEYS.has(key) && !extraKeys.includes(key)) throw new JoiConversionError(at, `unknown key "${key}" for a Joi ${node.type}`);
  }
  const flags = node.flags ?? {};
  if (!isObject(flags)) throw new JoiConversionError(at, "`flags` must be an object");
  for (const flag of Object.keys(flags)) {
    if (!FLAGS.has(flag)) throw new JoiConversionError(at, `unknown flag "${flag}"`);
  }

  const schema = BASE[node.type](node, flags, at);
  if (typeof node.description === "string") schema.description = node.description;
  for (const rule of asList(node.rules)) applyRule(schema, node.type, rule, at);
  if (node.type === "number" && flags.unsafe !== true) {
    schema.minimum = Math.max(schema.minimum ?? -MAX_SAFE, -MAX_SAFE);
    schema.maximum = Math.min(schema.maximum ?? MAX_SAFE, MAX_SAFE);
  }
  if ("default" in flags) schema.default = flags.default;
  // Joi keeps valids and invalids disjoint and checks valids first: with allowOnly the enum is the
  // whole story, and an invalid value only matters if the schema would otherwise accept it.
  const valids = asList(node.valids);
  if (flags.allowOnly === true) return applyInvalids(applyEnum(schema, valids, at), asList(node.invalids), at);
  return applyAllowed(applyInvalids(schema, asList(node.invalids), at), valids, at);
}

/** Whether the node is required in its parent object: `flags.presence`. */
export function presenceOf(node, at = "") {
  const presence = node?.flags?.presence ?? "optional";
  if (!["optional", "required", "forbidden"].includes(presence)) throw new JoiConversionError(at, `unknown presence "${presence}"`);
  return presence;
}

const BASE = {
  any: () => ({}),
  string: () => ({ type: "string" }),
  number: () => ({ type: "number" }),
  boolean: (node, flags, at) => {
    // Joi's truthy/falsy lists add accepted *strings*; the pages print them as `true` (the first
    // element of Joi's falsy list is false, so the value is the renderer's, not Joi's): booleans
    // carry no information. A string value would need case-insensitive matching: refuse it.
    for (const key of ["truthy", "falsy"]) {
      for (const value of asList(node[key])) {
        if (typeof value !== "boolean") throw new JoiConversionError(at, `${key} value ${JSON.stringify(value)} (string conversions are not supported)`);
      }
    }
    return { type: "boolean" };
  },
  object: (node, flags, at) => {
    if (node.children === undefined) return { type: "object", additionalProperties: true }; // bare Joi.object(): any keys
    if (!isObject(node.children)) throw new JoiConversionError(at, "`children` must be an object");
    const properties = {};
    const required = [];
    for (const [key, child] of Object.entries(node.children)) {
      const childAt = `${at}/children/${key}`;
      const presence = presenceOf(child, childAt);
      properties[key] = presence === "forbidden" ? false : joiToJsonSchema(child, childAt);
      if (presence === "required") required.push(key);
    }
    const schema = { type: "object", properties };
    if (required.length > 0) schema.required = required;
    schema.additionalProperties = flags.allowUnknown === true; // keys given: unknown keys are rejected unless .unknown()
    return schema;
  },
  array: (node, _flags, at) => {
    // flags.sparse allows undefined items, which JSON cannot carry: nothing to convert.
    const items = asList(node.items).map((item, i) => joiToJsonSchema(item, `${at}/items/${i}`));
    if (items.length === 0) return { type: "array" };
    return { type: "array", items: items.length === 1 ? items[0] : { anyOf: items } };
  },
};

const RULES = {
  string: {
    max: (s, arg) => (s.maxLength = arg),
    min: (s, arg) => (s.minLength = arg),
    length: (s, arg) => ((s.minLength = arg), (s.maxLength = arg)),
    email: (s) => (s.format = "email"),
    uri: (s) => (s.format = "uri"),
    guid: (s) => (s.format = "uuid"),
    regex: (s, arg, at) => {
      const pattern = isObject(arg) && "pattern" in arg ? arg.pattern : arg; // Joi 14: {pattern: RegExp}
      if (typeof pattern === "string" && pattern !== "string") {
        if (arg?.invert) s.not = { pattern };
        else s.pattern = pattern;
      } else if (pattern === "string" || isObject(pattern)) {
        s.$comment = PLACEHOLDER; // {"pattern": "string"} or a RegExp printed as {}
      } else {
        throw new JoiConversionError(at, `regex rule with argument ${JSON.stringify(arg)}`);
      }
    },
  },
  number: {
    integer: (s) => (s.type = "integer"),
    min: (s, arg) => (s.minimum = arg),
    max: (s, arg) => (s.maximum = arg),
    greater: (s, arg) => (s.exclusiveMinimum = arg),
    less: (s, arg) => (s.exclusiveMaximum = arg),
    positive: (s) => (s.exclusiveMinimum = 0),
    negative: (s) => (s.exclusiveMaximum = 0),
    multiple: (s, arg) => (s.multipleOf = arg),
  },
  array: {
    min: (s, arg) => (s.minItems = arg),
    max: (s, arg) => (s.maxItems = arg),
    length: (s, arg) => ((s.minItems = arg), (s.maxItems = arg)),
    unique: (s) => (s.uniqueItems = true),
  },
  object: {
    min: (s, arg) => (s.minProperties = arg),
    max: (s, arg) => (s.maxProperties = arg),
    length: (s, arg) => ((s.minProperties = arg), (s.maxProperties = arg)),
  },
};
const NUMERIC_ARG = new Set(["max", "min", "length", "greater", "less", "multiple"]);

function applyRule(schema, type, rule, at) {
  if (!isObject(rule) || typeof rule.name !== "string") throw new JoiConversionError(at, `rule ${JSON.stringify(rule)} has no name`);
  const apply = RULES[type]?.[rule.name];
  if (!apply) throw new JoiConversionError(at, `unsupported rule "${rule.name}" on a Joi ${type}`);
  if (NUMERIC_ARG.has(rule.name) && typeof rule.arg !== "number") {
    throw new JoiConversionError(at, `rule "${rule.name}" needs a number argument, got ${JSON.stringify(rule.arg)}`);
  }
  apply(schema, rule.arg, at);
}

/**
 * `invalids`: values Joi rejects. null stands for ±Infinity (JSON cannot print them) and adds
 * nothing. A value the schema already rejects adds nothing either; otherwise "" becomes
 * minLength 1 and any other value a `not: {enum}`.
 */
function applyInvalids(schema, invalids, at) {
  checkScalars(invalids, "invalids", at);
  const rejected = invalids.filter((value) => value !== null && accepts(schema, value) !== false);
  const others = rejected.filter((value) => value !== "");
  if (others.length < rejected.length) schema.minLength = Math.max(schema.minLength ?? 0, 1);
  if (others.length > 0) schema.not = { enum: others };
  return schema;
}

/** `valids` with allowOnly: the only values accepted, as printed. */
function applyEnum(schema, valids, at) {
  checkScalars(valids, "valids", at);
  const types = new Set([schema.type, ...valids.map(jsonType)].filter(Boolean));
  if (types.has("number")) types.delete("integer");
  if (types.size > 1) schema.type = [...types];
  return { ...schema, enum: valids };
}

/**
 * `valids` without allowOnly (`.allow()`): values accepted besides the rules. They need an anyOf
 * unless the schema surely accepts them already.
 */
function applyAllowed(schema, valids, at) {
  checkScalars(valids, "valids", at);
  const extra = valids.filter((value) => accepts(schema, value) !== true);
  if (extra.length === 0) return schema;
  const { description, ...rest } = schema;
  const types = [...new Set(extra.map((value) => (jsonType(value) === "integer" ? "number" : jsonType(value))))];
  const allowed = { type: types.length === 1 ? types[0] : types, enum: extra };
  return { ...(description ? { description } : {}), anyOf: [rest, allowed] };
}

function checkScalars(values, key, at) {
  if (values.some((value) => value !== null && typeof value === "object")) throw new JoiConversionError(at, `object or array in ${key}`);
}

/**
 * Whether `schema` (as built so far) accepts `value`: true, false, or undefined when it depends
 * on a placeholder regex whose pattern is unknown.
 */
function accepts(schema, value) {
  const types = asList(schema.type);
  const type = jsonType(value);
  if (types.length > 0 && !types.includes(type) && !(type === "integer" && types.includes("number"))) return false;
  if (schema.enum && !schema.enum.includes(value)) return false;
  if (typeof value === "string") {
    if (value.length < (schema.minLength ?? 0) || value.length > (schema.maxLength ?? Infinity)) return false;
    if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) return false;
    if (schema.format) return undefined;
    if (schema.$comment === PLACEHOLDER) return undefined;
  }
  if (typeof value === "number") {
    if (schema.type === "integer" && !Number.isInteger(value)) return false;
    if (value < (schema.minimum ?? -Infinity) || value > (schema.maximum ?? Infinity)) return false;
    if (value <= (schema.exclusiveMinimum ?? -Infinity) || value >= (schema.exclusiveMaximum ?? Infinity)) return false;
  }
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: node scripts/joi-to-json-schema.mjs <source.json | dump.json>");
    process.exit(2);
  }
  const data = JSON.parse(readFileSync(file, "utf8"));
  const dump = data.requestBody?.joi ?? data;
  console.log(JSON.stringify(convertDump(dump), null, 2));
}
