// Taking the API token out of the text the client writes: error messages and their causes, and
// contract-live's output. The text's escapes are undone (JSON's `\uXXXX`, `\"`, `\\`, `\/`, `\'`
// and percent-encoding, up to four levels in any mix) while keeping where each character came from;
// the token is found in that plain text and what it spanned in the original is replaced. Each step is
// one pass over the text, nothing is compiled from the token, and nothing throws. Data the API sent
// is never altered.

/**
 * A token shorter than this is not redacted: it is no credential (the API's tokens are far longer),
 * and replacing every `t` of a message for the test token `"t"` would leave it unreadable.
 */
export const MIN_REDACTED_LENGTH = 8;
/** The longest message the client writes: longer text (an API message of megabytes) is cut. */
export const MAX_MESSAGE_LENGTH = 2_000;
/** Middle dots: no token has them (tokens are visible ASCII), so the replacement never joins what surrounds it into a token; and a header value may hold them. */
const REDACTED = "\u00b7\u00b7\u00b7";
const LEVELS = 4;
const HEX2 = /^[0-9a-fA-F]{2}$/;
const HEX4 = /^[0-9a-fA-F]{4}$/;

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

interface Plain {
  text: string;
  /** Where character i of `text` starts in the original (and, at `text.length`, the original's end). */
  from: Int32Array;
}

/** One level of escapes undone, keeping where each character came from. */
function unescapeOnce({ text, from }: Plain): Plain {
  const chars: string[] = [];
  const next = new Int32Array(text.length + 1);
  let i = 0;
  while (i < text.length) {
    next[chars.length] = from[i] as number;
    const c = text.charAt(i);
    let width = 1;
    let char = c;
    if (c === "\\" && text.charAt(i + 1) === "u" && HEX4.test(text.slice(i + 2, i + 6))) {
      char = String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
      width = 6;
    } else if (c === "\\" && `"\\/'`.includes(text.charAt(i + 1)) && i + 1 < text.length) {
      char = text.charAt(i + 1);
      width = 2;
    } else if (c === "%" && HEX2.test(text.slice(i + 1, i + 3))) {
      char = String.fromCharCode(Number.parseInt(text.slice(i + 1, i + 3), 16));
      width = 3;
    }
    chars.push(char);
    i += width;
  }
  next[chars.length] = from[text.length] as number;
  return { text: chars.join(""), from: next.subarray(0, chars.length + 1) };
}

function plain(text: string): Plain {
  let level: Plain = { text, from: Int32Array.from({ length: text.length + 1 }, (_, i) => i) };
  for (let n = 0; n < LEVELS; n++) {
    const next = unescapeOnce(level);
    if (next.text === level.text) break;
    level = next;
  }
  return level;
}

export function createRedact(token: string): Redact {
  const wanted = token.length < MIN_REDACTED_LENGTH ? "" : plain(token).text;
  // Enough of a long text to hold any token that starts within what is kept, in any spelling.
  const reach = MAX_MESSAGE_LENGTH + 16 * token.length;
  return (value) => {
    let text = asText(value);
    if (text.length > reach) text = text.slice(0, reach);
    if (wanted) {
      const { text: found, from } = plain(text);
      const kept: string[] = [];
      let end = 0;
      for (let at = found.indexOf(wanted); at >= 0; at = found.indexOf(wanted, at + wanted.length)) {
        kept.push(text.slice(end, from[at]), REDACTED);
        end = from[at + wanted.length] as number;
      }
      if (kept.length > 0) text = kept.join("") + text.slice(end);
    }
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
