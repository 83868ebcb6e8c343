/**
 * The one helper for deadlines and abort signals: a signal that aborts when time runs out or when any outer
 * signal aborts, with the reason the caller chose, and whose timer and listeners are released once the work ends.
 * Retries and their waits are {@link backoffDelay} and {@link sleep} beside it.
 *
 * @module
 */

/** Options of {@link deadline} and {@link withDeadline}. */
export interface DeadlineOptions {
  /** Outer signals (a caller's cancellation, a shutdown) that abort the work too, with their own reasons. */
  signals?: readonly (AbortSignal | undefined)[] | undefined;
  /** The reason the signal aborts with when time runs out. @default a `TimeoutError` DOMException */
  reason?: (() => unknown) | undefined;
}

/** A signal bound to a deadline and to outer signals. */
export interface Deadline {
  /** Aborts when time runs out (with the chosen reason) or with the reason of the first outer signal to abort. */
  readonly signal: AbortSignal;
  /** Whether time ran out (rather than an outer signal aborting). */
  readonly expired: boolean;
  /** Rejects with the signal's reason once it aborts: race work that may ignore its signal against it. */
  readonly aborted: Promise<never>;
  /** Aborts the signal now (to stop what the work left running), with `reason` if given. */
  abort(reason?: unknown): void;
  /** Clears the timer and the listeners on the outer signals; the signal no longer aborts by itself. */
  clear(): void;
}

/**
 * Starts a deadline of `ms` milliseconds. `Infinity` sets no timer (only the outer signals abort). Call
 * {@link Deadline.clear} when the work ends.
 *
 * @example
 * ```ts
 * const d = deadline(30_000, { signals: [shutdown], reason: () => new Error("took longer than 30 s") });
 * try {
 *   await fetch(url, { signal: d.signal });
 * } finally {
 *   d.clear();
 * }
 * ```
 */
export function deadline(ms: number, options: DeadlineOptions = {}): Deadline {
  const controller = new AbortController();
  const outer = (options.signals ?? []).filter((s): s is AbortSignal => s !== undefined);
  let expired = false;
  const onOuter = (event: Event) => controller.abort((event.target as AbortSignal).reason);
  const timer = Number.isFinite(ms)
    ? setTimeout(() => {
      expired = true;
      controller.abort(options.reason ? options.reason() : new DOMException("timed out", "TimeoutError"));
    }, ms)
    : undefined;
  for (const s of outer) {
    if (s.aborted) controller.abort(s.reason);
    else s.addEventListener("abort", onOuter, { once: true });
  }
  const aborted = new Promise<never>((_, reject) => {
    if (controller.signal.aborted) reject(controller.signal.reason);
    controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true });
  });
  aborted.catch(() => {});
  return {
    signal: controller.signal,
    get expired() {
      return expired;
    },
    aborted,
    abort: (reason?: unknown) => controller.abort(reason),
    clear() {
      clearTimeout(timer);
      for (const s of outer) s.removeEventListener("abort", onOuter);
    },
  };
}

/**
 * A signal that aborts when any of `signals` aborts, or after `ms` milliseconds when given (a web-standard timeout
 * the runtime releases; use {@link deadline} for a reason of one's own or to release it early). Never aborts when
 * given neither.
 */
export function anySignal(signals: readonly (AbortSignal | undefined)[], ms?: number): AbortSignal {
  const all = signals.filter((s): s is AbortSignal => s !== undefined);
  if (ms !== undefined) all.push(AbortSignal.timeout(ms));
  if (all.length === 1) return all[0]!;
  return all.length ? AbortSignal.any(all) : new AbortController().signal;
}

/**
 * Runs `work` with a deadline's signal and settles when the work does or when the signal aborts, whichever is
 * first, even if the work ignores its signal; then releases the deadline.
 */
export async function withDeadline<T>(
  ms: number,
  work: (signal: AbortSignal) => T | Promise<T>,
  options: DeadlineOptions = {},
): Promise<T> {
  const d = deadline(ms, options);
  try {
    return await Promise.race([work(d.signal), d.aborted]);
  } finally {
    d.clear();
  }
}
