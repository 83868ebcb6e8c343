/**
 * The request head of HTTP/1.1 read from bytes: the request line, the header fields and what the connection
 * needs of them (body framing, keep-alive, `Expect`, upgrade). Strict where leniency lets two parsers disagree
 * (request smuggling): obs-fold, space before a colon, a bare CR or LF, control bytes in a value, conflicting framing
 * and unknown transfer codings are refused.
 *
 * The head is checked in one pass over its bytes against tables of the bytes each part may hold (no split, no
 * regular expression). Its text is decoded once, natively, and each string the head needs (the target, each
 * field's name and value) is a slice of it: making each part's string from bytes in JavaScript, or decoding each
 * part apart, costs about five times as much on a browser's head. Common methods and names are interned.
 * obs-text (bytes 0x80-0xFF) is allowed in the target and in values and read as UTF-8, an invalid sequence as
 * U+FFFD, as the string parser before this one read it; the values of Host, Content-Length, Transfer-Encoding,
 * Connection and Upgrade, which the server acts on, must be ASCII.
 *
 * @module
 */
import {
  commonName,
  CONNECTION,
  CONTENT_LENGTH,
  EXPECT,
  HOST,
  IPV6,
  method,
  nameStep,
  REG_NAME,
  sameBytes,
  sameWord,
  TARGET,
  TOKEN,
  TRANSFER_ENCODING,
  UPGRADE,
  utf8Text,
  VALUE,
} from "./_http1_bytes.ts";

/** The parsed head of one request. */
export interface RequestHead {
  /** The method, as sent (case-sensitive). */
  method: string;
  /** The path and query (origin-form; an absolute-form target is reduced to it). */
  target: string;
  /** The authority the URL is made with (the Host header, or an absolute-form target's). */
  host: string;
  /** 0 for HTTP/1.0, 1 for HTTP/1.1. */
  minor: number;
  /** Header fields in order, names lower-cased. */
  headers: [string, string][];
  /** The body's declared length; -1 when there is none or it is chunked. */
  contentLength: number;
  /** Whether the body is chunked. */
  chunked: boolean;
  /** Whether the connection stays open after this exchange (as the client asks). */
  keepAlive: boolean;
  /** Whether the client waits for `100 Continue` before sending the body. */
  expectContinue: boolean;
  /** Whether the client asks for a protocol upgrade (WebSocket). */
  upgrade: boolean;
}

/** A head that cannot be served: the status to answer before closing. */
export class HeadError extends Error {
  /** The HTTP status of the answer. */
  readonly status: number;

  /** Makes a refusal with `status` and a short reason. */
  constructor(status: number, message: string) {
    super(message);
    this.name = "HeadError";
    this.status = status;
  }
}

const SP = 32, HTAB = 9, CR = 13, LF = 10, COLON = 58, COMMA = 44;
/** The first bytes of the HTTP/2 connection preface (`PRI * HTTP/2.0`). */
const PREFACE = "PRI * HTTP/2";

/**
 * The index just past the blank line that ends a head in `buf[start, end)`, or -1 while it has not arrived.
 * It looks at every fourth byte while no CR or LF is near, so a head is read in about a quarter of its bytes.
 */
export function headEnd(buf: Uint8Array, start: number, end: number): number {
  let i = start + 3;
  while (i < end) {
    const b = buf[i]!;
    if (b === LF) {
      if (buf[i - 1] === CR && buf[i - 2] === LF && buf[i - 3] === CR) return i + 1;
      i += 2; // the next CRLFCRLF that can end past i holds this LF as its second byte
    } else i += b === CR ? 1 : 4; // no CRLFCRLF holding a byte other than CR or LF
  }
  return -1;
}

function bad(message: string): HeadError {
  return new HeadError(400, message);
}

/**
 * The text of the head being parsed, and the byte offset its first character stands for: a part with obs-text
 * is shorter as text than as bytes, so each moves the parts after it.
 */
const source = { text: "", base: 0 };

