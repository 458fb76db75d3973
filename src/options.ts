// The client's options, checked and copied once, when the client is made: a wrong or unknown option
// is a TypeError that names it, never a surprise at call time.
import type { HeadersOptions } from "openapi-fetch";
import { DEFAULT_RETRY, RETRYABLE_METHODS, type RetryOptions, type RetryPolicy } from "./retry.js";

export const DEFAULT_BASE_URL = "https://api.applivery.io/v1";
/** Default time limit of each attempt: 30 s. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Default largest response body, after decompression: 16 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

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
  /** Headers sent with every request. Not `Authorization` (the token's), nor headers fetch sets itself. */
  headers?: HeadersOptions;
  /** Time limit of each attempt, from sending to the end of the body: 1 to 2147483647 ms. Default 30000. */
  timeoutMs?: number;
  /** Largest response body accepted, after decompression: 1 byte to 1 GiB. Default 16 MiB. */
  maxResponseBytes?: number;
  /** Retry policy, or `false` for none. Default: up to 2 retries of GET requests. */
  retry?: RetryOptions | false;
}

/** The options with every default applied, every value checked, nothing shared with the caller. */
export interface ResolvedOptions {
  readonly token: string;
  readonly baseUrl: string;
  readonly fetch: ((request: Request) => Promise<Response>) | undefined;
  readonly headers: Headers;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly retry: RetryPolicy;
}

/** Likely slips, with the option meant. */
const SLIPS: Record<string, string> = { baseURL: "baseUrl", timeout: "timeoutMs", maxRetries: "retry.retries" };
/** Headers the client or fetch sets itself (Node's fetch fails every call that carries one of the last five). */
const FORBIDDEN_HEADERS = [
  "Authorization",
  "Host",
  "Content-Length",
  "Connection",
  "Keep-Alive",
  "Transfer-Encoding",
  "Upgrade",
  "Expect",
];

const refuse = (option: string, rule: string): never => {
  throw new TypeError(`createAppliveryClient: options.${option} ${rule}`);
};

/** Refuses a key of `given` that `known` does not have, naming it. */
function onlyKnown(given: object, known: object, prefix = "") {
  for (const key of Object.keys(given))
    if (!Object.hasOwn(known, key))
      refuse(
        `${prefix}${key}`,
        `is not an option; ${SLIPS[key] ? `did you mean ${SLIPS[key]}?` : `the options are ${Object.keys(known).join(", ")}`}`,
      );
}

function whole(value: unknown, option: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max)
    refuse(option, `must be a whole number from ${min} to ${max}`);
  return value as number;
}

function list<T>(value: unknown, option: string, ok: (item: T) => boolean, rule: string, fallback: readonly T[]) {
  if (value === undefined) return fallback;
  if (!Array.isArray(value) || !value.every(ok)) refuse(option, `must be ${rule}`);
  return [...(value as T[])];
}

function checkRetry(retry: unknown): RetryPolicy {
  if (retry === false) return { ...DEFAULT_RETRY, retries: 0 };
  if (retry === undefined) return DEFAULT_RETRY;
  if (typeof retry !== "object" || retry === null || Array.isArray(retry))
    return refuse("retry", "must be false or an object");
  onlyKnown(retry, DEFAULT_RETRY, "retry.");
  const given = retry as RetryOptions;
  const number = (key: "retries" | "baseDelayMs" | "maxDelayMs", max: number) =>
    whole(given[key], `retry.${key}`, 0, max, DEFAULT_RETRY[key]);
  return {
    retries: number("retries", 10),
    methods: list(
      given.methods,
      "retry.methods",
      (m) => RETRYABLE_METHODS.includes(m),
      `a list of ${RETRYABLE_METHODS.join(", ")}`,
      DEFAULT_RETRY.methods,
    ),
    statuses: list(
      given.statuses,
      "retry.statuses",
      (s: number) => Number.isInteger(s) && s >= 400 && s < 600,
      "a list of whole numbers from 400 to 599",
      DEFAULT_RETRY.statuses,
    ),
    baseDelayMs: number("baseDelayMs", 60_000),
    maxDelayMs: number("maxDelayMs", 600_000),
  };
}

export function resolveOptions(options: AppliveryClientOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null)
    throw new TypeError("createAppliveryClient: options must be an object with a token");
  const { token, baseUrl = DEFAULT_BASE_URL, fetch } = options;
  const defaults = { token, baseUrl, fetch, headers: 0, timeoutMs: 0, maxResponseBytes: 0, retry: 0 };
  onlyKnown(options, defaults);
  // Visible ASCII only: anything else would make `Headers` throw an error that quotes the token.
  if (typeof token !== "string" || !/^[\x21-\x7e]+$/.test(token))
    refuse("token", "must be a non-empty API token of visible ASCII characters, without spaces");
  // An absolute http(s) URL without credentials, `?` or `#` (even with nothing after them).
  const url = typeof baseUrl === "string" && URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || /[?#]/.test(url.href))
    refuse("baseUrl", "must be an absolute http(s) URL without credentials, query or fragment");
  if (fetch !== undefined && typeof fetch !== "function") refuse("fetch", "must be a function");
  let headers: Headers | undefined;
  try {
    headers = new Headers((options.headers ?? {}) as HeadersInit);
  } catch {
    refuse("headers", "must be valid HTTP headers");
  }
  for (const name of FORBIDDEN_HEADERS)
    if (headers?.has(name)) refuse("headers", `must be free of ${name} (the client or fetch sets it)`);
  return {
    token,
    // As fetch spells it (lower-case scheme and host, no default port, no dot segments): requests
    // are checked against it by their URL, which fetch has normalized.
    baseUrl: (url as URL).href.replace(/\/+$/, ""),
    fetch,
    headers: headers as Headers,
    // The longest delay setTimeout can keep (2³¹ − 1 ms, about 24.8 days).
    timeoutMs: whole(options.timeoutMs, "timeoutMs", 1, 2 ** 31 - 1, DEFAULT_TIMEOUT_MS),
    maxResponseBytes: whole(options.maxResponseBytes, "maxResponseBytes", 1, 2 ** 30, DEFAULT_MAX_RESPONSE_BYTES),
    retry: checkRetry(options.retry),
  };
}
