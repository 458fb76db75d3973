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
  /** The message of anything thrown (an error's message, or the value as text), redacted. */
  message(thrown: unknown): string;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A hex number matching either case of its digits: `3c` → `3[cC]`. */
const anyCase = (hex: string) => hex.replace(/[a-f]/g, (d) => `[${d}${d.toUpperCase()}]`);

/**
 * One pattern for every form a token can take in text the package may print, in any mix: each
 * character as itself, as a JSON escape (`\u00XX`, and `\"`, `\\`, `\/`; with the backslashes of
 * further JSON encodings), or percent-encoded (`%XX`, `%25XX`, …), hex digits in either case. The
 * token is visible ASCII (the options check it), so every form is ASCII too.
 */
function tokenPattern(token: string): { pattern: RegExp; alphabet: Set<string> } {
  const alphabet = new Set(["\\", "u", "0", "%", "2", "5"]);
  const parts = [...token].map((c) => {
    const hex = c.charCodeAt(0).toString(16).padStart(2, "0");
    for (const d of hex + hex.toUpperCase() + c) alphabet.add(d);
    const forms = [escapeRegex(c), `\\\\+u00${anyCase(hex)}`, `%(?:25)*${anyCase(hex)}`];
    if (c === '"' || c === "/") forms.push(`\\\\+${escapeRegex(c)}`);
    if (c === "\\") forms.push("\\\\+");
    return `(?:${forms.join("|")})`;
  });
  return { pattern: new RegExp(parts.join(""), "g"), alphabet };
}

/**
 * A replacement that shares no character with any form of the token, so that what is left around a
 * replaced occurrence can never join with the replacement into a new occurrence.
 */
function replacementFor(alphabet: Set<string>): string {
  if (![...REDACTED].some((c) => alphabet.has(c))) return REDACTED;
  return "\u2022".repeat(3);
}

/** Text of anything, even a value whose conversion throws (`Object.create(null)`). */
function asText(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

export function createRedactor(token: string): Redactor {
  const { pattern, alphabet } = tokenPattern(token);
  const replacement = replacementFor(alphabet);
  const text = (value: string): string => asText(value).replace(pattern, replacement);
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
  const message = (thrown: unknown): string => text(thrown instanceof Error ? thrown.message : asText(thrown));
  return { text, value, error, message };
}
