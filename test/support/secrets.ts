// Checks that a secret appears nowhere in an error: message, stack, String(), inspect() with hidden
// properties, JSON.stringify(), in any cause of its chain, in any of the forms a server or a
// library may print it in.
import { inspect } from "node:util";
import { expect } from "vitest";

const hex = (c: string) => c.charCodeAt(0).toString(16).padStart(4, "0");

/**
 * The forms a token can be printed in: raw; JSON-escaped (plain, with `\/`, with `\u00XX` for the
 * characters HTML-safe encoders escape, wholly `\u`-escaped, upper- and lower-case hex); URL-encoded
 * (upper and lower case); and as `inspect` quotes it.
 */
export function tokenForms(token: string): string[] {
  const json = JSON.stringify(token).slice(1, -1);
  const htmlSafe = (upper: boolean) => json.replace(/[<>&'=]/g, (c) => `\\u${upper ? hex(c).toUpperCase() : hex(c)}`);
  const forms = [
    token,
    json,
    json.replaceAll("/", "\\/"),
    htmlSafe(false),
    htmlSafe(true),
    htmlSafe(false).replaceAll("/", "\\/"),
    [...token].map((c) => `\\u${hex(c)}`).join(""),
    [...token].map((c) => `\\u${hex(c).toUpperCase()}`).join(""),
    encodeURIComponent(token),
    encodeURIComponent(token).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
    inspect(token).slice(1, -1),
  ];
  return [...new Set(forms)];
}

/** Every text an error (and each error of its cause chain) shows a reader or a logger. */
export function exposedTexts(error: unknown): string[] {
  const texts: string[] = [inspect(error, { depth: 20, showHidden: true }), JSON.stringify(error) ?? ""];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 20; depth++) {
    texts.push(String(current), JSON.stringify(current) ?? "");
    if (current instanceof Error) texts.push(current.message, current.stack ?? "", current.name);
    current = current instanceof Error ? current.cause : undefined;
  }
  return texts;
}

/** Undoes one level of JSON string escaping (`\uXXXX`, `\"`, `\\`, `\/`), whatever else the text holds. */
const unescapeJson = (text: string) =>
  text.replace(/\\(?:u([0-9a-fA-F]{4})|(["\\/]))/g, (_, code: string | undefined, char: string | undefined) =>
    code === undefined ? (char ?? "") : String.fromCharCode(Number.parseInt(code, 16)),
  );
/** Undoes one level of percent-encoding (either case), leaving malformed sequences as they are. */
const unescapePercent = (text: string) =>
  text.replace(/%([0-9a-fA-F]{2})/g, (_, code: string) => String.fromCharCode(Number.parseInt(code, 16)));

/**
 * Whether `text` shows `token` in any form: as it is, or after undoing up to four levels of JSON
 * escaping and percent-encoding in any order (so that mixed and nested escapes count too).
 */
export function reveals(text: string, token: string): boolean {
  let level = [text];
  for (let depth = 0; depth <= 4; depth++) {
    if (level.some((candidate) => candidate.includes(token))) return true;
    level = [...new Set(level.flatMap((candidate) => [unescapeJson(candidate), unescapePercent(candidate)]))];
  }
  return false;
}

/** Asserts that no form of `token` appears in anything `error` exposes. */
export function expectNoToken(error: unknown, token: string): void {
  const texts = exposedTexts(error);
  for (const form of tokenForms(token)) {
    const leaks = texts.filter((text) => text.includes(form));
    expect(leaks, `the token in the form ${JSON.stringify(form)}`).toEqual([]);
  }
  const decoded = texts.filter((text) => reveals(text, token));
  expect(decoded, "the token, once escapes are undone").toEqual([]);
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject, but it resolved");
}
