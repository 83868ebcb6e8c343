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

/** The result of {@link RateLimiter.take}. */
export type Admission = { ok: true; remaining: number } | { ok: false; retryAfter: number };

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
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true, remaining: Math.floor(bucket.tokens) };
    }
    return { ok: false, retryAfter: Math.max(1, Math.ceil((1 - bucket.tokens) / this.#rate / 1000)) };
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

/** Whether an address is a loopback address (127.0.0.0/8, ::1, IPv4-mapped loopback). */
export function isLoopback(address: string): boolean {
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}
