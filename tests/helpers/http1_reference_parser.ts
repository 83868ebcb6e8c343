/**
 * The reference parser of HTTP/1.1 request heads for the differential test of `src/runtime/_http1_parse.ts`:
 * the string parser starmap served with before the byte-level one (decode the head, split it on CRLF, check
 * each part with a regular expression), kept here unchanged as the oracle. Test code only: the server never
 * imports it.
 *
 * @module
 */
import { HeadError, type RequestHead } from "../../src/runtime/_http1_parse.ts";

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const BAD_VALUE = /[\0\r\n]/;
const HOST = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const decoder = new TextDecoder();

/** The index just past the blank line that ends a head in `buf[start, end)`, or -1 while it has not arrived. */
export function referenceHeadEnd(buf: Uint8Array, start: number, end: number): number {
  // Line by line with the native search: a head has a few lines, each read once.
  const view = buf.subarray(start, end);
  for (let i = view.indexOf(10, 3); i >= 0; i = view.indexOf(10, i + 1)) {
    if (view[i - 1] === 13 && view[i - 2] === 10 && view[i - 3] === 13) return start + i + 1;
  }
  return -1;
}

function bad(message: string): HeadError {
  return new HeadError(400, message);
}

/** Splits `METHOD SP target SP HTTP/1.x`. */
function requestLine(line: string): { method: string; target: string; minor: number } {
  if (line.startsWith("PRI * HTTP/2")) throw new HeadError(505, "HTTP/2 is not served here");
  const a = line.indexOf(" ");
  const b = line.indexOf(" ", a + 1);
  if (a <= 0 || b < 0 || line.indexOf(" ", b + 1) >= 0) throw bad("malformed request line");
  const method = line.slice(0, a);
  const target = line.slice(a + 1, b);
  const version = line.slice(b + 1);
  if (!TOKEN.test(method) || target === "" || /[\0-\x20\x7f]/.test(target)) {
    throw bad("malformed request line");
  }
  if (!/^HTTP\/\d\.\d$/.test(version)) throw bad("malformed HTTP version");
  if (version !== "HTTP/1.1" && version !== "HTTP/1.0") {
    throw new HeadError(505, "HTTP version not supported");
  }
  return { method, target, minor: version === "HTTP/1.1" ? 1 : 0 };
}

/** The fields that frame the request and shape the connection, gathered in the one pass over the headers. */
interface Framing {
  lengths: string[] | undefined;
  codings: string[] | undefined;
  host: string | undefined;
  hosts: number;
  connection: string;
  expectContinue: boolean;
  upgrade: boolean;
}

function note(f: Framing, name: string, value: string): void {
  if (name === "host") (f.host = value, f.hosts++);
  else if (name === "content-length") (f.lengths ??= []).push(value);
  else if (name === "transfer-encoding") (f.codings ??= []).push(value);
  else if (name === "connection") f.connection += `,${value.toLowerCase()}`;
  else if (name === "expect") f.expectContinue ||= value.toLowerCase() === "100-continue";
  else if (name === "upgrade") f.upgrade = true;
}

/** The header fields of `lines` (after the request line), noting the framing ones in `f`. */
function fields(lines: string[], f: Framing): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const c = line.charCodeAt(0);
    if (c === 32 || c === 9) throw bad("obsolete line folding");
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon).toLowerCase() : "";
    if (!TOKEN.test(name)) throw bad("malformed header field");
    const value = line.slice(colon + 1).trim();
    if (BAD_VALUE.test(value)) throw bad("malformed header value");
    out.push([name, value]);
    note(f, name, value);
  }
  return out;
}

/** The one Content-Length all copies agree on, or -1 without any. */
function contentLength(values: string[]): number {
  let length = -1;
  for (const part of values.join(",").split(",")) {
    const text = part.trim();
    if (!/^\d{1,15}$/.test(text)) throw bad("malformed Content-Length");
    const n = Number(text);
    if (length >= 0 && n !== length) throw bad("conflicting Content-Length");
    length = n;
  }
  return length;
}

/** Whether the Transfer-Encoding list is exactly `chunked` (anything else is not implemented). */
function chunkedOnly(values: string[]): boolean {
  const codings = values.join(",").split(",").map((s) => s.trim().toLowerCase()).filter((s) => s !== "");
  if (codings.length === 1 && codings[0] === "chunked") return true;
  throw new HeadError(501, "transfer coding not implemented");
}

/** The authority of an absolute-form target and its path and query, or undefined for origin-form. */
function absoluteForm(target: string): { host: string; path: string } | undefined {
  if (target.charCodeAt(0) === 47) return undefined;
  const m = /^https?:\/\/([^/?#]+)([^#]*)$/i.exec(target);
  if (!m) throw bad("malformed request target");
  const path = m[2] === "" ? "/" : m[2]!.startsWith("?") ? `/${m[2]}` : m[2]!;
  return { host: m[1]!, path };
}

/**
 * Parses the head in `buf[start, end)` (`end` just past its blank line, see {@link referenceHeadEnd}).
 *
 * @throws {HeadError} 400 malformed or ambiguous framing, 501 unknown transfer coding, 505 other HTTP versions.
 */
export function referenceParseHead(buf: Uint8Array, start: number, end: number): RequestHead {
  // A bare CR or LF left inside a line is refused by the checks of the request line, names and values.
  const lines = decoder.decode(buf.subarray(start, end - 4)).split("\r\n");
  const { method, target, minor } = requestLine(lines[0]!);
  const f: Framing = {
    lengths: undefined,
    codings: undefined,
    host: undefined,
    hosts: 0,
    connection: "",
    expectContinue: false,
    upgrade: false,
  };
  const headers = fields(lines, f);
  if (f.lengths && f.codings) throw bad("both Content-Length and Transfer-Encoding");
  if (f.codings && minor === 0) throw bad("Transfer-Encoding in HTTP/1.0");
  const chunked = f.codings !== undefined && chunkedOnly(f.codings);
  if (f.hosts > 1 || (minor === 1 && f.hosts === 0)) throw bad("missing or repeated Host");
  const absolute = target.charCodeAt(0) === 47 ? undefined : absoluteForm(target);
  const host = absolute?.host ?? f.host ?? "localhost";
  // Only what an authority may hold (RFC 3986 reg-name, IPv6 literal, port): anything else, a backslash above all,
  // would let the URL parser move part of the Host into the path the app routes.
  if (!HOST.test(host)) throw bad("malformed Host");
  const tokens = f.connection === "" ? undefined : new Set(f.connection.split(",").map((t) => t.trim()));
  const close = tokens?.has("close") ?? false;
  return {
    method,
    target: absolute?.path ?? target,
    host,
    minor,
    headers,
    contentLength: f.lengths ? contentLength(f.lengths) : -1,
    chunked,
    keepAlive: minor === 1 ? !close : !close && (tokens?.has("keep-alive") ?? false),
    expectContinue: f.expectContinue,
    upgrade: f.upgrade && (tokens?.has("upgrade") ?? false),
  };
}