/** The string of the part `buf[a, b)`; `wide` when it holds obs-text. */
function part(buf: Uint8Array, a: number, b: number, wide: number): string {
  if (!wide) return source.text.slice(a - source.base, b - source.base);
  const s = utf8Text(buf, a, b);
  source.base += b - a - s.length;
  return s;
}

/** What the header fields say of framing and of the connection, gathered in the one pass over them. */
interface Framing {
  hosts: number;
  host: string | undefined;
  /** Where the Host value's bytes start and end. */
  hostAt: number;
  hostEnd: number;
  /** Where the target's bytes start and end. */
  targetAt: number;
  targetEnd: number;
  /** The one length every Content-Length copy agrees on, or -1 without any. */
  length: number;
  codings: string[] | undefined;
  close: boolean;
  keepAlive: boolean;
  upgradeToken: boolean;
  expectContinue: boolean;
  upgrade: boolean;
}

/** The framing of the head being parsed: parsing is synchronous, so one record serves every head in turn. */
const f: Framing = {
  hosts: 0,
  host: undefined,
  hostAt: 0,
  hostEnd: 0,
  targetAt: 0,
  targetEnd: 0,
  length: -1,
  codings: undefined,
  close: false,
  keepAlive: false,
  upgradeToken: false,
  expectContinue: false,
  upgrade: false,
};

function resetFraming(): void {
  f.hosts = 0;
  f.host = undefined;
  f.length = -1;
  f.codings = undefined;
  f.close =
    f.keepAlive =
    f.upgradeToken =
    f.expectContinue =
    f.upgrade =
      false;
}

/** The next comma-separated item of `buf[a, b)` without its OWS: `[from, to, next]` as numbers in `item`. */
const item = [0, 0, 0];
function nextItem(buf: Uint8Array, a: number, b: number): void {
  let end = a;
  while (end < b && buf[end] !== COMMA) end++;
  let from = a, to = end;
  while (from < to && (buf[from] === SP || buf[from] === HTAB)) from++;
  while (to > from && (buf[to - 1] === SP || buf[to - 1] === HTAB)) to--;
  item[0] = from, item[1] = to, item[2] = end + 1;
}

/** Notes the Content-Length list `buf[a, b)`: every item 1 to 15 digits, all copies the same number. */
function noteLength(buf: Uint8Array, a: number, b: number): void {
  for (let at = a; at <= b; at = item[2]!) {
    nextItem(buf, at, b);
    const from = item[0]!, to = item[1]!;
    if (to === from || to - from > 15) throw bad("malformed Content-Length");
    let n = 0;
    for (let i = from; i < to; i++) {
      const d = buf[i]! - 48;
      if (d < 0 || d > 9) throw bad("malformed Content-Length");
      n = n * 10 + d;
    }
    if (f.length >= 0 && n !== f.length) throw bad("conflicting Content-Length");
    f.length = n;
  }
}

/** Notes the Connection tokens of `buf[a, b)` that matter here (ASCII case-insensitive, as tokens are). */
function noteConnection(buf: Uint8Array, a: number, b: number): void {
  for (let at = a; at <= b; at = item[2]!) {
    nextItem(buf, at, b);
    const from = item[0]!, n = item[1]! - from;
    if (n === 5 && sameWord(buf, from, "close")) f.close = true;
    else if (n === 10 && sameWord(buf, from, "keep-alive")) f.keepAlive = true;
    else if (n === 7 && sameWord(buf, from, "upgrade")) f.upgradeToken = true;
  }
}

/** Whether `buf[i]` starts a CRLF (a bare CR, or any other byte, is no line end). */
function lineEndAt(buf: Uint8Array, i: number): boolean {
  return buf[i] === CR && buf[i + 1] === LF;
}

