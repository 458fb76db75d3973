// Taking the API token out of what the package itself writes: error messages, the bodies and
// causes errors carry, contract-live output. Never applied to data handed to the caller.

const REDACTED = "[redacted]";

/** Replaces every occurrence of a secret in strings and in the strings of a JSON-like value. */
export interface Redactor {
  text(value: string): string;
  /** A copy of a JSON value with every string redacted (keys included). */
  value<T>(value: T): T;
  /** A plain copy of an error (name, message, code, stack, cause chain), redacted; `undefined` for a non-error. */
  error(error: unknown): Error | undefined;
}

/**
 * The forms a token can take in text the package may print: as sent, JSON-escaped (with or without
 * `\/` and `\uXXXX` escapes), and URL-encoded. Longest first, so a form that contains another is
 * replaced whole.
 */
function forms(token: string): string[] {
  const json = JSON.stringify(token).slice(1, -1);
  const unicode = [...token].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
  const escapes = json
    .replace(/\//g, "\\/")
    .replace(/[<>&'=]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const set = new Set([
    token,
    json,
    escapes,
    json.replace(/\//g, "\\/"),
    unicode,
    encodeURIComponent(token),
    encodeURI(token),
  ]);
  return [...set].filter(Boolean).sort((a, b) => b.length - a.length);
}

/**
 * A replacement that shares no character with any form of the token, so that what is left around a
 * replaced occurrence can never join with the replacement into a new occurrence.
 */
function replacementFor(token: string): string {
  const used = new Set(forms(token).join(""));
  if (![...REDACTED].some((c) => used.has(c))) return REDACTED;
  for (let code = 0x2022; ; code++) {
    const c = String.fromCharCode(code);
    if (!used.has(c)) return c.repeat(3);
  }
}

export function createRedactor(token: string): Redactor {
  const patterns = forms(token);
  const replacement = replacementFor(token);
  const text = (value: string): string => {
    let out = value;
    for (const form of patterns) if (out.includes(form)) out = out.replaceAll(form, replacement);
    return out;
  };
  const value = <T>(input: T): T => {
    if (typeof input === "string") return text(input) as T;
    if (Array.isArray(input)) return input.map(value) as T;
    if (input !== null && typeof input === "object") {
      return Object.fromEntries(Object.entries(input).map(([k, v]) => [text(k), value(v)])) as T;
    }
    return input;
  };
  const error = (input: unknown, depth = 4): Error | undefined => {
    if (!(input instanceof Error) || depth === 0) return undefined;
    const copy = new Error(text(input.message), { cause: error(input.cause, depth - 1) });
    copy.name = text(input.name);
    copy.stack = text(input.stack ?? "");
    const code = (input as { code?: unknown }).code;
    if (typeof code === "string" || typeof code === "number")
      Object.assign(copy, { code: typeof code === "string" ? text(code) : code });
    return copy;
  };
  return { text, value, error };
}
