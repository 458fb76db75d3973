// Sending one call: the token goes on a Request of the transport's own, handed to fetch and
// referenced by nothing else; each attempt has a time limit and a body-size limit; GET-like calls
// may be retried; the body must be an Applivery envelope. Everything a call rejects with is an
// AppliveryError.
import { BodyTooLarge, discard, readText } from "./body.js";
import { sleep, startAttempt } from "./deadline.js";
import { type Envelope, readEnvelope } from "./envelope.js";
import { AppliveryError } from "./errors.js";
import type { ResolvedOptions } from "./options.js";
import type { Redactor } from "./redact.js";
import { attemptsFor, retryDelay } from "./retry.js";

/** A request as the client prepared it, without the token. */
export interface Outgoing {
  operation: string;
  method: string;
  url: string;
  headers: Headers;
  body?: string | undefined;
  signal?: AbortSignal | null | undefined;
}

/** What came back: the response as received (its body read once, as text) and its envelope. */
export interface Answer {
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
  envelope: Envelope;
}

export type Send = (outgoing: Outgoing) => Promise<Answer>;

interface Received {
  response: Response;
  text: string;
}

export function createTransport(options: ResolvedOptions, redactor: Redactor): Send {
  const { token, timeoutMs, maxResponseBytes, retry, baseUrl } = options;
  const scope = `${baseUrl}/`;

  const aborted = (out: Outgoing, reason: unknown) =>
    new AppliveryError("aborted", out.operation, "the call was aborted by its signal", { cause: reason });

  /** One attempt: a Received, or the AppliveryError it ended with and whether it may be retried. */
  async function attempt(out: Outgoing): Promise<Received | { failure: AppliveryError; retryable: boolean }> {
    // An aborted call sends nothing: a custom fetch may not look at the signal before it sends.
    if (out.signal?.aborted) return { failure: aborted(out, out.signal.reason), retryable: false };
    const attempt = startAttempt(timeoutMs, out.signal);
    const headers = new Headers(out.headers);
    headers.set("authorization", `Bearer ${token}`);
    if (!headers.has("accept")) headers.set("accept", "application/json");
    const request = new Request(out.url, {
      method: out.method,
      headers,
      body: out.body ?? null,
      signal: attempt.signal,
    });
    const fetchImpl = options.fetch ?? globalThis.fetch;
    const receive = async (): Promise<Received | { failure: AppliveryError; retryable: boolean }> => {
      const response = await fetchImpl(request);
      if (response.status < 200 || response.status > 599) {
        discard(response.body);
        const message = `HTTP ${response.status} is not a valid HTTP status`;
        return {
          failure: new AppliveryError("response", out.operation, message, { status: response.status }),
          retryable: false,
        };
      }
      return { response, text: await readText(response, maxResponseBytes) };
    };
    try {
      // One race for the fetch and the body: both end when the attempt is aborted, whatever fetch does.
      return await attempt.run(receive());
    } catch (error) {
      if (out.signal?.aborted) return { failure: aborted(out, out.signal.reason), retryable: false };
      if (attempt.timedOut()) {
        return {
          failure: new AppliveryError("timeout", out.operation, `no complete response within ${timeoutMs} ms`),
          retryable: true,
        };
      }
      if (error instanceof BodyTooLarge)
        return { failure: new AppliveryError("response", out.operation, error.message), retryable: false };
      const failure = new AppliveryError("network", out.operation, `request failed: ${redactor.message(error)}`, {
        cause: redactor.error(error),
      });
      return { failure, retryable: true };
    } finally {
      attempt.end();
    }
  }

  return async function send(out: Outgoing): Promise<Answer> {
    // The token goes only to the API: never to a URL outside baseUrl, whoever built the request.
    if (!out.url.startsWith(scope)) {
      throw new AppliveryError(
        "request",
        out.operation,
        `refused to send the token outside ${baseUrl}: ${redactor.text(out.url)}`,
      );
    }
    const attempts = attemptsFor(out.method, retry);
    for (let n = 1; ; n++) {
      const result = await attempt(out);
      let delay: number | undefined;
      if ("failure" in result) {
        delay = n < attempts && result.retryable ? retryDelay(retry, n) : undefined;
        if (delay === undefined) throw result.failure;
      } else {
        const { response, text } = result;
        delay = n < attempts ? retryDelay(retry, n, response.status, response.headers.get("retry-after")) : undefined;
        if (delay === undefined) {
          const envelope = readEnvelope(
            out.operation,
            response.status,
            text,
            response.headers.get("content-type"),
            redactor,
          );
          return {
            status: response.status,
            statusText: response.statusText,
            headers: response.headers,
            text,
            envelope,
          };
        }
      }
      try {
        await sleep(delay, out.signal);
      } catch (reason) {
        throw aborted(out, reason);
      }
    }
  };
}
