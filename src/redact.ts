// Taking the API token out of the text the client writes: error messages and their causes, and
// contract-live's output. A few fixed spellings of the token are replaced as plain substrings, so the
// time is linear in the text whatever the token, nothing is compiled from the token, and nothing
// throws. Data the API sent is never altered.

/**
 * A token shorter than this is not redacted: it is no credential (the API's tokens are far longer),
 * and replacing every `t` of a message for the test token `"t"` would leave it unreadable.
 */
export const MIN_REDACTED_LENGTH = 8;
/** The longest message the client writes: longer text (an API message of megabytes) is cut. */
export const MAX_MESSAGE_LENGTH = 2_000;
const REDACTED = "[redacted]";

/** Text with the token taken out and cut to {@link MAX_MESSAGE_LENGTH}. */
export type Redact = (text: unknown) => string;

/** Text of anything, even a value whose conversion throws (`Object.create(null)`). */
function asText(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

export function createRedact(token: string): Redact {
  const json = JSON.stringify(token).slice(1, -1);
  const url = encodeURIComponent(token);
  // As written, JSON-escaped (once and twice), percent-encoded (once and twice, either hex case).
  const spellings = [token, json, JSON.stringify(json).slice(1, -1), url, url.toLowerCase(), encodeURIComponent(url)];
  const forms = token.length < MIN_REDACTED_LENGTH ? [] : [...new Set(spellings)].sort((a, b) => b.length - a.length);
  return (value) => {
    let text = asText(value);
    for (const form of forms) text = text.replaceAll(form, REDACTED);
    return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}… (cut)` : text;
  };
}

/**
 * A plain copy of an error and its causes (name, message, code, stack), redacted: what the client
 * keeps of an error it did not make, so no property of the original (a Request, a header) is reachable.
 */
export function redactError(error: unknown, redact: Redact, depth = 4): Error | undefined {
  if (!(error instanceof Error) || depth === 0) return undefined;
  const copy = new Error(redact(error.message), { cause: redactError(error.cause, redact, depth - 1) });
  copy.name = redact(error.name);
  copy.stack = redact(error.stack ?? "");
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") Object.assign(copy, { code: redact(code) });
  return copy;
}

/** The message of the deepest cause (`connect ECONNREFUSED 127.0.0.1:4010`, not `fetch failed`). */
export function rootMessage(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 8 && current instanceof Error && current.cause instanceof Error; depth++)
    current = current.cause;
  return current instanceof Error ? current.message : current;
}
