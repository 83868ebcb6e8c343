/**
 * Keeps credentials typed into a URL-like value out of messages, even when the value is not a valid URL.
 *
 * @module
 */

/**
 * Replaces what looks like the credentials of a URL (`user:password@`, `token@` after `//` or at the start) with
 * `***`: `redis//:s3cret@host` reads `redis//***@host`.
 */
export function hideCredentials(text: string): string {
  return text.replace(/(^|\/\/|\/)[^\s/@]+@/g, "$1***@");
}
