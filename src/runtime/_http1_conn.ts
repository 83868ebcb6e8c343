/**
 * One HTTP/1.1 connection served from start to end: heads read and parsed, each request answered in order
 * (pipelined ones too) by the fast entry or the app, bodies drained, keep-alive kept or ended, timeouts set
 * for the server's sweep, WebSocket upgrades handed to the tunnel.
 *
 * @module
 */
import { httpDate } from "./_http_date.ts";
import { RequestBody } from "./_http1_body.ts";
import { Inbound, type Socket } from "./_http1_inbound.ts";
import { headEnd, HeadError, parseHead, type RequestHead } from "./_http1_parse.ts";
import { latin1, statusLine, writeAll, writeResponse } from "./_http1_write.ts";
import type { RequestView, StaticAnswer } from "./_prepared.ts";

/** What a connection asks of the server it belongs to. */
export interface Http1Handlers {
  /** Answers from prepared parts, or undefined for {@link Http1Handlers.fetch}. */
  fast?:
    | ((view: RequestView) => StaticAnswer | Response | Promise<StaticAnswer | Response> | undefined)
    | undefined;
  /** Answers a request. */
  fetch(request: Request, clientIp: string): Response | Promise<Response>;
  /** Takes over the connection for a WebSocket upgrade; `head` has been read off `inbound`. */
  upgrade(socket: Socket, inbound: Inbound, head: RequestHead, clientIp: string): Promise<void>;
}

/** Limits of every connection. */
export interface Http1Limits {
  /** Longest wait for a request on an idle kept-alive connection. */
  idleMs: number;
  /** Longest time from a head's first byte to its end (and of a drain). */
  headMs: number;
}

/** Largest request head. */
export const HEAD_MAX = 16 * 1024;
/** Most unread body bytes read off and discarded to keep a connection. */
const DRAIN_MAX = 256 * 1024;
const NEVER = new Promise<void>(() => {});
/** Longest wait for the client to take one write of a response. */
const WRITE_MS = 60_000;

/** The server's coarse clock (ms), advanced by its sweep: deadlines need no precision finer than it. */
export const clock = { now: Date.now() };

/** One accepted connection. */
export class Connection {
  /** The accepted socket. */
  readonly socket: Socket;
  /** What was received and not consumed yet. */
  readonly inbound: Inbound;
  /** The TCP peer's address. */
  readonly clientIp: string;
  /** When the sweep closes it (coarse clock), Infinity while nothing is awaited of the client. */
  deadline = Infinity;
  /** Waiting for a request with nothing received: shutdown closes it at once. */
  idle = true;
  /** Ends after the response being written. */
  closing = false;
  /** Whether the socket was closed. */
  closed = false;

  /** The socket to write to: a write the client does not take within {@link WRITE_MS} ends the connection. */
  readonly out: Socket;

  /** Wraps an accepted socket. */
  constructor(socket: Socket, clientIp: string) {
    this.socket = socket;
    this.inbound = new Inbound(socket);
    this.clientIp = clientIp;
    const done = (n: number) => (this.deadline = Infinity, n);
    this.out = {
      read: (p) => socket.read(p),
      write: (p) => {
        this.deadline = clock.now + WRITE_MS;
        return socket.write(p).then(done);
      },
      close: () => this.close(),
    };
  }

  /** Closes the socket (a pending read or write fails). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.socket.close();
    } catch {
      // already closed by the peer's failure
    }
  }
}

async function refuse(c: Connection, status: number): Promise<void> {
  const text = `${statusLine(status)}date: ${httpDate()}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`;
  await writeAll(c.out, latin1(text)).catch(() => {});
}

/** The head buffered whole, parsed (consumed), or undefined while it has not all arrived. */
function bufferedHead(c: Connection): RequestHead | HeadError | undefined {
  const i = c.inbound;
  const end = headEnd(i.buf, i.start, i.end);
  if (end < 0) return i.size > HEAD_MAX ? new HeadError(431, "request head too large") : undefined;
  c.idle = false;
  c.deadline = Infinity;
  if (end - i.start > HEAD_MAX) return new HeadError(431, "request head too large");
  try {
    const head = parseHead(i.buf, i.start, end);
    i.start = end;
    return head;
  } catch (error) {
    if (error instanceof HeadError) return error;
    throw error;
  }
}

/**
 * Sets the deadline of a wait for a head's bytes: the idle period while none has come, else one period from its
 * first byte, however slowly the rest trickles. Returns whether the head has started.
 */
function awaiting(c: Connection, limits: Http1Limits, started: boolean): boolean {
  if (c.inbound.size === 0) {
    c.idle = true;
    c.deadline = clock.now + limits.idleMs;
    return false;
  }
  if (!started) {
    c.idle = false;
    c.deadline = clock.now + limits.headMs;
  }
  return true;
}

/** Serves `c` until it ends, then closes it. */
export async function serveConnection(c: Connection, h: Http1Handlers, limits: Http1Limits): Promise<void> {
  try {
    for (;;) {
      // A pipelined head is already buffered: no read, no promise. Reads are awaited here, not through a call:
      // one promise settles per read.
      let head = bufferedHead(c);
      for (let started = false; head === undefined; head = bufferedHead(c)) {
        started = awaiting(c, limits, started);
        if (!started && c.closing) return;
        const pending = c.inbound.read();
        let n: number | null;
        try {
          n = await pending;
        } catch {
          n = null; // a failed socket reads as its end
        }
        if (!c.inbound.landed(pending, n)) return;
      }
      if (head instanceof HeadError) return await refuse(c, head.status);
      if (head.upgrade && head.method === "GET" && isWebSocket(head)) {
        return await h.upgrade(c.socket, c.inbound, head, c.clientIp);
      }
      const quick = h.fast && !head.chunked && head.contentLength <= 0
        ? fastAnswer(h.fast, new View(head, c.clientIp))
        : undefined;
      const answer = quick instanceof Promise ? await quick : quick;
      const keepAlive = head.keepAlive && !c.closing;
      const bytes = answer === undefined || answer instanceof Response
        ? undefined
        : staticBytes(answer, head, keepAlive);
      if (bytes) {
        // The usual answer: prepared bytes in one write, awaited here.
        c.deadline = clock.now + WRITE_MS;
        const n = await c.socket.write(bytes);
        c.deadline = Infinity;
        if (n < bytes.length) await writeAll(c.out, bytes.subarray(n));
        if (!keepAlive || c.closing) return;
      } else if (!await (answer ? written(c, answer, head) : exchange(c, head, h, limits)) || c.closing) {
        return;
      }
    }
  } catch {
    // a socket that failed mid-exchange: nothing more can be said on it
  } finally {
    c.close();
  }
}

function isWebSocket(head: RequestHead): boolean {
  return head.headers.some(([k, v]) => k === "upgrade" && v.toLowerCase() === "websocket");
}

/** The fast entry's view of a parsed head (a class: one small object per request, its method shared). */
class View implements RequestView {
  readonly method: string;
  readonly path: string;
  readonly clientIp: string;
  readonly #head: RequestHead;

