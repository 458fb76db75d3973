// Converts a Joi 14/15 describe() dump, as Applivery's reference pages print it, to JSON Schema.
//
// The pages damage the dump: the renderer keeps only the first element of every array (so
// `valids: "es"` is the one value it printed, and `rules` is one rule object), it prints a RegExp as
// the placeholder {"pattern": "string"}, and every flag as true. This converter applies only what
// the dump itself says and never restores what the renderer cut:
//   - a truncated list counts as its printed element(s); `allowOnly` + `valids: "es"` is enum ["es"];
//   - a placeholder regex adds no pattern (it is noted in $comment);
//   - `invalids: null` adds nothing: JSON prints Joi's forbidden ±Infinity as null;
//   - `flags.unsafe: true` means no safe-integer bounds; a number without it gets them (Joi's default).
// Anything it does not know (a Joi type, key, flag or rule) is an error naming where it is, so a
// change in a vendor page cannot slip through unconverted.
import { isObject, type JsonObject } from "../json.js";
import type { Schema } from "../openapi.js";

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const COMMON_KEYS = new Set([
  "type",
  "flags",
  "description",
  "examples",
  "notes",
  "tags",
  "label",
  "unit",
  "meta",
  "valids",
  "invalids",
  "rules",
]);
const TYPE_KEYS: Record<string, string[]> = {
  any: [],
  string: [],
  number: [],
  boolean: ["truthy", "falsy"],
  object: ["children"],
  array: ["items"],
};
const FLAGS = new Set(["presence", "allowOnly", "unsafe", "sparse", "insensitive", "allowUnknown", "default"]);
const PLACEHOLDER = "regex rule printed as a placeholder: its pattern is unknown";

export class JoiConversionError extends Error {
  override name = "JoiConversionError";
  constructor(
    readonly at: string,
    message: string,
  ) {
    super(`${at || "(root)"}: ${message}`);
  }
}

/** A JSON Schema as this converter builds it: `false` for a forbidden key. */
type Built = Schema & JsonObject;

const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const jsonType = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : typeof value;

/**
 * The dump as a page prints it: a Joi object description, possibly with extra top-level keys the
 * page added beside it (`mdmUserId`, `userEmails`, holding example values). Returns the converted
 * schema and those extra keys with their printed values, which say nothing about their type.
 */
export function convertDump(dump: unknown): { schema: Schema; extras: JsonObject } {
  if (!isObject(dump)) throw new JoiConversionError("", "a dump must be a JSON object");
  const joi: JsonObject = {};
  const extras: JsonObject = {};
  const typeKeys = typeof dump.type === "string" ? (TYPE_KEYS[dump.type] ?? []) : [];
  for (const [key, value] of Object.entries(dump)) {
    if (COMMON_KEYS.has(key) || typeKeys.includes(key)) joi[key] = value;
    else extras[key] = value;
  }
  return { schema: joiToJsonSchema(joi), extras };
}

/** Converts one Joi describe() node to JSON Schema; `at` names the node in error messages. */
export function joiToJsonSchema(node: unknown, at = ""): Schema {
  if (!isObject(node) || typeof node.type !== "string")
    throw new JoiConversionError(at, "not a Joi description (no `type`)");
  const type = node.type;
  const extraKeys = TYPE_KEYS[type];
  const base = BASE[type];
  if (!extraKeys || !base) throw new JoiConversionError(at, `unsupported Joi type "${type}"`);
  for (const key of Object.keys(node)) {
    if (!COMMON_KEYS.has(key) && !extraKeys.includes(key))
      throw new JoiConversionError(at, `unknown key "${key}" for a Joi ${type}`);
  }
  const flags = node.flags ?? {};
  if (!isObject(flags)) throw new JoiConversionError(at, "`flags` must be an object");
  for (const flag of Object.keys(flags)) {
    if (!FLAGS.has(flag)) throw new JoiConversionError(at, `unknown flag "${flag}"`);
  }

  const schema = base(node, flags, at);
  if (typeof node.description === "string") schema.description = node.description;
  for (const rule of asList(node.rules)) applyRule(schema, type, rule, at);
  if (type === "number" && flags.unsafe !== true) {
    schema.minimum = Math.max(schema.minimum ?? -MAX_SAFE, -MAX_SAFE);
    schema.maximum = Math.min(schema.maximum ?? MAX_SAFE, MAX_SAFE);
  }
  if ("default" in flags) schema.default = flags.default;
  // Joi keeps valids and invalids disjoint and checks valids first: with allowOnly the enum is the
  // whole story, and an invalid value only matters if the schema would otherwise accept it.
  const valids = asList(node.valids);
  const invalids = asList(node.invalids);
  if (flags.allowOnly === true) return applyInvalids(applyEnum(schema, valids, at), invalids, at);
  return applyAllowed(applyInvalids(schema, invalids, at), valids, at);
}

