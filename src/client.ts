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
  /** The fetch implementation. Default `globalThis.fetch`, looked up at call time. */
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
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

/**
 * Settles as `promise` does, or rejects with the signal's reason as soon as it aborts (then runs
 * `onAbort`), so a fetch or a body that ignores the signal cannot outlast it.
 */
function until<T>(signal: AbortSignal, promise: Promise<T>, onAbort?: () => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const stop = () => (onAbort?.(), reject(signal.reason));
    if (signal.aborted) return stop();
    signal.addEventListener("abort", stop, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", stop));
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
  const redact = (text: string) => text.split(token).join("[redacted]");
  // A copy of an error's chain (name, message, code, cause) with the token taken out.
  const scrub = (e: unknown, depth = 4): Error | undefined =>
    e instanceof Error && depth
      ? Object.assign(new Error(redact(e.message), { cause: scrub(e.cause, depth - 1) }), {
          name: e.name,
          code: (e as { code?: unknown }).code,
        })
      : undefined;

  // Passes on a success envelope, or (for a non-2xx) an error envelope; anything else throws.
  function check(response: Response, raw: string, operation: string): Response {
    const { status, ok } = response;
    const text = redact(raw);
    const fail = (what: string, body?: unknown) =>
      Object.assign(new AppliveryError("response", operation, status, `HTTP ${status}: ${what}`), { body });
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      throw fail(text ? `body is not JSON (${response.headers.get("Content-Type")})` : "empty body");
    }
    if (body?.status === false && typeof body.error?.code == "number") {
      if (ok) throw new AppliveryApiError(operation, status, body.error.code, body.error.message);
    } else if (!ok || body?.status !== true || !("data" in body)) {
      throw fail("body is not an Applivery envelope", body);
    }
    // The body was read once, here; openapi-fetch reads this copy (without the token, if the
    // body echoed it). 204/205/304 cannot carry a body, and the checks above refuse an empty one.
    const result = new Response(text, response);
    operationOf.set(result, operation);
    return result;
  }

  async function transport(request: Request): Promise<Response> {
    const { method, signal } = request;
    const operation = operationName(method, request.url);
    // POST is excluded whatever `methods` says: see RetryOptions.
    const tries = method != "POST" && methods.includes(method as RetryableMethod) ? retries + 1 : 1;
    for (let n = 1; ; n++) {
      const timeout = timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined;
      let response: Response | undefined;
      let text = "";
      let failure: AppliveryError | undefined;
      try {
        const active = timeout ? AbortSignal.any([signal, timeout]) : signal;
        // The last attempt may consume the caller's request; earlier ones send a copy.
        const sent = new Request(n < tries ? request.clone() : request, { signal: active });
        // Added here, after any middleware, so middleware that logs requests never sees the token.
        sent.headers.set("Authorization", `Bearer ${token}`);
        if (!sent.headers.has("Accept")) sent.headers.set("Accept", "application/json");
        response = await until(active, (options.fetch ?? globalThis.fetch)(sent));
        // The whole body, within the time limit; `check` hands openapi-fetch a response made from it.
        text = await until(active, response.text());
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        response = undefined;
        failure = timeout?.aborted
          ? new AppliveryError("timeout", operation, undefined, `no response within ${timeoutMs} ms`)
          : new AppliveryError("network", operation, undefined, `request failed: ${redact(String((error as Error)?.message))}`, {
              cause: scrub(error),
            });
      }
      let delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1));
      if (response) {
        if (!statuses.includes(response.status)) return check(response, text, operation);
        delay = retryAfterMs(response.headers.get("Retry-After")) ?? delay;
      }
      if (n >= tries || delay > maxDelayMs) {
        if (failure) throw failure;
        return check(response!, text, operation);
      }
      await sleep(delay, signal);
    }
  }

  // The same object, typed with the stricter GET and POST (see AppliveryMethod).
  return createClient<paths>({ baseUrl, headers, fetch: transport }) as unknown as AppliveryClient;
}
