// The fetch that openapi-fetch calls: it sends a Request of its own that carries the token (the one
// openapi-fetch and middleware saw never does), only to URLs within `baseUrl`, following redirects
// only within it; each attempt has a time limit and a body-size limit; the retry policy decides
// whether to go again. It answers with an ordinary Response whose body is in memory, or rejects
// with an AppliveryError.
import { BodyTooLarge, discard, readBytes } from "./body.js";
import { AppliveryError, type AppliveryErrorDetails, type AppliveryErrorKind } from "./errors.js";
import type { ResolvedOptions } from "./options.js";
import { type Redact, redactError, rootMessage } from "./redact.js";
import { attemptsFor, retryDelay } from "./retry.js";

/** Sends openapi-fetch's request for `operation` (the name its errors carry). */
export type Transport = (request: Request, operation: string) => Promise<Response>;

/** Redirects followed in one attempt, each within `baseUrl`. */
export const MAX_REDIRECTS = 5;

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

export function createTransport(options: ResolvedOptions, redact: Redact): Transport {
  const { token, timeoutMs, maxResponseBytes, retry, baseUrl } = options;
  const within = (url: string) => url.startsWith(`${baseUrl}/`);

  return async (request, operation) => {
    const error = (kind: AppliveryErrorKind, message: string, details?: AppliveryErrorDetails) =>
      new AppliveryError(kind, operation, redact(message), details);
    const answered = (response: Response) => ({
      response: { status: response.status, headers: redact.headers(response.headers) },
    });
    // The token goes only to the API: never to a URL outside baseUrl, whoever built the request.
    if (!within(request.url)) throw error("request", `refused to send the token outside ${baseUrl}: ${request.url}`);
    const caller = request.signal;
    const aborted = () => error("aborted", "the call was aborted by its signal", { cause: caller.reason });
    // Read once, so that a retry or a redirect can send it again.
    const body = request.body === null ? undefined : await request.arrayBuffer();

    /** One exchange, following redirects within baseUrl; its response and the body's bytes. */
    async function exchange(signal: AbortSignal) {
      let { url, method } = request;
      let payload = body;
      for (let hops = 0; ; hops++) {
        // A fetch that ignores the signal must not be sent a further hop once the attempt is over.
        signal.throwIfAborted();
        const headers = new Headers(request.headers);
        headers.set("authorization", `Bearer ${token}`);
        if (!headers.has("accept")) headers.set("accept", "application/json");
        if (payload === undefined) headers.delete("content-type");
        const own = new Request(url, { method, headers, body: payload ?? null, signal, redirect: "manual" });
        const response = await (options.fetch ?? fetch)(own);
        const { status, type } = response;
        const location = response.headers.get("location");
        // A browser hides a redirect's target ("opaqueredirect"): it cannot be checked, so it is refused.
        const redirect = type === "opaqueredirect" || ([301, 302, 303, 307, 308].includes(status) && location !== null);
        if (!redirect && (status < 200 || status > 599)) {
          discard(response.body);
          throw error("response", `HTTP ${status} is not a valid HTTP status`, answered(response));
        }
        // A custom fetch that followed a redirect itself may have answered from anywhere.
        if (response.url !== "" && !within(response.url)) {
          discard(response.body);
          throw error("response", `answered from ${response.url}, outside ${baseUrl}: not taken`, answered(response));
        }
        if (!redirect) return { response, bytes: await readBytes(response, maxResponseBytes) };
        discard(response.body);
        const target = location !== null && URL.canParse(location, url) ? new URL(location, url).href : "";
        if (!within(target) || hops === MAX_REDIRECTS) {
          const why = within(target)
            ? `more than ${MAX_REDIRECTS} redirects`
            : `a redirect to ${target || "a hidden location"}, outside ${baseUrl}`;
          throw error("response", `HTTP ${status}: ${why}, not followed`, answered(response));
        }
        // As fetch does: 303, and 301/302 after a POST, go on as GET without a body.
        if (status === 303 || (status < 303 && method === "POST")) {
          method = "GET";
          payload = undefined;
        }
        url = target;
      }
    }

    const attempts = attemptsFor(retry, request.method);
    for (let n = 1; ; n++) {
      // An aborted call sends nothing: a custom fetch may not look at the signal before it sends.
      if (caller.aborted) throw aborted();
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      const follow = () => controller.abort(caller.reason);
      caller.addEventListener("abort", follow, { once: true });
      let failure: AppliveryError | undefined;
      let delay: number | undefined;
      try {
        // One race for the fetch and the body: both end when the attempt is aborted, whatever fetch does.
        const { response, bytes } = await race(exchange(controller.signal), controller.signal);
        const { status, statusText, headers } = response;
        delay = n < attempts ? retryDelay(retry, n, status, headers.get("retry-after")) : undefined;
        if (delay === undefined)
          return new Response([204, 205, 304].includes(status) ? null : (bytes as BodyInit), {
            status,
            statusText,
            headers,
          });
      } catch (thrown) {
        if (caller.aborted) throw aborted();
        // A timeout and a network failure may be retried; the rest may not.
        const timedOut = controller.signal.aborted;
        if (thrown instanceof AppliveryError || thrown instanceof BodyTooLarge)
          throw thrown instanceof BodyTooLarge ? error("response", thrown.message) : thrown;
        failure = timedOut
          ? error("timeout", `no complete response within ${timeoutMs} ms`)
          : error("network", `request failed: ${rootMessage(thrown)}`, { cause: redactError(thrown, redact) });
        delay = n < attempts ? retryDelay(retry, n) : undefined;
        if (delay === undefined) throw failure;
      } finally {
        clearTimeout(timer);
        caller.removeEventListener("abort", follow);
      }
      let wait: ReturnType<typeof setTimeout> | undefined;
      await race(new Promise((resolve) => (wait = setTimeout(resolve, delay))), caller).catch(() => {
        clearTimeout(wait);
        throw aborted();
      });
    }
  };
}
