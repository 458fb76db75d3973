import createClient, {
  type Client,
  type ClientPathsWithMethod,
  type FetchOptions,
  type FetchResponse,
  type HeadersOptions,
} from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { AppliveryApiError, AppliveryError, operationOf } from "./errors.js";

/**
 * `GET` or `POST` of an {@link AppliveryClient}. Unlike openapi-fetch's own signature, which infers
 * the options object and so lets unknown keys through, the options are checked as written: an
 * unknown `body` key is a compile error naming the key. A per-call `fetch` or `parseAs` is not
 * offered, as it would bypass the token, the retries and the envelope checks.
 */
export type AppliveryMethod<M extends "get" | "post"> = <P extends ClientPathsWithMethod<Client<paths>, M>>(
  url: P,
  init: Omit<FetchOptions<paths[P][M]>, "fetch" | "parseAs">,
) => Promise<FetchResponse<Extract<paths[P][M], object>, {}, `${string}/${string}`>>;

/** An openapi-fetch `Client<paths>` whose `GET` and `POST` check request objects exactly. */
export interface AppliveryClient extends Omit<Client<paths>, "GET" | "POST"> {
  GET: AppliveryMethod<"get">;
  POST: AppliveryMethod<"post">;
}

export const DEFAULT_BASE_URL = "https://api.applivery.io/v1";

/** Methods a retry policy may name. POST and PATCH are not among them: see {@link RetryOptions}. */
export type RetryableMethod = "GET" | "HEAD" | "OPTIONS" | "PUT" | "DELETE";

/**
 * When to repeat a request. Only a network failure, a timeout, or a response whose status is in
 * `statuses` is retried, and only for a method in `methods`.
 *
 * POST is never retried: every POST of this API creates tokens, and a POST that timed out or
 * answered 502 may still have succeeded on the server, so repeating it could create duplicate
 * tokens and send duplicate enrollment emails.
 */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  retries?: number;
  /** Methods that are retried. Default `["GET"]`. */
  methods?: RetryableMethod[];
  /** HTTP statuses that are retried. Default 408, 429, 500, 502, 503, 504. */
  statuses?: number[];
  /** Backoff before retry n (from 0) is `baseDelayMs * 2 ** n`. Default 500. */
  baseDelayMs?: number;
  /**
   * Longest wait before a retry. A `Retry-After` longer than this ends the retries and the
   * response is returned as it is. Default 30000.
   */
  maxDelayMs?: number;
}

export interface AppliveryClientOptions {
  /** The API token, sent as `Authorization: Bearer <token>`. It never appears in errors. */
  token: string;
  /** Default `https://api.applivery.io/v1`; for a local mock, e.g. `http://127.0.0.1:4010`. */
  baseUrl?: string;
  /**
   * The fetch implementation. Default `globalThis.fetch`, looked up at call time. The request it
   * gets carries the token until the promise it returns settles; then the token is taken off.
   */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent with every request. `Authorization` is always the token's. */
  headers?: HeadersOptions;
  /** Time limit of each attempt, in milliseconds, from sending to the end of the body. */
  timeoutMs?: number;
  /** Retry policy, or `false` for none. Default: up to 2 retries of GET requests. */
  retry?: RetryOptions | false;
}

const OPERATIONS: Record<string, string> = {
  "GET apple": "listAppleEnrollmentTokens",
  "POST apple": "createAppleEnrollmentToken",
  "POST apple/bulk": "bulkCreateAppleEnrollmentTokens",
  "POST windows": "createWindowsEnrollmentToken",
  "POST android": "createAndroidEnrollmentToken",
};

/** The operationId a request calls, or `METHOD /path` when it is not one of the API's. */
export function operationName(method: string, url: string): string {
  const { pathname } = new URL(url);
  const m = /\/mdm\/(\w+)\/enterprise\/enrollment-tokens(\/bulk)?\/?$/.exec(pathname);
  return (m && OPERATIONS[`${method} ${m[1]}${m[2] ?? ""}`]) || `${method} ${pathname}`;
}

/** Milliseconds a `Retry-After` header asks to wait (seconds or an HTTP date), if it is valid. */
export function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined;
  const ms = /^\s*\d+\s*$/.test(value) ? +value * 1000 : /[a-z]/i.test(value) ? Date.parse(value) - Date.now() : NaN;
  return isNaN(ms) ? undefined : Math.max(0, ms);
}

/**
 * Settles as `promise` does, or rejects with the signal's reason as soon as it aborts (then runs
 * `onAbort`), so a fetch or a body that ignores the signal cannot outlast it.
 */
function until<T>(signal: AbortSignal, promise: Promise<T>, onAbort?: () => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const stop = () => (onAbort?.(), reject(signal.reason));
    // Handled even when the signal has already aborted, so a later rejection is never unhandled.
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", stop));
    if (signal.aborted) stop();
    else signal.addEventListener("abort", stop);
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return until(signal, new Promise((resolve) => (timer = setTimeout(resolve, ms))), () => clearTimeout(timer));
}

/**
 * Creates a typed client of the Applivery MDM enrollment-token API: an openapi-fetch client
 * (typed {@link AppliveryClient}: `Client<paths>` with exact `GET`/`POST`), so results keep the
 * `{ data, error, response }` shape, where `data` is the documented success envelope and `error`
 * the documented error envelope.
 *
 * Anything else rejects with an {@link AppliveryError}: a network failure, a timeout, a body that
 * is not JSON or is empty, a body that is not an Applivery envelope, or a 2xx whose envelope says
 * `status: false` (an {@link AppliveryApiError}). An abort through the caller's `signal` rejects
 * with the signal's reason.
 */
