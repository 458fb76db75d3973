// Taking the API token out of the text the client writes: error messages and their causes, and
// contract-live's output. A text that holds the token, as it is or escaped (JSON's `\uXXXX`, `\"`,
// `\\`, `\/`, `\'` and percent-encoding, up to four levels in any mix), is written with its escapes
// undone and the token replaced; a text without it is left as it is. Each step is one pass of a
// fixed pattern over the text, nothing is compiled from the token, and nothing throws. Data the API
// sent is never altered.

/**
 * A token shorter than this is not redacted: it is no credential (the API's tokens are far longer),
 * and replacing every `t` of a message for the test token `"t"` would leave it unreadable.
 */
export const MIN_REDACTED_LENGTH = 8;
/** The longest message the client writes: longer text (an API message of megabytes) is cut. */
export const MAX_MESSAGE_LENGTH = 2_000;
/** Middle dots: no token has them (tokens are visible ASCII), so the replacement never joins what surrounds it into a token; and a header value may hold them. */
const REDACTED = "\u00b7\u00b7\u00b7";
const ESCAPE = /\\u([0-9a-fA-F]{4})|\\(["\\/'])|%([0-9a-fA-F]{2})/g;

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

/** The text with up to four levels of escapes undone. */
function plain(text: string): string {
  let level = text;
  for (let n = 0; n < 4; n++) {
    level = level.replace(
      ESCAPE,
      (_, unicode, char, percent) => char ?? String.fromCharCode(Number.parseInt(unicode ?? percent, 16)),
    );
  }
  return level;
}

export function createRedact(token: string): Redact {
  const wanted = token.length < MIN_REDACTED_LENGTH ? "" : plain(token);
  // Enough of a long text to hold any token that starts within what is kept, in any spelling.
  const reach = MAX_MESSAGE_LENGTH + 16 * token.length;
  return (value) => {
    let text = asText(value).slice(0, reach);
    const found = wanted ? plain(text) : "";
    if (wanted && found.includes(wanted)) text = found.replaceAll(wanted, REDACTED);
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

/** A copy of a response's headers, redacted, for an error to carry (a server may echo the token in one). */
export function redactHeaders(headers: Headers, redact: Redact): Headers {
  const copy = new Headers();
  for (const [name, value] of headers) copy.append(name, redact(value));
  return copy;
}

/** The message of the deepest cause (`connect ECONNREFUSED 127.0.0.1:4010`, not `fetch failed`). */
export function rootMessage(error: unknown): string {
  let current = error;
  for (let depth = 0; depth < 8 && current instanceof Error && current.cause instanceof Error; depth++)
    current = current.cause;
  return asText(current instanceof Error ? current.message : current);
}