  constructor(head: RequestHead, clientIp: string) {
    this.method = head.method;
    this.path = head.target;
    this.clientIp = clientIp;
    this.#head = head;
  }

  header(name: string): string | null {
    for (const [k, v] of this.#head.headers) if (k === name) return v;
    return null;
  }
}

/** The fast entry's answer; a failure is a 500, as the app's own would be. */
function fastAnswer(fast: NonNullable<Http1Handlers["fast"]>, view: RequestView) {
  const failed = () => new Response(null, { status: 500 });
  try {
    const quick = fast(view);
    return quick instanceof Promise ? quick.catch(failed) : quick;
  } catch {
    return failed();
  }
}

/** Writes a fast answer that is no prepared bytes: a `Response`, or prepared parts without their wire form. */
function written(c: Connection, answer: StaticAnswer | Response, head: RequestHead): Promise<boolean> {
  const res = answer instanceof Response
    ? answer
    : new Response(answer.parts.body, { status: answer.parts.status, headers: answer.parts.headers });
  return writeResponse(c.out, res, options(c, head, undefined, () => {}));
}

/** Answers one request with the app; false when the connection must end. */
async function exchange(c: Connection, head: RequestHead, h: Http1Handlers, limits: Http1Limits) {
  const hasBody = head.chunked || head.contentLength > 0;
  const waiting = (on: boolean) => (c.deadline = on ? clock.now + limits.headMs : Infinity);
  const body = hasBody ? new RequestBody(c.inbound, head, (b) => writeAll(c.out, b), waiting) : undefined;
  const aborts = new AbortController();
  let request: Request;
  try {
    const bodied = body && head.method !== "GET" && head.method !== "HEAD";
    request = new Request(`http://${head.host}${head.target}`, {
      method: head.method,
      headers: head.headers,
      body: bodied ? body.stream() : null,
      signal: aborts.signal,
      ...(bodied ? { duplex: "half" } : {}),
    });
  } catch {
    await refuse(c, 400);
    return false;
  }
  let res: Response;
  try {
    res = await h.fetch(request, c.clientIp);
  } catch {
    res = new Response(null, { status: 500 });
  }
  if (body) body.answered = true;
  let keep = await writeResponse(c.out, res, options(c, head, body, () => aborts.abort()));
  c.inbound.unwatch();
  if (keep && body && !body.done) {
    c.deadline = clock.now + limits.headMs;
    keep = await body.drain(DRAIN_MAX);
    c.deadline = Infinity;
  }
  if (!keep) aborts.abort();
  return keep && !body?.broken;
}

function options(c: Connection, head: RequestHead, body: RequestBody | undefined, onGone: () => void) {
  return {
    head: head.method === "HEAD",
    minor: head.minor,
    keepAlive: head.keepAlive && !c.closing,
    hangup: () => body && !body.done ? NEVER : c.inbound.hangup(HEAD_MAX),
    onGone,
  };
}

/**
 * The bytes of a prepared answer: those encoded once, unless this request needs more headers; undefined when
 * the parts have no wire form.
 */
function staticBytes(answer: StaticAnswer, head: RequestHead, keepAlive: boolean): Uint8Array | undefined {
  const { parts, extra } = answer;
  if (!parts.wire) return undefined;
  const date = httpDate();
  if (!extra && keepAlive && head.minor === 1) return parts.wire.whole(date);
  let text = `${parts.wire.head}date: ${date}\r\n`;
  for (const name in extra) text += `${name}: ${extra[name]}\r\n`;
  if (!keepAlive) text += "connection: close\r\n";
  else if (head.minor === 0) text += "connection: keep-alive\r\n";
  const top = latin1(`${text}\r\n`);
  const out = new Uint8Array(top.length + parts.wire.body.length);
  out.set(top);
  out.set(parts.wire.body, top.length);
  return out;
}