/** Reads `METHOD SP target SP HTTP/1.x CRLF` at `start` into `head`; returns where the next line starts. */
function requestLine(buf: Uint8Array, start: number, stop: number, head: RequestHead): number {
  if (stop - start >= PREFACE.length && sameBytes(buf, start, PREFACE)) {
    throw new HeadError(505, "HTTP/2 is not served here");
  }
  let i = start;
  while (TOKEN[buf[i]!]) i++;
  if (i === start || buf[i] !== SP) throw bad("malformed request line");
  head.method = method(buf, start, i) ?? part(buf, start, i, 0);
  const t = ++i;
  let seen = 0;
  for (let c; (c = TARGET[buf[i]!]!); i++) seen |= c;
  if (i === t || buf[i] !== SP) throw bad("malformed request line");
  head.target = part(buf, t, i, seen & 2);
  f.targetAt = t, f.targetEnd = i;
  const v = i + 1;
  const digit = (k: number) => buf[v + k]! >= 48 && buf[v + k]! <= 57;
  if (!sameBytes(buf, v, "HTTP/") || !digit(5) || buf[v + 6] !== 46 || !digit(7) || !lineEndAt(buf, v + 8)) {
    throw bad("malformed HTTP version");
  }
  if (buf[v + 5] !== 49 || (buf[v + 7] !== 48 && buf[v + 7] !== 49)) {
    throw new HeadError(505, "HTTP version not supported");
  }
  head.minor = buf[v + 7] === 49 ? 1 : 0;
  return v + 10;
}

/** The header field at `p` (its name lower-cased) added to `headers` and noted in the framing; returns the next line. */
function field(buf: Uint8Array, p: number, headers: [string, string][]): number {
  const c = buf[p];
  if (c === SP || c === HTAB) throw bad("obsolete line folding");
  let i = p, hash = 0;
  for (let b; TOKEN[b = buf[i]!]; i++) hash = nameStep(hash, b);
  if (i === p || buf[i] !== COLON) throw bad("malformed header field");
  const common = commonName(buf, p, i, hash);
  const name = common ? common[0] : part(buf, p, i, 0).toLowerCase();
  let v = i + 1;
  while (buf[v] === SP || buf[v] === HTAB) v++;
  let e = v, seen = 0;
  for (let k; (k = VALUE[buf[e]!]!); e++) seen |= k;
  if (!lineEndAt(buf, e)) throw bad("malformed header value");
  let end = e;
  while (end > v && (buf[end - 1] === SP || buf[end - 1] === HTAB)) end--;
  const id = common ? common[1] : 0;
  // obs-text reads as UTF-8, trimmed of Unicode spaces too, as decoding the whole head read it. The values the
  // server acts on must be ASCII: a Kelvin sign that lower-cases to "k", or a no-break space trimmed off, would
  // let "chunked", "keep-alive" or a length be read where another parser reads something else.
  if (seen & 2 && id !== 0 && id !== EXPECT) throw bad("header value not ASCII");
  const value = seen & 2 ? part(buf, v, end, 2).trim() : part(buf, v, end, 0);
  headers.push([name, value]);
  if (id === HOST) (f.host = value, f.hosts++, f.hostAt = v, f.hostEnd = end);
  else if (id === CONTENT_LENGTH) noteLength(buf, v, end);
  else if (id === TRANSFER_ENCODING) (f.codings ??= []).push(value);
  else if (id === CONNECTION) noteConnection(buf, v, end);
  else if (id === EXPECT) f.expectContinue ||= value.toLowerCase() === "100-continue";
  else if (id === UPGRADE) f.upgrade = true;
  return e + 2;
}

/** Whether the Transfer-Encoding list is exactly `chunked` (anything else is not implemented). */
function chunkedOnly(values: string[]): boolean {
  const codings = values.join(",").split(",").map((s) => s.trim().toLowerCase()).filter((s) => s !== "");
  if (codings.length === 1 && codings[0] === "chunked") return true;
  throw new HeadError(501, "transfer coding not implemented");
}

/**
 * The authority of an absolute-form target (`http://` or `https://`, any case) as `[from, to)` of `buf`, or -1
 * when the target is malformed.
 */
