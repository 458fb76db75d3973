// Schema changes, classified by direction. The drift check's comparison finds the differences
// between the older and the newer schema (normalized alike); this module says, for each, whether
// the accepted values got tighter or looser, and whether that breaks the caller: a request schema
// may only accept more (else a call that compiled and worked may now fail), a response schema may
// only promise more (else code that reads a field may meet a value or an absence it did not have
// to handle).
import { compareSchemas, type Difference } from "../drift/compare.js";
import { normalize } from "../drift/normalize.js";
import { canonical, unescapeToken } from "../json.js";
import type { Schema } from "../openapi.js";
import type { Change, ChangeKind, Side } from "./model.js";

/** Which way a constraint moved: fewer values accepted, more, or a different set. */
export type Direction = "tighter" | "looser" | "changed";

/** A request may only get looser; a response may only get tighter. */
const breaks = (side: Side, direction: Direction): boolean =>
  side === "request" ? direction !== "looser" : direction !== "tighter";

/** Where a compared schema sits: its operation, its pointer and how to name it. */
export interface SchemaPlace {
  operation: string;
  /** The pointer of the schema in its operation, e.g. `/requestBody/content/application~1json/schema`. */
  pointer: string;
  side: Side;
  /** The schema's name in words: `body`, `parameter limit`, `response 200`. */
  label: string;
}

/** Every change between two schemas at one place, classified. */
export function compareSchemaChanges(before: Schema, after: Schema, place: SchemaPlace): Change[] {
  const differences = compareSchemas(normalize(before, place.pointer), normalize(after, place.pointer), {
    operation: place.operation,
    pointer: place.pointer,
    out: [],
  });
  const seen = new Set<string>();
  const changes: Change[] = [];
  for (const difference of differences) {
    const key = `${difference.kind} ${difference.pointer}`;
    if (seen.has(key)) continue;
    seen.add(key);
    changes.push(classify(difference, place));
  }
  return changes;
}

const MINIMA = new Set(["minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties"]);
const MAXIMA = new Set(["maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties"]);

function classify(difference: Difference, place: SchemaPlace): Change {
  const { pointer, source: before, spec: after } = difference;
  const tokens = pointer.slice(place.pointer.length).split("/").slice(1).map(unescapeToken);
  const keyword = tokens[tokens.length - 1] ?? "";
  const change = (kind: ChangeKind, breaking: boolean, what: string, fieldTokens = tokens.slice(0, -1)): Change => ({
    operation: place.operation,
    kind,
    breaking,
    pointer,
    field: fieldName(place.label, fieldTokens),
    what,
    before,
    after,
  });
  const directed = (kind: ChangeKind, direction: Direction, name: string, words = BOUND_WORDS): Change =>
    change(kind, breaks(place.side, direction), `${name} ${words[direction]}`);

  switch (difference.kind) {
    case "property": {
      if (before === undefined) {
        const required = after === "required";
        return change("field-added", place.side === "request" && required, `added (${String(after)})`, tokens);
      }
      return change("field-removed", true, `removed (was ${String(before)})`, tokens);
    }
    case "required": {
      if (keyword === "required") {
        // Names in `required` without a property on either side: compare the lists.
        return directed("field-required", requiredDirection(before, after), "required names");
      }
      const madeRequired = after === true;
      // Required-ness is a constraint on the object: required is tighter.
      return change(
        "field-required",
        breaks(place.side, madeRequired ? "tighter" : "looser"),
        madeRequired ? "made required" : "made optional",
        tokens,
      );
    }
    case "closedness": {
      const closed = before === true && after === false;
      // Opening a response object adds an index signature; no field code reads changes type.
      const breaking = place.side === "request" && closed;
      return change(
        "closedness",
        breaking,
        closed ? "closed (unknown keys rejected)" : "opened (unknown keys allowed)",
      );
    }
    case "default":
      return change(
        "default",
        false,
        before === undefined ? "default added" : after === undefined ? "default removed" : "default changed",
      );
    case "type": {
      const nullable = nullableChange(before, after);
      if (nullable) {
        return change(
          "nullable",
          breaks(place.side, nullable === "added" ? "looser" : "tighter"),
          `nullable ${nullable}`,
        );
      }
      return directed("type", typeDirection(before, after), "type", SET_WORDS);
    }
    case "enum": {
      const direction = setDirection(before, after);
      return change("enum", breaks(place.side, direction), `enum ${SET_WORDS[direction]}${enumDelta(before, after)}`);
    }
    case "bounds":
      return directed("bounds", boundDirection(keyword, before, after), keyword);
    case "pattern":
    case "format":
      return change(
        difference.kind,
        breaks(place.side, before === undefined ? "tighter" : after === undefined ? "looser" : "changed"),
        `${difference.kind} ${presence(before, after)}`,
      );
    case "combinator": {
      const branch = /^\d+$/.test(keyword);
      const name = branch ? `${tokens[tokens.length - 2]} branch ${keyword}` : keyword;
      return change(
        "combinator",
        breaks(place.side, combinatorDirection(keyword, before, after)),
        `${name} ${presence(before, after)}`,
        tokens.slice(0, branch ? -2 : -1),
      );
    }
    default:
      // A kind the drift comparison learned after this module: report it, as breaking.
      return change("combinator", true, `${difference.kind} changed`);
  }
}

