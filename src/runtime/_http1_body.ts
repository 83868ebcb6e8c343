/**
 * The body of one HTTP/1.1 request as a stream of bytes read from the connection: `Content-Length` or chunked
 * (chunk extensions and trailers are read and ignored), `100 Continue` sent when the app first reads it, and the
 * drain of what the app left unread before the connection serves its next request.
 *
 * @module
 */
import type { Inbound } from "./_http1_inbound.ts";
import type { RequestHead } from "./_http1_parse.ts";

const LINE_MAX = 4096;
const CONTINUE = new TextEncoder().encode("HTTP/1.1 100 Continue\r\n\r\n");

/** The body reader of one request. */
export class RequestBody {
  /** Whether the whole body has been read off the connection. */
  done = false;
  /** Whether the body was malformed or cut short (the connection cannot be reused). */
  broken = false;
  /** Whether `100 Continue` was sent (or not needed). */
  continued: boolean;
  /** Whether the response's head was written: an interim `100 Continue` can no longer be. */
  answered = false;
  readonly #in: Inbound;
  readonly #chunked: boolean;
  readonly #send: (bytes: Uint8Array) => Promise<void>;
  readonly #waiting: (on: boolean) => void;
  /** Bytes left of the current chunk (or of the whole body with Content-Length). */
  #left: number;

  /**
   * Reads the body `head` announces from `inbound`; `send` writes an interim response; `waiting` is told when a
   * read of the client's bytes starts and ends (the connection's deadline: a client that stops sending its body
   * does not hold the connection).
   */
  constructor(
    inbound: Inbound,
    head: RequestHead,
    send: (bytes: Uint8Array) => Promise<void>,
    waiting: (on: boolean) => void = () => {},
  ) {
    this.#in = inbound;
    this.#chunked = head.chunked;
    this.#send = send;
    this.#waiting = waiting;
    this.#left = head.chunked ? 0 : Math.max(0, head.contentLength);
    this.continued = !head.expectContinue;
    this.done = !head.chunked && this.#left === 0;
  }

  /** The next piece of the body (a copy), or undefined at its end. */
  async next(): Promise<Uint8Array | undefined> {
    if (this.done) return undefined;
    if (!this.continued) {
      // After the final response's head, the client that waits for `100 Continue` will never send the body.
      if (this.answered) return this.#cut();
      this.continued = true;
      await this.#send(CONTINUE);
    }
    if (this.#chunked && this.#left === 0 && !await this.#chunkHeader()) return undefined;
    if (this.#in.size === 0 && !await this.#fill()) return this.#cut();
    const piece = this.#in.take(this.#left).slice();
    this.#left -= piece.length;
    if (this.#left === 0 && !this.#chunked) this.done = true;
    if (this.#left === 0 && this.#chunked && !await this.#crlf()) return this.#cut();
    return piece;
  }

  /** One read of the client's bytes, under the connection's deadline. */
  async #fill(): Promise<boolean> {
    this.#waiting(true);
    try {
      return await this.#in.fill();
    } finally {
      this.#waiting(false);
    }
  }

  #cut(): undefined {
    this.broken = true;
    this.done = true;
    return undefined;
  }

  /** One line (without CRLF), or undefined when the stream ends or the line is too long. */
  async #line(): Promise<string | undefined> {
    for (;;) {
      const { buf, start, end } = this.#in;
      for (let i = start; i < end - 1; i++) {
        if (buf[i] === 13 && buf[i + 1] === 10) {
          const line = String.fromCharCode(...buf.subarray(start, i));
          this.#in.start = i + 2;
          return line;
        }
      }
      if (end - start > LINE_MAX || !await this.#fill()) return undefined;
    }
  }

  async #crlf(): Promise<boolean> {
    return await this.#line() === "";
  }

  /** Reads a chunk's size line; at the last chunk reads the trailers and ends the body. */
  async #chunkHeader(): Promise<boolean> {
    const line = await this.#line();
    const size = line === undefined ? undefined : /^([0-9a-fA-F]{1,12})[ \t]*(;.*)?$/.exec(line)?.[1];
    if (size === undefined) return (this.#cut(), false);
    this.#left = parseInt(size, 16);
    if (this.#left > 0) return true;
    for (;;) {
      const trailer = await this.#line();
      if (trailer === undefined) return (this.#cut(), false);
      if (trailer === "") break;
    }
    this.done = true;
    return false;
  }

  /** The body as the stream a `Request` carries. */
  stream(): ReadableStream<Uint8Array> {
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        const piece = await this.next();
        if (piece) controller.enqueue(piece);
        else if (this.broken) controller.error(new Error("the request body was cut short or malformed"));
        else controller.close();
      },
    });
  }

  /**
   * Reads and discards what the app left of the body, up to `max` bytes; false when the connection cannot serve
   * another request (more than `max` left, a broken body, or a client still waiting for `100 Continue`).
   */
  async drain(max: number): Promise<boolean> {
    if (!this.continued) return false;
    let read = 0;
    while (!this.done) {
      const piece = await this.next();
      if (piece) read += piece.length;
      if (read > max) return false;
    }
    return !this.broken;
  }
}
