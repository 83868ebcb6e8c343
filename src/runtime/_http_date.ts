/**
 * The `Date` header's value (RFC 9110's IMF-fixdate), made once a second: an origin server with a clock sends it
 * in every answer, and the hot path should not format a date per request.
 *
 * @module
 */

let second = -1;
let text = "";

/** The current time as an HTTP date, e.g. `Thu, 03 Dec 2026 21:20:00 GMT`. */
export function httpDate(now = Date.now()): string {
  const s = Math.floor(now / 1000);
  if (s !== second) {
    second = s;
    text = new Date(s * 1000).toUTCString();
  }
  return text;
}
