// Small helpers over JSON values and JSON pointers, shared by the pipeline and the tests.

/** A JSON object (not an array, not null). */
export type JsonObject = { [key: string]: unknown };

export const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** A JSON text with object keys sorted, so equal values print alike. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

/** Deep equality of JSON values, ignoring key order. */
export const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** One reference token of a JSON pointer, escaped (`~` → `~0`, `/` → `~1`). */
const escapeToken = (token: string | number): string => String(token).replace(/~/g, "~0").replace(/\//g, "~1");

/** The inverse of {@link escapeToken}. */
export const unescapeToken = (token: string): string => token.replace(/~1/g, "/").replace(/~0/g, "~");

/** Appends tokens to a JSON pointer: `join("/a", "b/c", 0)` is `/a/b~1c/0`. */
export const join = (pointer: string, ...tokens: (string | number)[]): string =>
  pointer + tokens.map((token) => `/${escapeToken(token)}`).join("");

/** The pointer of a JSON request body's schema in an operation. */
export const JSON_BODY_SCHEMA = "/requestBody/content/application~1json/schema";
