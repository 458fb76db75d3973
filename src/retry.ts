// When to send a request again, and how long to wait first.
import type { RetryOptions } from "./options.js";

// IMF-fixdate, the form HTTP dates take: "Sun, 06 Nov 1994 08:49:37 GMT".
const HTTP_DATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * Milliseconds a `Retry-After` header asks to wait: delay-seconds or an HTTP date (a date in the
 * past is 0). Anything else (`wait 10`, `-1`, `1.5`) is not a valid value: `undefined`.
 */
function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (HTTP_DATE.test(text)) return Math.max(0, Date.parse(text) - now);
  return undefined;
}

/** How many attempts a request may take: one, unless its method is retried. POST never is. */
export function attemptsFor(method: string, retry: Required<RetryOptions>): number {
  return method !== "POST" && retry.methods.includes(method as never) ? retry.retries + 1 : 1;
}

/**
 * The wait before attempt `attempt + 1` (attempts count from 1), or `undefined` when the answer
 * must not be retried: its status is not retryable, or its Retry-After is longer than maxDelayMs.
 * `status` is undefined after a network failure or a timeout, which are retried.
 */
export function retryDelay(
  retry: Required<RetryOptions>,
  attempt: number,
  status?: number,
  retryAfter?: string | null,
): number | undefined {
  if (status !== undefined && !retry.statuses.includes(status)) return undefined;
  const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  const asked = retryAfterMs(retryAfter ?? null);
  if (asked === undefined) return backoff;
  return asked > retry.maxDelayMs ? undefined : asked;
}
