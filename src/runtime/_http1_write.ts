/**
 * The write side of one HTTP/1.1 connection: a `Response` as a status line, headers and a body framed by
 * `content-length` when its length is known at once (a string, bytes, a Blob), else streamed chunk by chunk
 * (`transfer-encoding: chunked`, each chunk written as it comes, so event streams flush event by event).
 * Writes are awaited (backpressure); a client that hangs up cancels the body stream.
 *
 * @module
 */
import { httpDate } from "./_http_date.ts";
import type { Socket } from "./_http1_inbound.ts";

const encoder = new TextEncoder();
const REASONS: Record<number, string> = {
  100: "Continue",
  101: "Switching Protocols",
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No Content",
  206: "Partial Content",
  301: "Moved Permanently",
  302: "Found",
  304: "Not Modified",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  411: "Length Required",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  426: "Upgrade Required",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
  505: "HTTP Version Not Supported",
};
/** Headers the connection owns: the app's copies are replaced by the framing actually written. */
const HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "upgrade"]);
/** Bytes of a body gathered at once before it is streamed instead. */
const GATHER_MAX = 256 * 1024;

/** The status line of `status` (the reason phrase is informative only). */
export function statusLine(status: number, reason?: string): string {
  return `HTTP/1.1 ${status} ${reason || REASONS[status] || "Unknown"}\r\n`;
}

/** Bytes of a head written as ISO-8859-1 (header values are byte strings), fast when it is ASCII. */
export function latin1(text: string): Uint8Array {
  // deno-lint-ignore no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) return encoder.encode(text);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

/** Writes all of `bytes`. */
export async function writeAll(socket: Socket, bytes: Uint8Array): Promise<void> {
  let at = 0;
  while (at < bytes.length) at += await socket.write(at === 0 ? bytes : bytes.subarray(at));
}

/** How one response is written. */
export interface WriteOptions {
  /** A HEAD request: headers only. */
  head: boolean;
  /** The request's HTTP minor version (1.0 gets no chunked framing). */
  minor: number;
  /** Whether the connection is to stay open after this response. */
  keepAlive: boolean;
  /** Settles when the client hangs up (watched while a body streams). */
  hangup: () => Promise<void>;
  /** Called when the client hung up before the body ended. */
  onGone: () => void;
}

function head(res: Response, framing: string, keepAlive: boolean, minor: number): string {
  let text = statusLine(res.status, res.statusText);
  for (const [name, value] of res.headers) {
    if (!HOP.has(name)) text += `${name}: ${value}\r\n`;
  }
  if (!res.headers.has("date")) text += `date: ${httpDate()}\r\n`;
  if (!keepAlive) text += "connection: close\r\n";
  else if (minor === 0) text += "connection: keep-alive\r\n";
  return `${text}${framing}\r\n`;
}

/** Reads what the body has ready without waiting for more; `rest` is the read still pending, if any. */
async function gather(reader: ReadableStreamDefaultReader<Uint8Array>) {
  const chunks: Uint8Array[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = new Promise<"later">((resolve) => (timer = setTimeout(() => resolve("later"), 0)));
  let size = 0;
  try {
    for (;;) {
      const read = reader.read();
      const r = await Promise.race([read, later]);
      if (r === "later" || size > GATHER_MAX) return { chunks, size, rest: read };
      if (r.done) return { chunks, size, rest: undefined };
      const chunk = typeof r.value === "string" ? encoder.encode(r.value) : r.value;
      chunks.push(chunk);
      size += chunk.length;
    }
  } finally {
    clearTimeout(timer);
  }
}

function join(parts: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) (out.set(p, at), at += p.length);
  return out;
}

/** Whether a response of `status` to this request carries no body. */
function bodiless(status: number, isHead: boolean): boolean {
  return isHead || status === 204 || status === 304 || status < 200;
}

/**
 * Writes `res`; returns whether the connection can serve another request.
 *
 * @throws when the socket fails while the head or a known-length body is written.
 */
export async function writeResponse(socket: Socket, res: Response, o: WriteOptions): Promise<boolean> {
  let keepAlive = o.keepAlive && !/\bclose\b/i.test(res.headers.get("connection") ?? "");
  if (bodiless(res.status, o.head) || !res.body) {
    await res.body?.cancel();
    const declared = res.headers.get("content-length");
    // A HEAD answer repeats the GET's length when the app knows it, and says nothing rather than a wrong 0.
    const framing = res.status === 204 || res.status === 304 || res.status < 200
      ? ""
      : o.head
      ? declared ? `content-length: ${declared}\r\n` : ""
      : "content-length: 0\r\n";
    await writeAll(socket, latin1(head(res, framing, keepAlive, o.minor)));
    return keepAlive;
  }
  const reader = res.body.getReader();
  const ready = await gather(reader);
  if (!ready.rest) {
    const top = latin1(head(res, `content-length: ${ready.size}\r\n`, keepAlive, o.minor));
    await writeAll(socket, join([top, ...ready.chunks], top.length + ready.size));
    return keepAlive;
  }
  const chunked = o.minor === 1;
  if (!chunked) keepAlive = false;
  try {
    await writeAll(
      socket,
      latin1(head(res, chunked ? "transfer-encoding: chunked\r\n" : "", keepAlive, o.minor)),
    );
  } catch (error) {
    // The stream's source (an event subscription) is released even when not one byte could be written.
    o.onGone();
    await reader.cancel().catch(() => {});
    throw error;
  }
  return await stream(socket, reader, ready, chunked, o) && keepAlive;
}

/** Writes the body's pieces as they come; false when the client hung up or the socket failed first. */
async function stream(
  socket: Socket,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  ready: { chunks: Uint8Array[]; rest: Promise<ReadableStreamReadResult<Uint8Array>> | undefined },
  chunked: boolean,
  o: WriteOptions,
): Promise<boolean> {
  const gone = o.hangup().then(() => "gone" as const);
  const put = (c: Uint8Array) => {
    if (!chunked) return writeAll(socket, c);
    const size = encoder.encode(`${c.length.toString(16)}\r\n`);
    return writeAll(socket, join([size, c, CRLF], size.length + c.length + 2));
  };
  try {
    for (const c of ready.chunks) if (c.length) await put(c);
    let next = ready.rest;
    while (next) {
      const r = await Promise.race([next, gone]);
      if (r === "gone") throw new Error("the client hung up");
      if (r.done) break;
      const c = typeof r.value === "string" ? encoder.encode(r.value) : r.value;
      if (c.length) await put(c);
      next = reader.read();
    }
    if (chunked) await writeAll(socket, LAST);
    return true;
  } catch {
    o.onGone();
    await reader.cancel().catch(() => {});
    return false;
  }
}

const CRLF = encoder.encode("\r\n");
const LAST = encoder.encode("0\r\n\r\n");
