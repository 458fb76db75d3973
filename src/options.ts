// The client's options, checked once when the client is made: a wrong option is a TypeError that
// names it and its allowed range, never a surprise at call time.
import type { HeadersOptions } from "openapi-fetch";

export const DEFAULT_BASE_URL = "https://api.applivery.io/v1";
/** Default time limit of each attempt: 30 s. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Default largest response body, after decompression: 16 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
/** The longest delay setTimeout can keep (2³¹ − 1 ms, about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Methods a retry policy may name. POST and PATCH are not among them: see {@link RetryOptions}. */
export type RetryableMethod = "GET" | "HEAD" | "OPTIONS" | "PUT" | "DELETE";
const RETRYABLE: readonly RetryableMethod[] = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"];

/**
 * When to repeat a request. Only a network failure, a timeout, or a response whose status is in
 * `statuses` is retried, and only for a method in `methods`.
 *
 * POST is never retried: every POST of this API creates tokens, and a POST that timed out or
 * answered 502 may still have succeeded on the server, so repeating it could create duplicate
 * tokens and send duplicate enrollment emails.
 */
export interface RetryOptions {
  /** Retries after the first attempt: a whole number from 0 to 10. Default 2. */
  retries?: number;
  /** Methods that are retried. Default `["GET"]`. */
  methods?: RetryableMethod[];
  /** HTTP statuses that are retried, each from 400 to 599. Default 408, 429, 500, 502, 503, 504. */
  statuses?: number[];
  /** Backoff before retry n (from 0) is `baseDelayMs * 2 ** n`: 0 to 60000 ms. Default 500. */
  baseDelayMs?: number;
  /**
   * Longest wait before a retry, 0 to 600000 ms. A `Retry-After` longer than this ends the retries
   * and the last response is returned as it is. Default 30000.
   */
  maxDelayMs?: number;
}

export interface AppliveryClientOptions {
  /** The API token, sent as `Authorization: Bearer <token>`. It never appears in errors. */
  token: string;
  /** An absolute http(s) URL. Default `https://api.applivery.io/v1`; for a local mock, e.g. `http://127.0.0.1:4010`. */
  baseUrl?: string;
  /**
   * The fetch implementation. Default `globalThis.fetch`, looked up at call time. It receives a
   * `Request` of the client's own, which carries the token; nothing else ever does.
   */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent with every request. `Authorization` is always the token's. */
  headers?: HeadersOptions;
  /** Time limit of each attempt, from sending to the end of the body: 1 to 2147483647 ms. Default 30000. */
  timeoutMs?: number;
  /** Largest response body accepted, after decompression: 1 byte to 1 GiB. Default 16 MiB. */
  maxResponseBytes?: number;
  /** Retry policy, or `false` for none. Default: up to 2 retries of GET requests. */
  retry?: RetryOptions | false;
}

/** The options with every default applied, every value checked. */
export interface ResolvedOptions {
  token: string;
  baseUrl: string;
  fetch: ((request: Request) => Promise<Response>) | undefined;
  headers: Headers;
  timeoutMs: number;
  maxResponseBytes: number;
  retry: Required<RetryOptions>;
}

const fail = (option: string, rule: string): never => {
  throw new TypeError(`createAppliveryClient: options.${option} must be ${rule}`);
};

function wholeNumber(value: unknown, option: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    fail(option, `a whole number from ${min} to ${max}`);
  }
  return value as number;
}

function checkBaseUrl(value: unknown): string {
  if (value === undefined) return DEFAULT_BASE_URL;
  const rule = "an absolute http(s) URL without credentials, query or fragment";
  if (typeof value !== "string" || !URL.canParse(value)) return fail("baseUrl", rule);
  const url = new URL(value);
  // `?` or `#` in the URL, even with nothing after it (where url.search and url.hash are empty).
  if (!["http:", "https:"].includes(url.protocol) || url.username || url.password || /[?#]/.test(url.href)) {
    return fail("baseUrl", rule);
  }
  // As fetch spells it (lower-case scheme and host, no default port, no dot segments): requests
  // are checked against it by their URL, which fetch has normalized.
  return url.href.replace(/\/+$/, "");
}

function checkHeaders(value: unknown): Headers {
  let headers: Headers;
  try {
    headers = new Headers((value ?? {}) as HeadersInit);
  } catch {
    return fail("headers", "valid HTTP headers");
  }
  if (headers.has("authorization")) fail("headers", "free of Authorization (the client sends the token itself)");
  return headers;
}

function checkRetry(value: unknown): Required<RetryOptions> {
  if (value === false) return { retries: 0, methods: [], statuses: [], baseDelayMs: 0, maxDelayMs: 0 };
  if (value !== undefined && (value === null || typeof value !== "object")) fail("retry", "false or an object");
  const retry = (value ?? {}) as RetryOptions;
  const methods = retry.methods ?? ["GET"];
  if (!Array.isArray(methods) || methods.some((m) => !RETRYABLE.includes(m)))
    fail("retry.methods", `a list of ${RETRYABLE.join(", ")}`);
  const statuses = retry.statuses ?? [408, 429, 500, 502, 503, 504];
  if (!Array.isArray(statuses) || statuses.some((s) => !Number.isInteger(s) || s < 400 || s > 599)) {
    fail("retry.statuses", "a list of whole numbers from 400 to 599");
  }
  const baseDelayMs = wholeNumber(retry.baseDelayMs, "retry.baseDelayMs", 0, 60_000, 500);
  const maxDelayMs = wholeNumber(retry.maxDelayMs, "retry.maxDelayMs", 0, 600_000, 30_000);
  return { retries: wholeNumber(retry.retries, "retry.retries", 0, 10, 2), methods, statuses, baseDelayMs, maxDelayMs };
}

export function resolveOptions(options: AppliveryClientOptions): ResolvedOptions {
  if (options === null || typeof options !== "object")
    throw new TypeError("createAppliveryClient: options must be an object with a token");
  const { token } = options;
  // Visible ASCII only: anything else would make `Headers` throw an error that quotes the token.
  if (typeof token !== "string" || !/^[\x21-\x7e]+$/.test(token))
    fail("token", "a non-empty API token of visible ASCII characters, without spaces");
  if (options.fetch !== undefined && typeof options.fetch !== "function") fail("fetch", "a function");
  return {
    token,
    baseUrl: checkBaseUrl(options.baseUrl),
    fetch: options.fetch,
    headers: checkHeaders(options.headers),
    timeoutMs: wholeNumber(options.timeoutMs, "timeoutMs", 1, MAX_TIMER_MS, DEFAULT_TIMEOUT_MS),
    maxResponseBytes: wholeNumber(options.maxResponseBytes, "maxResponseBytes", 1, 2 ** 30, DEFAULT_MAX_RESPONSE_BYTES),
    retry: checkRetry(options.retry),
  };
}
