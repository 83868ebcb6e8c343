/**
 * A raw HTTP/1.1 client over `Deno.connect` for protocol tests: writes bytes exactly as given and reads
 * responses one by one (content-length, chunked, or up to the close), so pipelining, keep-alive and malformed
 * requests can be tested as a client would send them.
 *
 * @module
 */

/** One response read off a raw connection. */
export interface RawResponse {
  /** The status code. */
  status: number;
  /** Header fields, names lower-cased (the last of repeated names). */
  headers: Record<string, string>;
  /** Every header line as received. */
  lines: string[];
  /** The body, decoded as UTF-8. */
  body: string;
  /** Whether the body was chunked. */
  chunked: boolean;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A raw connection to a server. */
export class RawClient {
  readonly conn: Deno.TcpConn;
  #buf = new Uint8Array(0);
  #ended = false;

  private constructor(conn: Deno.TcpConn) {
    this.conn = conn;
  }

  /** Connects to `hostname:port`. */
  static async connect(port: number, hostname = "127.0.0.1"): Promise<RawClient> {
    return new RawClient(await Deno.connect({ hostname, port }));
  }

  /** Writes `text` (or bytes) as is. */
  async send(text: string | Uint8Array): Promise<void> {
    const bytes = typeof text === "string" ? encoder.encode(text) : text;
    let at = 0;
    while (at < bytes.length) at += await this.conn.write(bytes.subarray(at));
  }

  /** Reads more bytes; false at the end of the stream. */
  async #more(): Promise<boolean> {
    if (this.#ended) return false;
    const chunk = new Uint8Array(64 * 1024);
    let n: number | null;
    try {
      n = await this.conn.read(chunk);
    } catch {
      n = null;
    }
    if (n === null) return !(this.#ended = true);
    const grown = new Uint8Array(this.#buf.length + n);
    grown.set(this.#buf);
    grown.set(chunk.subarray(0, n), this.#buf.length);
    this.#buf = grown;
    return true;
  }

  #indexOf(text: string): number {
    return decoder.decode(this.#buf).indexOf(text);
  }

  /** Reads up to and including `text` (ASCII); the text read, or undefined if the stream ended first. */
  async until(text: string): Promise<string | undefined> {
    for (;;) {
      const at = this.#indexOf(text);
      if (at >= 0) return this.#take(at + text.length);
      if (!await this.#more()) return undefined;
    }
  }

  #take(n: number): string {
    const text = decoder.decode(this.#buf.subarray(0, n));
    this.#buf = this.#buf.subarray(n);
    return text;
  }

  async #bytes(n: number): Promise<string> {
    while (this.#buf.length < n) if (!await this.#more()) throw new Error("the stream ended inside a body");
    return this.#take(n);
  }

  /** Reads one response (`head` for a response to HEAD, which has no body). */
  async response(head = false): Promise<RawResponse> {
    const top = await this.until("\r\n\r\n");
    if (top === undefined) throw new Error("the connection closed before a response");
    const [statusLine, ...lines] = top.slice(0, -4).split("\r\n");
    const status = Number(/^HTTP\/1\.[01] (\d{3}) /.exec(statusLine!)?.[1]);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(":");
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    const chunked = headers["transfer-encoding"] === "chunked";
    let body = "";
    if (head || status === 304 || status === 204 || status === 100) {
      // no body
    } else if (chunked) {
      for (;;) {
        const size = parseInt((await this.until("\r\n"))!, 16);
        if (size === 0) break;
        body += await this.#bytes(size);
        await this.until("\r\n");
      }
      await this.until("\r\n");
    } else if (headers["content-length"] !== undefined) {
      body = await this.#bytes(Number(headers["content-length"]));
    } else {
      while (await this.#more());
      body = this.#take(this.#buf.length);
    }
    return { status, headers, lines, body, chunked };
  }

  /** Whether the server closed the connection (reads until the end; fails on unexpected bytes). */
  async closed(): Promise<boolean> {
    while (await this.#more());
    return this.#buf.length === 0;
  }

  /** Closes the connection. */
  close(): void {
    try {
      this.conn.close();
    } catch {
      // already closed
    }
  }
}
