/**
 * A circuit breaker per source: after a run of consecutive failures it opens for a cool-down and requests fail
 * fast instead of hammering an upstream that is down. It also remembers each source's last success and last
 * failure, so a long-running process (`serve --auto-update`, the library's auto-update) keeps them across runs
 * through {@link sharedBreaker}, and the CLI keeps them on disk (see `_breaker_file.ts`).
 *
 * @module
 */

/** Options of a {@link CircuitBreaker}. */
export interface BreakerOptions {
  /** Consecutive failures that open the circuit. @default 5 */
  threshold?: number;
  /** How long the circuit stays open, in milliseconds. @default 30000 */
  cooldownMs?: number;
  /** The clock, in milliseconds (tests inject one). @default Date.now */
  now?: () => number;
}

/** What the breaker knows of one source (times are epoch milliseconds). */
export interface BreakerState {
  /** Consecutive failed attempts since the last success or the last opening. */
  failures: number;
  /** Until when the circuit is open (0 or past: closed). */
  openUntil: number;
  /** The last successful request. */
  lastSuccess?: number | undefined;
  /** The last failed attempt. */
  lastFailure?: number | undefined;
  /** What the last failure was (never a key: messages are scrubbed before they get here). */
  lastError?: string | undefined;
}

/** One source's health as {@link CircuitBreaker.health} reports it. */
export interface SourceHealth {
  /** The source id. */
  source: string;
  /** `closed` (requests go through) or `open` (failing fast). */
  circuit: "closed" | "open";
  /** Consecutive failed attempts. */
  failures: number;
  /** When the open circuit closes again (ISO 8601). */
  openUntil?: string | undefined;
  /** The last successful request (ISO 8601). */
  lastSuccess?: string | undefined;
  /** The last failed attempt (ISO 8601). */
  lastFailure?: string | undefined;
  /** What the last failure was. */
  lastError?: string | undefined;
}

const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : undefined);

/** Consecutive-failure counters, open states and last success and failure times, keyed by source id. */
export class CircuitBreaker {
  readonly #threshold: number;
  readonly #cooldownMs: number;
  readonly #now: () => number;
  readonly #states = new Map<string, BreakerState>();

  /** Makes a breaker with the given threshold and cool-down. */
  constructor(options: BreakerOptions = {}) {
    this.#threshold = Math.max(1, options.threshold ?? 5);
    this.#cooldownMs = Math.max(0, options.cooldownMs ?? 30_000);
    this.#now = options.now ?? Date.now;
  }

  /** Milliseconds until the circuit of a key closes again, or 0 when requests may go through. */
  openFor(key: string): number {
    const s = this.#states.get(key);
    if (!s) return 0;
    return Math.max(0, s.openUntil - this.#now());
  }

  /** Records a success: the failure run ends. */
  success(key: string): void {
    const s = this.#state(key);
    s.failures = 0;
    s.openUntil = 0;
    s.lastSuccess = this.#now();
  }

  /** Records a failure; returns true when this failure opened the circuit. */
  failure(key: string, error?: string): boolean {
    const s = this.#state(key);
    s.failures++;
    s.lastFailure = this.#now();
    if (error !== undefined) s.lastError = error;
    if (s.failures >= this.#threshold) {
      s.failures = 0;
      s.openUntil = this.#now() + this.#cooldownMs;
      return true;
    }
    return false;
  }

  /** Records a failure that retrying cannot help (a refused key, a 404): remembered, but it opens nothing. */
  refused(key: string, error: string): void {
    const s = this.#state(key);
    s.lastFailure = this.#now();
    s.lastError = error;
  }

  /** A copy of every source's state, for saving. */
  snapshot(): Record<string, BreakerState> {
    return Object.fromEntries([...this.#states].map(([k, s]) => [k, { ...s }]));
  }

  /** Takes saved states back (a later, in-memory state of a source wins over an older saved one). */
  restore(states: Readonly<Record<string, BreakerState>>): void {
    for (const [key, saved] of Object.entries(states)) {
      const mine = this.#states.get(key);
      const newer = (s: BreakerState | undefined) => Math.max(s?.lastSuccess ?? 0, s?.lastFailure ?? 0);
      if (!mine || newer(saved) > newer(mine)) this.#states.set(key, { ...saved });
    }
  }

  /** Every known source's health, sorted by source id. */
  health(): SourceHealth[] {
    const now = this.#now();
    return [...this.#states.keys()].sort().map((source) => {
      const s = this.#states.get(source)!;
      const open = s.openUntil > now;
      return {
        source,
        circuit: open ? "open" as const : "closed" as const,
        failures: s.failures,
        openUntil: open ? iso(s.openUntil) : undefined,
        lastSuccess: iso(s.lastSuccess),
        lastFailure: iso(s.lastFailure),
        lastError: s.lastError,
      };
    });
  }

  #state(key: string): BreakerState {
    let s = this.#states.get(key);
    if (!s) {
      s = { failures: 0, openUntil: 0 };
      this.#states.set(key, s);
    }
    return s;
  }
}

let shared: CircuitBreaker | undefined;

/**
 * The process-wide breaker: every source registry that is not given a client or a breaker uses it, so circuit
 * states and last-success times outlive one run in a long-running process.
 */
export function sharedBreaker(): CircuitBreaker {
  shared ??= new CircuitBreaker();
  return shared;
}

/**
 * The health of every source the process has fetched (circuit, failures, last success and failure), for `/ready`
 * and `auth status`.
 *
 * @example
 * ```ts
 * for (const h of sourceHealth()) console.log(h.source, h.circuit, h.lastSuccess);
 * ```
 */
export function sourceHealth(): SourceHealth[] {
  return sharedBreaker().health();
}
