// The fetch that openapi-fetch calls: it sends a Request of its own that carries the token (the one
// openapi-fetch and middleware saw never does), only to URLs within `baseUrl`, following redirects
// only within it; each attempt has a time limit and a body-size limit; the retry policy decides
// whether to go again. It answers with an ordinary Response whose body is in memory, or rejects
// with an AppliveryError.
import { BodyTooLarge, discard, readBytes } from "./body.js";
import { AppliveryError, type AppliveryErrorKind } from "./errors.js";
import type { ResolvedOptions } from "./options.js";
import { type Redact, redactError, redactHeaders, rootMessage } from "./redact.js";
import { attemptsFor, retryDelay } from "./retry.js";

/** Sends openapi-fetch's request for `operation` (the name its errors carry). */
export type Transport = (request: Request, operation: string) => Promise<Response>;

/** Redirects followed in one attempt, each within `baseUrl`. */
export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
const NULL_BODY_STATUSES = [204, 205, 304];

/** Settles as `work` does, or rejects with the signal's reason as soon as it aborts. */
function race<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const stop = () => reject(signal.reason);
    // Handled even when the signal aborts first, so a later rejection is never unhandled.
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", stop));
    if (signal.aborted) stop();
    else signal.addEventListener("abort", stop, { once: true });
  });
}

const sleep = (ms: number, signal: AbortSignal) =>
  race(new Promise<void>((resolve) => setTimeout(resolve, ms)), signal);

interface Received {
  response: Response;
  bytes: Uint8Array;
}
type Outcome = Received | { failure: AppliveryError; retryable: boolean };

export function createTransport(options: ResolvedOptions, redact: Redact): Transport {
  const { token, timeoutMs, maxResponseBytes, retry, baseUrl } = options;
  const within = (url: string) => url.startsWith(`${baseUrl}/`);

  return async function send(request, operation) {
    const error = (
      kind: AppliveryErrorKind,
      message: string,
      details?: ConstructorParameters<typeof AppliveryError>[3],
    ) => new AppliveryError(kind, operation, redact(message), details);
    // The token goes only to the API: never to a URL outside baseUrl, whoever built the request.
    if (!within(request.url)) throw error("request", `refused to send the token outside ${baseUrl}: ${request.url}`);
    const caller = request.signal;
    const aborted = () => error("aborted", "the call was aborted by its signal", { cause: caller.reason });
    // Read once, so that a retry or a redirect can send it again.
    const body = request.body === null ? undefined : await request.arrayBuffer();

    /** One exchange, following redirects within baseUrl. */
    async function exchange(signal: AbortSignal): Promise<Received> {
      let { url, method } = request;
      let payload = body;
      for (let hops = 0; ; hops++) {
        const headers = new Headers(request.headers);
        headers.set("authorization", `Bearer ${token}`);
        if (!headers.has("accept")) headers.set("accept", "application/json");
        if (payload === undefined) headers.delete("content-type");
        const own = new Request(url, { method, headers, body: payload ?? null, signal, redirect: "manual" });
        const response = await (options.fetch ?? globalThis.fetch)(own);
        const location = response.headers.get("location");
        // A browser hides a redirect's target ("opaqueredirect"): it cannot be checked, so it is refused.
        if (response.type !== "opaqueredirect" && !(REDIRECT_STATUSES.includes(response.status) && location !== null)) {
          if (response.status < 200 || response.status > 599) {
            discard(response.body);
            throw error("response", `HTTP ${response.status} is not a valid HTTP status`, {
              response: { status: response.status, headers: redactHeaders(response.headers, redact) },
            });
          }
          return { response, bytes: await readBytes(response, maxResponseBytes) };
        }
        discard(response.body);
        const target = location !== null && URL.canParse(location, url) ? new URL(location, url).href : undefined;
        const answered = { response: { status: response.status, headers: redactHeaders(response.headers, redact) } };
        if (target === undefined || !within(target)) {
          const where = target === undefined ? "to a location it hides or that is not a URL" : `to ${target}`;
          throw error(
            "response",
            `HTTP ${response.status} redirects ${where}, outside ${baseUrl}: not followed`,
            answered,
          );
        }
        if (hops === MAX_REDIRECTS) throw error("response", `more than ${MAX_REDIRECTS} redirects`, answered);
        if (response.status === 303 || (response.status < 303 && method === "POST")) {
          method = "GET";
          payload = undefined;
        }
        url = target;
      }
    }

    /** One attempt under its own time limit. */
    async function attempt(): Promise<Outcome> {
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new DOMException(`no complete response within ${timeoutMs} ms`, "TimeoutError"));
      }, timeoutMs);
      const follow = () => controller.abort(caller.reason);
      caller.addEventListener("abort", follow, { once: true });
      try {
        // One race for the fetch and the body: both end when the attempt is aborted, whatever fetch does.
        return await race(exchange(controller.signal), controller.signal);
      } catch (thrown) {
        if (caller.aborted) return { failure: aborted(), retryable: false };
        if (timedOut)
          return { failure: error("timeout", `no complete response within ${timeoutMs} ms`), retryable: true };
        if (thrown instanceof AppliveryError) return { failure: thrown, retryable: false };
        if (thrown instanceof BodyTooLarge) return { failure: error("response", thrown.message), retryable: false };
        const failure = error("network", `request failed: ${redact(rootMessage(thrown))}`, {
          cause: redactError(thrown, redact),
        });
        return { failure, retryable: true };
      } finally {
        clearTimeout(timer);
        caller.removeEventListener("abort", follow);
      }
    }

    const attempts = attemptsFor(retry, request.method);
    for (let n = 1; ; n++) {
      // An aborted call sends nothing: a custom fetch may not look at the signal before it sends.
      if (caller.aborted) throw aborted();
      const outcome = await attempt();
      let delay: number | undefined;
      if ("failure" in outcome) {
        delay = n < attempts && outcome.retryable ? retryDelay(retry, n) : undefined;
        if (delay === undefined) throw outcome.failure;
      } else {
        const { response, bytes } = outcome;
        delay = n < attempts ? retryDelay(retry, n, response.status, response.headers.get("retry-after")) : undefined;
        if (delay === undefined) {
          const { status, statusText, headers } = response;
          return new Response(NULL_BODY_STATUSES.includes(status) ? null : (bytes as BodyInit), {
            status,
            statusText,
            headers,
          });
        }
      }
      try {
        await sleep(delay, caller);
      } catch {
        throw aborted();
      }
    }
  };
}
