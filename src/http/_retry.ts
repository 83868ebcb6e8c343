/**
 * Retry timing: exponential backoff with full jitter, `Retry-After` parsing, and an abortable sleep.
 *
 * @module
 */

/** Backoff settings. */
export interface BackoffOptions {
  /** The first delay before jitter, in milliseconds. */
  baseMs: number;
  /** The largest delay, in milliseconds. */
  maxMs: number;
  /** A random number in [0, 1) for jitter. */
  random: () => number;
}

/** The delay before retry number `attempt` (0-based): `base · 2^attempt` capped, with jitter in [50 %, 100 %]. */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (ceiling / 2) * options.random());
}

/**
 * Parses a `Retry-After` header: delay seconds or an HTTP date, as milliseconds from `now`; `undefined` when absent
 * or unparseable.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Waits `ms` milliseconds unless the signal aborts first (then rejects with its reason); clears its timer. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