const BOUND_WORDS: Record<Direction, string> = { tighter: "tightened", looser: "loosened", changed: "changed" };
const SET_WORDS: Record<Direction, string> = { tighter: "narrowed", looser: "widened", changed: "changed" };
const presence = (before: unknown, after: unknown) =>
  before === undefined ? "added" : after === undefined ? "removed" : "changed";

/** `body field admPolicyAssignments[].priority`, from the tokens below the schema's pointer. */
function fieldName(label: string, tokens: string[]): string {
  let path = "";
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === "properties" && tokens[i + 1] !== undefined) {
      path += `${path ? "." : ""}${tokens[++i]}`;
    } else if (token === "items") path += "[]";
    else if ((token === "anyOf" || token === "oneOf") && tokens[i + 1] !== undefined) {
      path += `<${token} ${tokens[++i]}>`;
    } else if (token === "additionalProperties" || token === "required" || token === "not") {
      // The keyword itself, reported in `what`.
    } else path += `/${token}`;
  }
  return path ? `${label} field ${path}` : label;
}

/** JSON Schema type names, `integer` being a subset of `number`. */
function typeDirection(before: unknown, after: unknown): Direction {
  // No `type` accepts every type.
  const ALL = ["array", "boolean", "null", "number", "object", "string"];
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : ALL);
  const covers = (wide: string[], narrow: string[]) =>
    narrow.every((t) => wide.includes(t) || (t === "integer" && wide.includes("number")));
  const a = list(before);
  const b = list(after);
  if (covers(b, a)) return "looser";
  if (covers(a, b)) return "tighter";
  return "changed";
}

/** `added` or `removed` when two type lists differ by `null` alone. */
function nullableChange(before: unknown, after: unknown): "added" | "removed" | undefined {
  if (!Array.isArray(before) || !Array.isArray(after)) return undefined;
  const strip = (list: unknown[]) => canonical(list.filter((t) => t !== "null"));
  if (strip(before) !== strip(after)) return undefined;
  if (after.includes("null") && !before.includes("null")) return "added";
  if (before.includes("null") && !after.includes("null")) return "removed";
  return undefined;
}

/** A list of allowed values (an enum, or required names read the other way round); none is unbounded. */
function setDirection(before: unknown, after: unknown): Direction {
  if (!Array.isArray(before)) return "tighter";
  if (!Array.isArray(after)) return "looser";
  const a = new Set(before.map(canonical));
  const b = new Set(after.map(canonical));
  const aInB = [...a].every((v) => b.has(v));
  const bInA = [...b].every((v) => a.has(v));
  if (aInB && !bInA) return "looser";
  if (bInA && !aInB) return "tighter";
  return "changed";
}

/** ` (added "X"; removed "Y")`: the values one enum has and the other lacks. */
function enumDelta(before: unknown, after: unknown): string {
  if (!Array.isArray(before) || !Array.isArray(after)) return "";
  const missing = (from: unknown[], to: unknown[]) => {
    const present = new Set(to.map(canonical));
    return from.filter((value) => !present.has(canonical(value))).map(canonical);
  };
  const parts = [];
  const added = missing(after, before);
  const removed = missing(before, after);
  if (added.length > 0) parts.push(`added ${added.join(", ")}`);
  if (removed.length > 0) parts.push(`removed ${removed.join(", ")}`);
  return parts.length > 0 ? ` (${parts.join("; ")})` : "";
}

/** A `required` list: more names accept fewer objects. None is an empty list. */
function requiredDirection(before: unknown, after: unknown): Direction {
  const a = Array.isArray(before) ? before : [];
  const b = Array.isArray(after) ? after : [];
  const grown = b.some((name) => !a.includes(name));
  const shrunk = a.some((name) => !b.includes(name));
  return grown && !shrunk ? "tighter" : shrunk && !grown ? "looser" : "changed";
}

function boundDirection(keyword: string, before: unknown, after: unknown): Direction {
  if (before === undefined || before === false) return "tighter";
  if (after === undefined || after === false) return "looser";
  if (typeof before !== "number" || typeof after !== "number") return "changed";
  if (MINIMA.has(keyword)) return after > before ? "tighter" : "looser";
  if (MAXIMA.has(keyword)) return after < before ? "tighter" : "looser";
  if (keyword === "multipleOf") {
    if (after % before === 0) return "tighter";
    if (before % after === 0) return "looser";
  }
  return "changed";
}

/** A branch added to anyOf/oneOf accepts more; removed, fewer. A whole combinator or `not`: changed. */
function combinatorDirection(keyword: string, before: unknown, after: unknown): Direction {
  if (!/^\d+$/.test(keyword)) return "changed";
  if (before === undefined) return "looser";
  if (after === undefined) return "tighter";
  return "changed";
}