/** Whether the node is required in its parent object: `flags.presence`. */
function presenceOf(node: unknown, at = ""): "optional" | "required" | "forbidden" {
  const flags = isObject(node) && isObject(node.flags) ? node.flags : {};
  const presence = flags.presence ?? "optional";
  if (presence !== "optional" && presence !== "required" && presence !== "forbidden") {
    throw new JoiConversionError(at, `unknown presence "${String(presence)}"`);
  }
  return presence;
}

const BASE: Record<string, (node: JsonObject, flags: JsonObject, at: string) => Built> = {
  any: () => ({}),
  string: () => ({ type: "string" }),
  number: () => ({ type: "number" }),
  boolean: (node, _flags, at) => {
    // Joi's truthy/falsy lists add accepted *strings*; the pages print them as `true` (the first
    // element of Joi's falsy list is false, so the value is the renderer's, not Joi's): booleans
    // carry no information. A string value would need case-insensitive matching: refuse it.
    for (const key of ["truthy", "falsy"]) {
      for (const value of asList(node[key])) {
        if (typeof value !== "boolean") {
          throw new JoiConversionError(
            at,
            `${key} value ${JSON.stringify(value)} (string conversions are not supported)`,
          );
        }
      }
    }
    return { type: "boolean" };
  },
  object: (node, flags, at) => {
    if (node.children === undefined) return { type: "object", additionalProperties: true }; // bare Joi.object(): any keys
    if (!isObject(node.children)) throw new JoiConversionError(at, "`children` must be an object");
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const [key, child] of Object.entries(node.children)) {
      const childAt = `${at}/children/${key}`;
      const presence = presenceOf(child, childAt);
      // A forbidden key is the schema `false`, which the Schema type spells as `not: {}`.
      properties[key] = presence === "forbidden" ? { not: {} } : joiToJsonSchema(child, childAt);
      if (presence === "required") required.push(key);
    }
    const schema: Built = { type: "object", properties };
    if (required.length > 0) schema.required = required;
    schema.additionalProperties = flags.allowUnknown === true; // keys given: unknown keys are rejected unless .unknown()
    return schema;
  },
  array: (node, _flags, at) => {
    // flags.sparse allows undefined items, which JSON cannot carry: nothing to convert.
    const items = asList(node.items).map((item, i) => joiToJsonSchema(item, `${at}/items/${i}`));
    const [only] = items;
    if (only === undefined) return { type: "array" };
    return { type: "array", items: items.length === 1 ? only : { anyOf: items } };
  },
};

type Rule = (schema: Built, arg: unknown, at: string) => void;
const num = (arg: unknown) => arg as number;

const RULES: Record<string, Record<string, Rule>> = {
  string: {
    max: (s, arg) => {
      s.maxLength = num(arg);
    },
    min: (s, arg) => {
      s.minLength = num(arg);
    },
    length: (s, arg) => {
      s.minLength = num(arg);
      s.maxLength = num(arg);
    },
    email: (s) => {
      s.format = "email";
    },
    uri: (s) => {
      s.format = "uri";
    },
    guid: (s) => {
      s.format = "uuid";
    },
    regex: (s, arg, at) => {
      const pattern = isObject(arg) && "pattern" in arg ? arg.pattern : arg; // Joi 14: {pattern: RegExp}
      if (typeof pattern === "string" && pattern !== "string") {
        if (isObject(arg) && arg.invert) s.not = { pattern };
        else s.pattern = pattern;
      } else if (pattern === "string" || isObject(pattern)) {
        s.$comment = PLACEHOLDER; // {"pattern": "string"} or a RegExp printed as {}
      } else {
        throw new JoiConversionError(at, `regex rule with argument ${JSON.stringify(arg)}`);
      }
    },
  },
  number: {
    integer: (s) => {
      s.type = "integer";
    },
    min: (s, arg) => {
      s.minimum = num(arg);
    },
    max: (s, arg) => {
      s.maximum = num(arg);
    },
    greater: (s, arg) => {
      s.exclusiveMinimum = num(arg);
    },
    less: (s, arg) => {
      s.exclusiveMaximum = num(arg);
    },
    positive: (s) => {
      s.exclusiveMinimum = 0;
    },
    negative: (s) => {
      s.exclusiveMaximum = 0;
    },
    multiple: (s, arg) => {
      s.multipleOf = num(arg);
    },
  },
  array: {
    min: (s, arg) => {
      s.minItems = num(arg);
    },
    max: (s, arg) => {
      s.maxItems = num(arg);
    },
    length: (s, arg) => {
      s.minItems = num(arg);
      s.maxItems = num(arg);
    },
    unique: (s) => {
      s.uniqueItems = true;
    },
  },
  object: {
    min: (s, arg) => {
      s.minProperties = num(arg);
    },
    max: (s, arg) => {
      s.maxProperties = num(arg);
    },
    length: (s, arg) => {
      s.minProperties = num(arg);
      s.maxProperties = num(arg);
    },
  },
};
const NUMERIC_ARG = new Set(["max", "min", "length", "greater", "less", "multiple"]);

