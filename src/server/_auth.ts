/**
 * API-key checks for admin routes, compared in constant time.
 *
 * @module
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { HttpError } from "./_errors.ts";

function digest(text: string): Uint8Array {
  return createHash("sha256").update(text).digest();
}

/** Compares two secrets in time independent of where they differ (both are hashed to equal length first). */
export function secretsEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** The key a request presents: `X-API-Key`, or `Authorization: Bearer <key>`. */
export function presentedKey(headers: Headers): string | undefined {
  const key = headers.get("x-api-key");
  if (key) return key;
  const auth = headers.get("authorization");
  const match = auth ? /^Bearer\s+(.+)$/i.exec(auth.trim()) : null;
  return match?.[1];
}

/**
 * Checks a request's key against the configured one.
 *
 * @throws {HttpError} 403 `admin_disabled` without a configured key, 401 without a presented key, 403 for a
 * wrong key.
 */
export function requireKey(headers: Headers, expected: string | undefined): void {
  if (!expected) {
    throw new HttpError(
      403,
      "admin_disabled",
      "admin routes are disabled: start the server with --auth-key-env NAME",
    );
  }
  const key = presentedKey(headers);
  if (!key) {
    throw new HttpError(
      401,
      "unauthorized",
      "an API key is required: send X-API-Key or Authorization: Bearer",
      {
        headers: { "www-authenticate": 'Bearer realm="starmap"' },
      },
    );
  }
  if (!secretsEqual(key, expected)) throw new HttpError(403, "forbidden", "the API key is not valid");
}
