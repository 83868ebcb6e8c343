/**
 * The read side of one HTTP/1.1 connection: a buffer over the socket that request heads, bodies and the next
 * pipelined request are read from, and a watch that notices a client hanging up while a response streams.
 *
 * @module
 */

/** The part of a socket the server reads and writes. */
export interface Socket {
  /** Reads into `p`; `null` at end of stream. */
  read(p: Uint8Array): Promise<number | null>;
  /** Writes some of `p`, returning how many bytes were written. */
  write(p: Uint8Array): Promise<number>;
  /** Closes the socket; a pending read or write fails. */
  close(): void;
}

const INITIAL = 16 * 1024;

/** Buffered bytes received on a socket and not consumed yet: `buf[start, end)`. */
export class Inbound {
  /** The buffer (replaced by a larger one when a head or line does not fit). */
  buf: Uint8Array = new Uint8Array(INITIAL);
  /** Where the unread bytes start. */
  start = 0;
  /** Where the unread bytes end. */
  end = 0;
  /** Whether the peer ended its side (or the socket failed). */
  ended = false;
  readonly #socket: Socket;
  #pending: Promise<number | null> | undefined;
  #watching = false;

  /** Reads from `socket`. */
  constructor(socket: Socket) {
    this.#socket = socket;
  }

  /** Bytes buffered and not consumed. */
  get size(): number {
    return this.end - this.start;
  }

  /**
   * Reads more bytes into the buffer (one socket read); false at the end of the stream. Concurrent callers
   * share the one read in progress, so a watch and the request loop never read past each other.
   */
  async fill(): Promise<boolean> {
    const pending = this.read();
    let n: number | null;
    try {
      n = await pending;
    } catch {
      n = null; // a failed socket reads as its end
    }
    return this.landed(pending, n);
  }

  /**
   * The socket read in progress, started when there is none. Whoever awaits it passes its result to
   * {@link landed} ({@link fill} does both); the request loop does both itself, so one promise settles per read.
   */
  read(): Promise<number | null> {
    if (this.#pending) return this.#pending;
    if (this.ended) return this.#pending = Promise.resolve(null);
    this.#room();
    return this.#pending = this.#socket.read(this.end === 0 ? this.buf : this.buf.subarray(this.end));
  }

  /**
   * Takes the result `n` of the read `pending` (null at the end of the stream or when it failed) into the buffer,
   * once whoever of its callers comes first; returns whether bytes came.
   */
  landed(pending: Promise<number | null>, n: number | null): boolean {
    if (this.#pending === pending) {
      this.#pending = undefined;
      if (n === null) this.ended = true;
      else this.end += n;
    }
    return n !== null;
  }

  /** Makes room after `end`: moves the unread bytes to the front, or grows the buffer when it is full. */
  #room(): void {
    if (this.start === this.end) this.start = this.end = 0;
    if (this.end < this.buf.length) return;
    if (this.start > 0) {
      this.buf.copyWithin(0, this.start, this.end);
      this.end -= this.start;
      this.start = 0;
      return;
    }
    const grown = new Uint8Array(this.buf.length * 2);
    grown.set(this.buf.subarray(0, this.end));
    this.buf = grown;
  }

  /** Consumes and returns up to `max` buffered bytes (a view: copy before the next fill). */
  take(max: number): Uint8Array {
    const n = Math.min(max, this.size);
    const out = this.buf.subarray(this.start, this.start + n);
    this.start += n;
    return out;
  }

  /**
   * Settles when the peer hangs up, reading ahead meanwhile (what arrives stays buffered for the next request,
   * up to `limit` bytes, after which the watch stops). {@link unwatch} stops it too.
   */
  async hangup(limit: number): Promise<void> {
    if (this.#watching) return await new Promise<void>(() => {});
    this.#watching = true;
    while (this.#watching && this.size < limit) {
      if (!await this.fill()) return;
    }
    this.#watching = false;
    await new Promise<void>(() => {});
  }

  /** Stops a {@link hangup} watch (its read in progress, if any, still lands in the buffer). */
  unwatch(): void {
    this.#watching = false;
  }
}
