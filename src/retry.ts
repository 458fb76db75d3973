// The retry policy: its options and defaults, which requests are repeated, and how long to wait first.

/** Methods a retry policy may name. POST and PATCH are not among them: see {@link RetryOptions}. */
export type RetryableMethod = "GET" | "HEAD" | "OPTIONS" | "PUT" | "DELETE";
export const RETRYABLE_METHODS: readonly RetryableMethod[] = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"];

/**
 * When to repeat a request: only after a network failure, a timeout, or a response whose status is
 * in `statuses`, and only for a method in `methods`.
 *
 * POST is never retried: every POST of this API creates tokens, and a POST that timed out or
 * answered 502 may still have succeeded on the server, so repeating it could create duplicate
 * tokens and send duplicate enrollment emails.
 */
export interface RetryOptions {
  /** Retries after the first attempt: a whole number from 0 to 10. Default 2. */
  retries?: number;
  /** Methods that are retried. Default `["GET"]`. */
  methods?: readonly RetryableMethod[];
  /** HTTP statuses that are retried, each from 400 to 599. Default 408, 429, 500, 502, 503, 504. */
  statuses?: readonly number[];
  /** Backoff before retry n (from 0) is `baseDelayMs * 2 ** n`: 0 to 60000 ms. Default 500. */
  baseDelayMs?: number;
  /**
   * Longest wait before a retry, 0 to 600000 ms. A `Retry-After` longer than this ends the retries
   * and the last response is returned as it is. Default 30000.
   */
  maxDelayMs?: number;
}

export type RetryPolicy = Readonly<Required<RetryOptions>>;

export const DEFAULT_RETRY: RetryPolicy = Object.freeze({
  retries: 2,
  methods: Object.freeze(["GET"] as const),
  statuses: Object.freeze([408, 429, 500, 502, 503, 504]),
  baseDelayMs: 500,
  maxDelayMs: 30_000,
});

/** How many attempts a request may take: one, unless its method is retried. POST never is. */
export const attemptsFor = (policy: RetryPolicy, method: string): number =>
  method !== "POST" && policy.methods.includes(method as RetryableMethod) ? policy.retries + 1 : 1;

/** Milliseconds a `Retry-After` asks to wait: delay-seconds or an HTTP date; `undefined` if invalid. */
function retryAfterMs(value: string | null): number | undefined {
  const text = value?.trim() ?? "";
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date (IMF-fixdate) ends in GMT; anything else ("wait 10", "-1", "1.5") is invalid.
  const at = / GMT$/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * The wait before attempt `attempt + 1` (attempts count from 1), or `undefined` when the answer
 * must not be retried: its status is not retryable, or its Retry-After is longer than maxDelayMs.
 * `status` is undefined after a network failure or a timeout, which are retried.
 */
export function retryDelay(policy: RetryPolicy, attempt: number, status?: number, retryAfter?: string | null) {
  if (status !== undefined && !policy.statuses.includes(status)) return undefined;
  const asked = retryAfterMs(retryAfter ?? null);
  if (asked === undefined) return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return asked > policy.maxDelayMs ? undefined : asked;
}
