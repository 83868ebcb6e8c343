/**
 * A token-bucket rate limiter keyed by client address.
 *
 * @module
 */

/** Options of a {@link RateLimiter}. */
export interface RateLimiterOptions {
  /** Requests allowed per minute (the refill rate). */
  perMinute: number;
  /** Bucket size: requests allowed in a burst. @default perMinute */
  burst?: number;
  /** The clock, in milliseconds. @default Date.now */
  now?: () => number;
}

/**
 * The result of {@link RateLimiter.take}: whether the request may go on, the tokens left, and the seconds until
 * the bucket is full again (`reset`) or holds one token (`retryAfter`).
 */
export type Admission =
  | { ok: true; limit: number; remaining: number; reset: number }
  | { ok: false; limit: number; remaining: 0; reset: number; retryAfter: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** Per-key token buckets; idle full buckets are swept when the table grows. */
export class RateLimiter {
  readonly #rate: number;
  readonly #burst: number;
  readonly #now: () => number;
  readonly #buckets = new Map<string, Bucket>();

  /** Makes a limiter. */
  constructor(options: RateLimiterOptions) {
    this.#rate = options.perMinute / 60_000;
    this.#burst = options.burst ?? options.perMinute;
    this.#now = options.now ?? Date.now;
  }

  /** Takes one token for `key`; when none is left, says how many seconds until one is. */
  take(key: string): Admission {
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { tokens: this.#burst, at: now };
    bucket.tokens = Math.min(this.#burst, bucket.tokens + (now - bucket.at) * this.#rate);
    bucket.at = now;
    if (!this.#buckets.has(key)) {
      if (this.#buckets.size >= 10_000) this.#sweep(now);
      this.#buckets.set(key, bucket);
    }
    const limit = Math.floor(this.#burst);
    const seconds = (tokens: number) => Math.max(0, Math.ceil(tokens / this.#rate / 1000));
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      const reset = seconds(this.#burst - bucket.tokens);
      return { ok: true, limit, remaining: Math.floor(bucket.tokens), reset };
    }
    const retryAfter = Math.max(1, seconds(1 - bucket.tokens));
    return { ok: false, limit, remaining: 0, reset: retryAfter, retryAfter };
  }

  /** The headers that tell a client its budget (`RateLimit-Limit`, `-Remaining`, `-Reset`). */
  static headers(a: Admission): Record<string, string> {
    return {
      "ratelimit-limit": String(a.limit),
      "ratelimit-remaining": String(a.remaining),
      "ratelimit-reset": String(a.reset),
    };
  }

  /** How many buckets are held. */
  size(): number {
    return this.#buckets.size;
  }

  #sweep(now: number): void {
    for (const [key, b] of this.#buckets) {
      if (b.tokens + (now - b.at) * this.#rate >= this.#burst) this.#buckets.delete(key);
    }
  }
}