function applyRule(schema: Built, type: string, rule: unknown, at: string): void {
  if (!isObject(rule) || typeof rule.name !== "string") {
    throw new JoiConversionError(at, `rule ${JSON.stringify(rule)} has no name`);
  }
  const apply = RULES[type]?.[rule.name];
  if (!apply) throw new JoiConversionError(at, `unsupported rule "${rule.name}" on a Joi ${type}`);
  if (NUMERIC_ARG.has(rule.name) && typeof rule.arg !== "number") {
    throw new JoiConversionError(at, `rule "${rule.name}" needs a number argument, got ${JSON.stringify(rule.arg)}`);
  }
  apply(schema, rule.arg, at);
}

/**
 * `invalids`: values Joi rejects. null stands for ±Infinity (JSON cannot print them) and adds
 * nothing. A value the schema already rejects adds nothing either; otherwise "" becomes minLength 1
 * and any other value a `not: {enum}`.
 */
function applyInvalids(schema: Built, invalids: unknown[], at: string): Built {
  checkScalars(invalids, "invalids", at);
  const rejected = invalids.filter((value) => value !== null && accepts(schema, value) !== false);
  const others = rejected.filter((value) => value !== "");
  if (others.length < rejected.length) schema.minLength = Math.max(schema.minLength ?? 0, 1);
  if (others.length > 0) schema.not = { enum: others };
  return schema;
}

/** `valids` with allowOnly: the only values accepted, as printed. */
function applyEnum(schema: Built, valids: unknown[], at: string): Built {
  checkScalars(valids, "valids", at);
  const types = new Set([...asList(schema.type), ...valids.map(jsonType)].map(String));
  if (types.has("number")) types.delete("integer");
  if (types.size > 1) schema.type = [...types];
  return { ...schema, enum: valids };
}

/**
 * `valids` without allowOnly (`.allow()`): values accepted besides the rules. They need an anyOf
 * unless the schema surely accepts them already.
 */
function applyAllowed(schema: Built, valids: unknown[], at: string): Built {
  checkScalars(valids, "valids", at);
  const extra = valids.filter((value) => accepts(schema, value) !== true);
  if (extra.length === 0) return schema;
  const { description, ...rest } = schema;
  const types = [...new Set(extra.map((value) => (jsonType(value) === "integer" ? "number" : jsonType(value))))];
  const allowed: Schema = { type: types.length === 1 ? types[0] : types, enum: extra };
  return { ...(description ? { description } : {}), anyOf: [rest, allowed] };
}

function checkScalars(values: unknown[], key: string, at: string): void {
  if (values.some((value) => value !== null && typeof value === "object"))
    throw new JoiConversionError(at, `object or array in ${key}`);
}

/**
 * Whether `schema` (as built so far) accepts `value`: true, false, or undefined when it depends on
 * a placeholder regex whose pattern is unknown.
 */
function accepts(schema: Schema, value: unknown): boolean | undefined {
  const types = asList(schema.type);
  const type = jsonType(value);
  if (types.length > 0 && !types.includes(type) && !(type === "integer" && types.includes("number"))) return false;
  if (schema.enum && !schema.enum.includes(value)) return false;
  if (typeof value === "string") {
    if (value.length < (schema.minLength ?? 0) || value.length > (schema.maxLength ?? Number.POSITIVE_INFINITY))
      return false;
    if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) return false;
    if (schema.format) return undefined;
    if (schema.$comment === PLACEHOLDER) return undefined;
  }
  if (typeof value === "number") {
    if (schema.type === "integer" && !Number.isInteger(value)) return false;
    if (value < (schema.minimum ?? Number.NEGATIVE_INFINITY) || value > (schema.maximum ?? Number.POSITIVE_INFINITY))
      return false;
    if (
      value <= (schema.exclusiveMinimum ?? Number.NEGATIVE_INFINITY) ||
      value >= (schema.exclusiveMaximum ?? Number.POSITIVE_INFINITY)
    ) {
      return false;
    }
  }
  return true;
}
