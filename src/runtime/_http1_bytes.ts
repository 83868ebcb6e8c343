/**
 * The bytes of an HTTP/1.1 request head as the byte-level parser reads them: tables of the bytes each part
 * may hold, UTF-8 text of a span of bytes, and the common methods and header names interned (compared in
 * place, never allocated).
 *
 * @module
 */

/** A byte class: 0 for a byte refused, 1 for an ASCII byte allowed, 2 for obs-text (0x80-0xFF) allowed. */
function table(allowed: (b: number) => boolean): Uint8Array {
  const t = new Uint8Array(256);
  for (let b = 0; b < 256; b++) t[b] = allowed(b) ? (b < 0x80 ? 1 : 2) : 0;
  return t;
}

const isAlnum = (b: number) => (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122);
const among = (chars: string) => (b: number) => chars.includes(String.fromCharCode(b));

/** RFC 9110 tchar: the bytes of a method or a header name. */
export const TOKEN: Uint8Array = table((b) => isAlnum(b) || among("!#$%&'*+-.^_`|~")(b));
/**
 * The bytes of a request target: anything visible, obs-text (0x80-0xFF, read as UTF-8) included; no control
 * byte, space or DEL.
 */
export const TARGET: Uint8Array = table((b) => b > 0x20 && b !== 0x7f);
/**
 * The bytes of a header value: HTAB, SP, visible ASCII and obs-text. Every other control byte (NUL, a bare CR
 * or LF, VT, FF, DEL, ...) is refused: RFC 9110 field-content has none, and a CR or LF kept anywhere in a value
 * could be read as a line end by another parser.
 */
export const VALUE: Uint8Array = table((b) => b === 9 || (b >= 0x20 && b !== 0x7f));
/** RFC 3986 reg-name bytes (unreserved and sub-delims), the Host grammar's name. */
export const REG_NAME: Uint8Array = table((b) => isAlnum(b) || among("-._~!$&'()*+,;=")(b));
/** The bytes of an IPv6 literal inside brackets, as the Host grammar allows them. */
export const IPV6: Uint8Array = table((b) => (b >= 48 && b <= 58) || among("abcdefABCDEF.")(b));
/** Each byte lower-cased (ASCII letters only). */
export const LOWER: Uint8Array = new Uint8Array(256).map((_, b) => (b >= 65 && b <= 90 ? b + 32 : b));

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * The string of `buf[a, b)` read as UTF-8, an invalid sequence as U+FFFD, a byte-order mark kept: ASCII bytes
 * end any sequence, so a part decoded alone reads as it does inside the whole head.
 */
export function utf8Text(buf: Uint8Array, a: number, b: number): string {
  return utf8.decode(buf.subarray(a, b));
}

/** Whether `buf[a, a + word.length)` is the ASCII `word`, byte for byte. */
export function sameBytes(buf: Uint8Array, a: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (buf[a + k] !== word.charCodeAt(k)) return false;
  return true;
}

/** Whether `buf[a, a + word.length)` is `word` (a lower-case ASCII word), ignoring ASCII case. */
export function sameWord(buf: Uint8Array, a: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (LOWER[buf[a + k]!] !== word.charCodeAt(k)) return false;
  return true;
}

/** Header names the parser acts on, by the number a lookup returns. */
export const HOST = 1, CONTENT_LENGTH = 2, TRANSFER_ENCODING = 3, CONNECTION = 4, EXPECT = 5, UPGRADE = 6;

/** Common header names, lower-case, and the number of those the parser acts on (0 for the others). */
const COMMON: [string, number][] = [
  ["host", HOST],
  ["content-length", CONTENT_LENGTH],
  ["transfer-encoding", TRANSFER_ENCODING],
  ["connection", CONNECTION],
  ["expect", EXPECT],
  ["upgrade", UPGRADE],
  ...[
    "accept",
    "accept-encoding",
    "accept-language",
    "authorization",
    "cache-control",
    "content-type",
    "cookie",
    "if-modified-since",
    "if-none-match",
    "origin",
    "pragma",
    "priority",
    "referer",
    "sec-ch-ua",
    "sec-ch-ua-mobile",
    "sec-ch-ua-platform",
    "sec-fetch-dest",
    "sec-fetch-mode",
    "sec-fetch-site",
    "sec-fetch-user",
    "sec-websocket-extensions",
    "sec-websocket-key",
    "sec-websocket-protocol",
    "sec-websocket-version",
    "te",
    "upgrade-insecure-requests",
    "user-agent",
    "x-forwarded-for",
    "x-forwarded-host",
    "x-forwarded-proto",
    "x-real-ip",
    "x-request-id",
  ].map((name): [string, number] => [name, 0]),
];

/** The next hash of a header name read one byte more (case-insensitive: the byte is lower-cased). */
export function nameStep(hash: number, byte: number): number {
  return (Math.imul(hash, 31) + LOWER[byte]!) | 0;
}

/** Slots of the common names by their hash (a power of two, so a slot is the hash's low bits). */
const SLOTS = 256;
const BY_HASH: [string, number][][] = Array.from({ length: SLOTS }, () => []);
for (const entry of COMMON) {
  let hash = 0;
  for (let k = 0; k < entry[0].length; k++) hash = nameStep(hash, entry[0].charCodeAt(k));
  BY_HASH[hash & (SLOTS - 1)]!.push(entry);
}

/**
 * The interned lower-case name of the token `buf[a, b)` whose hash ({@link nameStep} over its bytes) is `hash`, and its number,
 * or undefined when it is not a common name.
 */
export function commonName(
  buf: Uint8Array,
  a: number,
  b: number,
  hash: number,
): [string, number] | undefined {
  for (const entry of BY_HASH[hash & (SLOTS - 1)]!) {
    if (entry[0].length === b - a && sameWord(buf, a, entry[0])) return entry;
  }
  return undefined;
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"];

/** The method `buf[a, b)` (case-sensitive) when it is a common one, interned. */
export function method(buf: Uint8Array, a: number, b: number): string | undefined {
  for (const m of METHODS) if (m.length === b - a && sameBytes(buf, a, m)) return m;
  return undefined;
}
