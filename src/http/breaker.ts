/**
 * A circuit breaker per source: after a run of consecutive failures it opens for a cool-down and requests fail
 * fast instead of hammering an upstream that is down.
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

interface State {
  failures: number;
  openUntil: number;
}

/** Consecutive-failure counters and open states, keyed by source id. */
export class CircuitBreaker {
  readonly #threshold: number;
  readonly #cooldownMs: number;
  readonly #now: () => number;
  readonly #states = new Map<string, State>();

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
    this.#states.delete(key);
  }

  /** Records a failure; returns true when this failure opened the circuit. */
  failure(key: string): boolean {
    const s = this.#states.get(key) ?? { failures: 0, openUntil: 0 };
    s.failures++;
    this.#states.set(key, s);
    if (s.failures >= this.#threshold) {
      s.failures = 0;
      s.openUntil = this.#now() + this.#cooldownMs;
      return true;
    }
    return false;
  }
}