export function createAppliveryClient(options: AppliveryClientOptions): AppliveryClient {
  const { token, baseUrl = DEFAULT_BASE_URL, headers, timeoutMs, retry } = options ?? {};
  // Visible ASCII only: anything else would make `Headers` throw an error that quotes the token.
  if (typeof token != "string" || !/^[\x21-\x7e]+$/.test(token)) {
    throw new TypeError("createAppliveryClient: options.token must be a non-empty API token without spaces");
  }
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    throw new TypeError("createAppliveryClient: options.timeoutMs must be a positive whole number of milliseconds");
  }
  const {
    retries = 2,
    methods = ["GET"],
    statuses = [408, 429, 500, 502, 503, 504],
    baseDelayMs = 500,
    maxDelayMs = 30_000,
  } = retry === false ? { retries: 0 } : (retry ?? {});
  const redact = (text: string) => text.replaceAll(token, "[redacted]");
  // A copy of an error's chain (name, message, code, cause) with the token taken out.
  const scrub = (e: unknown, depth = 4): Error | undefined =>
    e instanceof Error && depth
      ? Object.assign(new Error(redact(e.message), { cause: scrub(e.cause, depth - 1) }), {
          name: e.name,
          code: (e as { code?: unknown }).code,
        })
      : undefined;

  // Passes on a success envelope, or (for a non-2xx) an error envelope; anything else throws.
  function check(response: Response, raw: string, operation: () => string): Response {
    const { status, ok } = response;
    const text = redact(raw);
    const fail = (what: string, body?: unknown) =>
      Object.assign(new AppliveryError("response", operation(), status, `HTTP ${status}: ${what}`), { body });
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      throw fail(text ? `body is not JSON (${response.headers.get("Content-Type")})` : "empty body");
    }
    if (body?.status === false && typeof body.error?.code == "number") {
      if (ok) throw new AppliveryApiError(operation(), status, body.error.code, body.error.message);
      // Named for unwrap's error. A success envelope is never named: unwrapBulk knows its own.
      operationOf.set(response, operation());
    } else if (!ok || body?.status !== true || !("data" in body)) {
      throw fail("body is not an Applivery envelope", body);
    }
    // The body stream was read once, above. openapi-fetch, onResponse middleware and the caller
    // read it through these instead of a second Response and a second read: the text without the
    // token, and (what `data` becomes) the envelope parsed and checked above. 204/205/304 cannot
    // carry a body, and the checks above refuse an empty one.
    response.text = async () => text;
    response.json = async () => body;
    response.clone = () => new Response(text, response);
    return response;
  }

  async function transport(request: Request): Promise<Response> {
    const { method, signal } = request;
    // Needed only to name an error, so only worked out then.
    const operation = () => operationName(method, request.url);
    // POST is excluded whatever `methods` says: see RetryOptions.
    const tries = method != "POST" && methods.includes(method as RetryableMethod) ? retries + 1 : 1;
    for (let n = 1; ; n++) {
      const timeout = timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined;
      let sent = request;
      // `until` enforces the time limit even on a fetch (or a body) that ignores the signal.
      const within = <T>(promise: Promise<T>) => (timeout ? until(sent.signal, promise) : promise);
      let response!: Response;
      let text!: string;
      let failure: AppliveryError | undefined;
      try {
        // A body can be sent only once: an attempt that may be followed by another sends a copy.
        if (n < tries && request.body) sent = request.clone();
        // The time limit needs a request of its own, carrying its signal.
        if (timeout) sent = new Request(sent, { signal: AbortSignal.any([signal, timeout]) });
        // The token is on the request only while the fetch has it: openapi-fetch hands this same
        // request to middleware before (onRequest) and after (onResponse, onError) this transport.
        sent.headers.set("Authorization", `Bearer ${token}`);
        if (!sent.headers.has("Accept")) sent.headers.set("Accept", "application/json");
        response = await within((options.fetch ?? globalThis.fetch)(sent));
        text = await within(response.text());
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        failure = timeout?.aborted
          ? new AppliveryError("timeout", operation(), undefined, `no response within ${timeoutMs} ms`)
          : new AppliveryError("network", operation(), undefined, `request failed: ${redact(String((error as Error)?.message))}`, {
              cause: scrub(error),
            });
      } finally {
        sent.headers.delete("Authorization");
      }
      let delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1));
      if (!failure) {
        if (!statuses.includes(response.status)) return check(response, text, operation);
        delay = retryAfterMs(response.headers.get("Retry-After")) ?? delay;
      }
      if (n >= tries || delay > maxDelayMs) {
        if (failure) throw failure;
        return check(response, text, operation);
      }
      await sleep(delay, signal);
    }
  }

  type Call = (url: string, init?: { signal?: AbortSignal | null; parseAs?: "stream" }) => Promise<{ data?: unknown; response: Response }>;
  const client = createClient<paths>({ baseUrl, headers, fetch: transport });
  for (const method of ["GET", "POST"] as const) {
    const call = client[method] as unknown as Call;
    (client as unknown as Record<string, Call>)[method] = (url, init) => {
      // The transport has parsed and checked the body already: with `parseAs: "stream"` openapi-fetch
      // leaves a success body alone, and `data` is `response.json()`, that parsed envelope (or,
      // for a response onResponse middleware put in its place, that response's JSON).
      const result = call(url, { ...init, parseAs: "stream" }).then(async (result) => {
        if (result.data) result.data = await result.response.json();
        return result;
      });
      // The caller's abort rejects at once, even if a fetch (or its body) ignores the signal. Only a
      // call given a signal pays for the listener: without one, the request's signal is
      // openapi-fetch's own, which nothing aborts.
      return init?.signal ? until(init.signal, result) : result;
    };
  }
  // The same object, typed with the stricter GET and POST (see AppliveryMethod).
  return client as unknown as AppliveryClient;
}
