// Time limits and aborts: one attempt's time limit, and a race that settles as soon as the attempt
// is aborted even when the work ignores the signal (a custom fetch, a stalled body).

/** Settles as `promise` does, or rejects with the signal's reason as soon as it aborts. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const stop = () => reject(signal.reason);
    // Handled even when the signal aborts first, so a later rejection is never unhandled.
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", stop));
    if (signal.aborted) stop();
    else signal.addEventListener("abort", stop, { once: true });
  });
}

/** One attempt under a time limit. */
export interface Attempt {
  /** Aborts when the time limit passes, or when the caller's signal aborts. */
  readonly signal: AbortSignal;
  /** Whether the time limit has passed. */
  timedOut(): boolean;
  /** `work`, raced against the signal. */
  run<T>(work: Promise<T>): Promise<T>;
  /** Ends the attempt: its timer is cleared at once, not left to run out. */
  end(): void;
}

/**
 * Starts an attempt with its own time limit (a timer cleared when the attempt ends, so finished
 * attempts leave nothing behind), joined with the caller's signal when there is one.
 */
export function startAttempt(timeoutMs: number, caller?: AbortSignal | null): Attempt {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`no complete response within ${timeoutMs} ms`, "TimeoutError"));
  }, timeoutMs);
  const signal = caller ? AbortSignal.any([caller, controller.signal]) : controller.signal;
  return {
    signal,
    timedOut: () => timedOut,
    run: (work) => raceAbort(work, signal),
    end: () => clearTimeout(timer),
  };
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  if (!signal) return new Promise((resolve) => setTimeout(resolve, ms));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wait = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return raceAbort(wait, signal).finally(() => clearTimeout(timer));
}
