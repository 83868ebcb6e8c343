/**
 * Answers prepared once and written many times (a cached read's 200 and 304), in the form the running runtime
 * writes fastest, and the neutral view of a request the app's fast entry reads instead of a `Request`.
 *
 * @module
 */
import { runtimeName } from "./_runtime.ts";
import { latin1, statusLine } from "./_http1_write.ts";

/**
 * The bytes of a prepared answer for starmap's own HTTP/1.1 server: the whole answer (status line, headers,
 * `content-length`, blank line, body) for the common case, and its parts for a request that needs more headers.
 */
export interface Wire {
  /** Status line, headers, `date: <date>` and body: one write for a kept-alive HTTP/1.1 request (made again
   * only when the date changes). */
  whole(date: string): Uint8Array;
  /** Status line and headers (with `content-length`, without `date`), without the blank line that ends them. */
  head: string;
  /** The body. */
  body: Uint8Array;
}

/**
 * The status, body and headers of a response answered many times. Bun copies a Blob's bytes without encoding a
 * string again and copies a `Headers` without parsing a record; Deno's `Response` writes a string body straight
 * from the string and reads a record's headers faster than a `Headers`; starmap's own server on Deno writes
 * {@link Wire} bytes encoded once. All are immutable, so one prepared form serves every request.
 */
export interface StaticParts {
  /** The status. */
  status: number;
  /** The body. */
  body: string | Blob;
  /** The headers. */
  headers: Record<string, string> | Headers;
  /** The encoded answer, where the runtime serves with starmap's own HTTP/1.1 server. */
  wire?: Wire;
}

/** What a fast entry answers: prepared parts, and headers of this request only (the rate limit's). */
export interface StaticAnswer {
  /** The prepared answer. */
  parts: StaticParts;
  /** Headers added to this answer only. */
  extra?: Record<string, string> | undefined;
}

/** The part of a request a fast entry reads: no `Request`, `Headers` or `URL` is made for it. */
export interface RequestView {
  /** The method. */
  method: string;
  /** The path and query, as sent (not normalised: a fast entry that does not know it lets the app answer). */
  path: string;
  /** A request header's value, or null (the name in lower case). */
  header(name: string): string | null;
  /** The client's address (the TCP peer). */
  clientIp: string;
}

const encoder = new TextEncoder();

function wire(status: number, body: string, headers: Record<string, string>): Wire {
  const bytes = encoder.encode(body);
  let head = statusLine(status);
  for (const [name, value] of Object.entries(headers)) head += `${name.toLowerCase()}: ${value}\r\n`;
  if (status !== 304 && status !== 204) head += `content-length: ${bytes.length}\r\n`;
  let stamp = "";
  let whole = new Uint8Array(0);
  return {
    whole(date) {
      if (date === stamp) return whole;
      const top = latin1(`${head}date: ${date}\r\n\r\n`);
      // A new buffer, never this one rewritten: a write of the previous second may still be reading it.
      whole = new Uint8Array(top.length + bytes.length);
      whole.set(top);
      whole.set(bytes, top.length);
      stamp = date;
      return whole;
    },
    head,
    body: bytes,
  };
}

/** Prepares a response's status, body and headers once, for {@link StaticParts} reuse by every request. */
export function staticParts(body: string, headers: Record<string, string>, status = 200): StaticParts {
  if (runtimeName === "bun") {
    return { status, body: new Blob([encoder.encode(body)]), headers: new Headers(headers) };
  }
  if (runtimeName === "deno") return { status, body, headers, wire: wire(status, body, headers) };
  return { status, body, headers };
}

/** The answer as a `Response` (for `app.request()` in-process, Bun and Deno.serve). */
export function staticResponse(answer: StaticAnswer): Response {
  const { parts, extra } = answer;
  const body = parts.status === 304 || parts.status === 204 ? null : parts.body;
  if (!extra) return new Response(body, { status: parts.status, headers: parts.headers });
  const headers = parts.headers instanceof Headers ? Object.fromEntries(parts.headers) : parts.headers;
  return new Response(body, { status: parts.status, headers: { ...headers, ...extra } });
}
