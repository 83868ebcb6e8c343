/**
 * Checks every request passes before a handler sees it: no `.`/`..` segments hidden by percent-encoding, no
 * query parameters a route does not take, and WebSocket origins that CORS allows.
 *
 * @module
 */
import { badParameter, HttpError } from "./_errors.ts";

/**
 * Decodes a path (or the part of one after a route's fixed prefix) and refuses `.` and `..` segments, including
 * those spelled `%2e%2e` or split by an encoded `/` or `\`.
 *
 * @throws {HttpError} 400 `invalid_path` for such a segment or a malformed escape.
 */
export function safePath(raw: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, "invalid_path", `cannot decode the path "${raw.slice(0, 200)}"`);
  }
  if (decoded.split(/[\\/]/).some((s) => s === "." || s === "..")) {
    throw new HttpError(400, "invalid_path", "the path holds a . or .. segment");
  }
  return decoded;
}

/** Refuses any query parameter on a route that takes none. @throws {HttpError} 400 naming the first one. */
export function noQuery(url: URL): void {
  for (const name of url.searchParams.keys()) {
    throw badParameter(name.slice(0, 64), "unknown query parameter (this route takes none)");
  }
}

/**
 * Whether a WebSocket handshake's `Origin` may connect: no `Origin` (not a browser), the server's own origin, or
 * an origin `--cors` allows.
 */
export function originAllowed(
  origin: string | null,
  requestUrl: URL,
  cors: readonly string[] | undefined,
): boolean {
  if (origin === null) return true;
  if (origin === requestUrl.origin) return true;
  return (cors ?? []).some((o) => o === "*" || o === origin);
}
