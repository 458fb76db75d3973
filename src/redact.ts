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

/** Text with the token taken out and cut to {@link MAX_MESSAGE_LENGTH}; `headers` copies response headers with it taken out. */
export interface Redact {
  (text: unknown): string;
  /**
   * A copy of a response's headers for an error to carry (a server may echo the token in one): the
   * token replaced where it appears as it is or percent-encoded, nothing cut or unescaped, so every
   * value stays a valid header value.
   */
  headers(headers: Headers): Headers;
}

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
  // Enough of a long text to hold any token that starts within what is kept, in any spelling (four
  // levels of `\u` escapes make a character 21 long).
  const reach = MAX_MESSAGE_LENGTH + 24 * token.length;
  const redact = (value: unknown) => {
    let text = asText(value).slice(0, reach);
    const found = wanted ? plain(text) : "";
    if (wanted && found.includes(wanted)) text = found.replaceAll(wanted, REDACTED);
    return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}… (cut)` : text;
  };
  const forms = wanted ? [token, encodeURIComponent(token)] : [];
  const headers = (from: Headers) => {
    const copy = new Headers();
    for (const [name, value] of from)
      copy.append(
        name,
        forms.reduce((text, form) => text.replaceAll(form, REDACTED), value),
      );
    return copy;
  };
  return Object.assign(redact, { headers });
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
export function rootMessage(error: unknown): string {
  let current = error;
  for (let depth = 0; depth < 8 && current instanceof Error && current.cause instanceof Error; depth++)
    current = current.cause;
  if (!(current instanceof Error)) return asText(current);
  // An AggregateError (both addresses of `localhost` refused) has an empty message of its own.
  const errors = (current as { errors?: unknown }).errors;
  const inner = Array.isArray(errors) ? errors.map((e) => (e instanceof Error ? e.message : asText(e))).join("; ") : "";
  return current.message || inner || asText((current as { code?: unknown }).code ?? current.name);
}