function authority(buf: Uint8Array, a: number, b: number): [number, number] {
  const from = sameWord(buf, a, "http://") ? a + 7 : sameWord(buf, a, "https://") ? a + 8 : -1;
  if (from < 0 || from > b) return [-1, -1];
  let to = from;
  for (let c; to < b && (c = buf[to]) !== 47 && c !== 63 && c !== 35; to++);
  for (let i = to; i < b; i++) if (buf[i] === 35) return [-1, -1];
  return to === from ? [-1, -1] : [from, to];
}

/**
 * Whether `buf[a, b)` is only what an authority may hold (RFC 3986 reg-name or IPv6 literal, then a port of 1 to
 * 5 digits): anything else, a backslash above all, would let the URL parser move part of the Host into the path
 * the app routes.
 */
function validHost(buf: Uint8Array, a: number, b: number): boolean {
  let i = a;
  if (buf[a] === 91) {
    for (i++; i < b && IPV6[buf[i]!]; i++);
    if (i === a + 1 || i === b || buf[i] !== 93) return false;
    i++;
  } else {
    while (i < b && REG_NAME[buf[i]!]) i++;
    if (i === a) return false;
  }
  if (i === b) return true;
  if (buf[i] !== COLON || b - i - 1 < 1 || b - i - 1 > 5) return false;
  for (i++; i < b; i++) if (buf[i]! < 48 || buf[i]! > 57) return false;
  return true;
}

/** Sets the host of `head` (and its path, for an absolute-form target), checked: the Host header's or the target's. */
function hostOf(buf: Uint8Array, head: RequestHead): void {
  if (head.target.charCodeAt(0) === 47) {
    head.host = f.host ?? "localhost";
    if (f.host !== undefined && !validHost(buf, f.hostAt, f.hostEnd)) throw bad("malformed Host");
    return;
  }
  const [from, to] = authority(buf, f.targetAt, f.targetEnd);
  if (from < 0) throw bad("malformed request target");
  if (!validHost(buf, from, to)) throw bad("malformed Host");
  // All ASCII up to the path: its bytes and the target's characters line up.
  const at = f.targetAt, rest = head.target.slice(to - at);
  head.host = head.target.slice(from - at, to - at);
  head.target = rest === "" ? "/" : rest.charCodeAt(0) === 63 ? `/${rest}` : rest;
}

/**
 * Parses the head in `buf[start, end)` (`end` just past its blank line, see {@link headEnd}) in one pass over
 * its bytes, making strings only of the method, the target and each field's name and value.
 *
 * @throws {HeadError} 400 malformed or ambiguous framing, 501 unknown transfer coding, 505 other HTTP versions.
 */
export function parseHead(buf: Uint8Array, start: number, end: number): RequestHead {
  const stop = end - 4;
  const head: RequestHead = {
    method: "",
    target: "",
    host: "",
    minor: 1,
    headers: [],
    contentLength: -1,
    chunked: false,
    keepAlive: false,
    expectContinue: false,
    upgrade: false,
  };
  resetFraming();
  source.text = utf8Text(buf, start, stop);
  source.base = start;
  for (let p = requestLine(buf, start, stop, head); p < stop;) p = field(buf, p, head.headers);
  const minor = head.minor;
  if (f.length >= 0 && f.codings) throw bad("both Content-Length and Transfer-Encoding");
  if (f.codings && minor === 0) throw bad("Transfer-Encoding in HTTP/1.0");
  head.chunked = f.codings !== undefined && chunkedOnly(f.codings);
  if (f.hosts > 1 || (minor === 1 && f.hosts === 0)) throw bad("missing or repeated Host");
  hostOf(buf, head);
  head.contentLength = f.length;
  head.keepAlive = minor === 1 ? !f.close : !f.close && f.keepAlive;
  head.expectContinue = f.expectContinue;
  head.upgrade = f.upgrade && f.upgradeToken;
  return head;
}
