/**
 * A bounded pool of equal buffers: the gather buffers of a pull's chunk sinks, reused from chunk to chunk (a new
 * buffer per chunk leaves freed megabytes with the allocator) and capped, so that the memory in flight is at most
 * `max` buffers whatever the model's size; a taker waits when every buffer is out. {@link BufferPool.within}
 * bounds the pool in bytes, so that more workers get smaller buffers rather than more memory.
 *
 * @module
 */

/** A pool of `size`-byte buffers, at most `max` of them. */
export class BufferPool {
  /** Bytes in each buffer. */
  readonly size: number;
  readonly #max: number;
  readonly #free: Uint8Array[] = [];
  readonly #waiting: ((buffer: Uint8Array) => void)[] = [];
  #made = 0;

  /** Makes an empty pool; buffers are allocated as they are first taken. */
  constructor(size: number, max: number) {
    this.size = size;
    this.#max = Math.max(1, max);
  }

  /**
   * A pool of `count` buffers that together hold at most `bytes`: each is `largest` bytes when that fits, else
   * the largest multiple of `smallest` that does (never less than `smallest`).
   *
   * @example
   * ```ts
   * BufferPool.within(4 * 1024 ** 2, 32, { largest: 512 * 1024, smallest: 64 * 1024 }).size; // 131072
   * ```
   */
  static within(bytes: number, count: number, sizes: { largest: number; smallest: number }): BufferPool {
    const n = Math.max(1, count);
    const fits = Math.floor(bytes / n / sizes.smallest) * sizes.smallest;
    return new BufferPool(Math.max(sizes.smallest, Math.min(sizes.largest, fits)), n);
  }

  /** Takes a buffer (waits while `max` are out). */
  take(): Promise<Uint8Array> {
    const free = this.#free.pop();
    if (free) return Promise.resolve(free);
    if (this.#made < this.#max) {
      this.#made++;
      return Promise.resolve(new Uint8Array(this.size));
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** Gives a buffer back (one whose memory went elsewhere, e.g. detached by a failed read, is replaced). */
  give(buffer: Uint8Array): void {
    const whole = buffer.buffer.byteLength === this.size
      ? new Uint8Array(buffer.buffer, 0, this.size)
      : new Uint8Array(this.size);
    const waiter = this.#waiting.shift();
    if (waiter) waiter(whole);
    else this.#free.push(whole);
  }
}
