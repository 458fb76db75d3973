// The retry policy, all of it: its options and defaults, their checks, which requests are repeated
// and how long to wait first.

/** Methods a retry policy may name. POST and PATCH are not among them: see {@link RetryOptions}. */
export type RetryableMethod = "GET" | "HEAD" | "OPTIONS" | "PUT" | "DELETE";
const RETRYABLE: readonly string[] = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"];

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
const NONE: RetryPolicy = Object.freeze({ ...DEFAULT_RETRY, retries: 0 });

/** Reports a wrong option (`retry.retries`, "a whole number from 0 to 10"); never returns. */
export type Refuse = (option: string, rule: string) => never;

export function wholeNumber(value: unknown, option: string, min: number, max: number, refuse: Refuse): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
    refuse(option, `a whole number from ${min} to ${max}`);
  return value as number;
}

/** The policy `retry` asks for, checked and copied (later changes to the caller's arrays do nothing). */
export function retryPolicy(retry: unknown, refuse: Refuse): RetryPolicy {
  if (retry === false) return NONE;
  if (retry === undefined) return DEFAULT_RETRY;
  if (retry === null || typeof retry !== "object" || Array.isArray(retry)) return refuse("retry", "false or an object");
  for (const key of Object.keys(retry))
    if (!(key in DEFAULT_RETRY))
      refuse(`retry.${key}`, `one of ${Object.keys(DEFAULT_RETRY).join(", ")} (unknown option)`);
  const given = retry as RetryOptions;
  const list = <T>(value: unknown, option: string, ok: (item: unknown) => boolean, rule: string): readonly T[] => {
    if (!Array.isArray(value) || !value.every(ok)) refuse(option, rule);
    return Object.freeze([...(value as T[])]);
  };
  const number = (option: keyof RetryOptions, max: number) =>
    given[option] === undefined
      ? (DEFAULT_RETRY[option] as number)
      : wholeNumber(given[option], `retry.${option}`, 0, max, refuse);
  return Object.freeze({
    retries: number("retries", 10),
    methods:
      given.methods === undefined
        ? DEFAULT_RETRY.methods
        : list<RetryableMethod>(
            given.methods,
            "retry.methods",
            (m) => RETRYABLE.includes(m as string),
            `a list of ${RETRYABLE.join(", ")}`,
          ),
    statuses:
      given.statuses === undefined
        ? DEFAULT_RETRY.statuses
        : list<number>(
            given.statuses,
            "retry.statuses",
            (s) => Number.isInteger(s) && (s as number) >= 400 && (s as number) <= 599,
            "a list of whole numbers from 400 to 599",
          ),
    baseDelayMs: number("baseDelayMs", 60_000),
    maxDelayMs: number("maxDelayMs", 600_000),
  });
}

/** How many attempts a request may take: one, unless its method is retried. POST never is. */
export function attemptsFor(policy: RetryPolicy, method: string): number {
  return method !== "POST" && policy.methods.includes(method as RetryableMethod) ? policy.retries + 1 : 1;
}

// IMF-fixdate, the form HTTP dates take: "Sun, 06 Nov 1994 08:49:37 GMT".
const HTTP_DATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** Milliseconds a `Retry-After` asks to wait (delay-seconds or an HTTP date); `undefined` if invalid. */
function retryAfterMs(value: string | null): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (HTTP_DATE.test(text)) return Math.max(0, Date.parse(text) - Date.now());
  return undefined;
}

/**
 * The wait before attempt `attempt + 1` (attempts count from 1), or `undefined` when the answer
 * must not be retried: its status is not retryable, or its Retry-After is longer than maxDelayMs.
 * `status` is undefined after a network failure or a timeout, which are retried.
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  status?: number,
  retryAfter?: string | null,
): number | undefined {
  if (status !== undefined && !policy.statuses.includes(status)) return undefined;
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const asked = retryAfterMs(retryAfter ?? null);
  if (asked === undefined) return backoff;
  return asked > policy.maxDelayMs ? undefined : asked;
}
