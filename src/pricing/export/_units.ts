/**
 * Exact unit conversions of prices from USD per 1M tokens, for the export formats.
 *
 * @module
 */
import { decimalOf, plain, shift } from "../_decimal.ts";

/** A per-1M price as plain decimal text per token: `2.5` → `"0.0000025"` (exact, no exponent). */
export function perTokenText(perMillion: number): string {
  return plain(shift(decimalOf(perMillion), -6));
}

/** A per-1M price as plain decimal text per 1K tokens: `2.5` → `"0.0025"`. */
export function perThousandText(perMillion: number): string {
  return plain(shift(decimalOf(perMillion), -3));
}

/** A per-1M price as plain decimal text: `2.5` → `"2.5"`. */
export function perMillionText(perMillion: number): string {
  return plain(decimalOf(perMillion));
}

/**
 * A per-1M price as a JS number per token. The number is parsed from the exact decimal text, so it is the double
 * nearest to the true value and prints as that decimal (`2.5e-6`), not as the noise of a float division.
 */
export function perToken(perMillion: number): number {
  return Number(perTokenText(perMillion));
}

/** A per-1M price as a JS number per 1K tokens (parsed from exact decimal text). */
export function perThousand(perMillion: number): number {
  return Number(perThousandText(perMillion));
}
