// The client's options, checked and copied once, when the client is made: a wrong or unknown option
// is a TypeError that names it, never a surprise at call time.
import type { HeadersOptions } from "openapi-fetch";
import { type Refuse, type RetryOptions, type RetryPolicy, retryPolicy, wholeNumber } from "./retry.js";

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

const KNOWN = ["token", "baseUrl", "fetch", "headers", "timeoutMs", "maxResponseBytes", "retry"];
/** Likely slips, with the option meant. */
const SLIPS: Record<string, string> = {
  baseURL: "baseUrl",
  baseurl: "baseUrl",
  url: "baseUrl",
  timeout: "timeoutMs",
  maxRetries: "retry.retries",
  retries: "retry.retries",
  apiKey: "token",
  apiToken: "token",
};
/** Headers fetch sets itself or refuses (Node's fetch fails every call that carries one). */
const FORBIDDEN_HEADERS = [
  "authorization",
  "connection",
  "content-length",
  "expect",
  "host",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
];

const refuse: Refuse = (option, rule) => {
  throw new TypeError(`createAppliveryClient: options.${option} must be ${rule}`);
};

function checkBaseUrl(value: unknown): string {
  const rule = "an absolute http(s) URL without credentials, query or fragment";
  if (typeof value !== "string" || !URL.canParse(value)) return refuse("baseUrl", rule);
  const url = new URL(value);
  // `?` or `#` in the URL, even with nothing after it (where url.search and url.hash are empty).
  if (!["http:", "https:"].includes(url.protocol) || url.username || url.password || /[?#]/.test(url.href))
    return refuse("baseUrl", rule);
  // As fetch spells it (lower-case scheme and host, no default port, no dot segments): requests
  // are checked against it by their URL, which fetch has normalized.
  return url.href.replace(/\/+$/, "");
}

function checkHeaders(value: unknown): Headers {
  let headers: Headers;
  try {
    headers = new Headers((value ?? {}) as HeadersInit);
  } catch {
    return refuse("headers", "valid HTTP headers");
  }
  for (const name of FORBIDDEN_HEADERS)
    if (headers.has(name)) {
      const spelled = name.replace(/(^|-)[a-z]/g, (c) => c.toUpperCase());
      refuse("headers", `free of ${spelled} (the client or fetch sets it)`);
    }
  return headers;
}

export function resolveOptions(options: AppliveryClientOptions): ResolvedOptions {
  if (options === null || typeof options !== "object")
    throw new TypeError("createAppliveryClient: options must be an object with a token");
  for (const key of Object.keys(options)) {
    if (KNOWN.includes(key)) continue;
    const meant = SLIPS[key];
    const hint = meant ? `did you mean ${meant}?` : `the options are ${KNOWN.join(", ")}`;
    throw new TypeError(`createAppliveryClient: options.${key} is not an option; ${hint}`);
  }
  const { token } = options;
  // Visible ASCII only: anything else would make `Headers` throw an error that quotes the token.
  if (typeof token !== "string" || !/^[\x21-\x7e]+$/.test(token))
    refuse("token", "a non-empty API token of visible ASCII characters, without spaces");
  if (options.fetch !== undefined && typeof options.fetch !== "function") refuse("fetch", "a function");
  const number = (key: "timeoutMs" | "maxResponseBytes", max: number, fallback: number) =>
    options[key] === undefined ? fallback : wholeNumber(options[key], key, 1, max, refuse);
  return Object.freeze({
    token,
    baseUrl: options.baseUrl === undefined ? DEFAULT_BASE_URL : checkBaseUrl(options.baseUrl),
    fetch: options.fetch,
    headers: checkHeaders(options.headers),
    // The longest delay setTimeout can keep (2³¹ − 1 ms, about 24.8 days).
    timeoutMs: number("timeoutMs", 2 ** 31 - 1, DEFAULT_TIMEOUT_MS),
    maxResponseBytes: number("maxResponseBytes", 2 ** 30, DEFAULT_MAX_RESPONSE_BYTES),
    retry: retryPolicy(options.retry, refuse),
  });
}
