/**
 * Exact decimal arithmetic for prices and costs: a value is an integer (`bigint`) and a power of ten,
 * `units / 10^scale`. Prices come from the catalog as JS numbers; each is read through its shortest round-trip
 * text (`String(2.5)` is `"2.5"`), so the decimal the catalog author wrote is what gets multiplied, never the
 * binary float nearest to it. Nothing here uses floating-point arithmetic.
 *
 * Sources use it too: upstreams that price per token (`"0.0000025"`, `2.5e-6`) are converted to USD per 1M tokens
 * by moving the decimal point in the digits ({@link perTokenToPerMillion}), so no binary float drift enters the
 * catalog (`8e-7 × 1e6` is `0.7999999999999999` in floats; here it is `0.8`). This module imports nothing from
 * the layers above it, so both `sources/` and `pricing/` may use it.
 *
 * @module
 */
import { StarmapError } from "../errors.ts";

/** An exact decimal: `units / 10^scale`. */
export interface Decimal {
  /** The integer digits. */
  readonly units: bigint;
  /** The number of digits after the decimal point (may be negative for multiples of 10). */
  readonly scale: number;
}

const decimalText = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;

/**
 * Parses decimal text (`"2.5"`, `"0.000003"`, `"1.5e-7"`) exactly.
 *
 * @throws {StarmapError} `invalid` when the text is not a decimal number.
 */
export function parseDecimal(text: string): Decimal {
  const match = decimalText.exec(text.trim());
  if (!match) throw new StarmapError("invalid", `Cannot parse "${text}" as a decimal number`);
  const [, sign, whole, fraction = "", exponent = "0"] = match;
  const digits = BigInt(`${whole}${fraction}`);
  return { units: sign === "-" ? -digits : digits, scale: fraction.length - Number(exponent) };
}

/** Reads a finite JS number through its shortest round-trip text, so `0.1` is exactly one tenth. */
export function decimalOf(value: number): Decimal {
  if (!Number.isFinite(value)) throw new StarmapError("invalid", `Cannot use ${value} as a price`);
  return parseDecimal(String(value));
}

/** Multiplies by `10^exponent` exactly (`shift(d, -6)` turns a per-1M price into a per-token price). */
export function shift(value: Decimal, exponent: number): Decimal {
  return { units: value.units, scale: value.scale - exponent };
}

/** Multiplies a decimal by a whole number. */
export function times(value: Decimal, factor: bigint): Decimal {
  return { units: value.units * factor, scale: value.scale };
}

/** Multiplies two decimals exactly. */
export function product(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

function atScale(value: Decimal, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

/** Adds decimals exactly. */
export function sum(values: readonly Decimal[]): Decimal {
  const scale = Math.max(0, ...values.map((v) => v.scale));
  let units = 0n;
  for (const v of values) units += atScale(v, scale);
  return { units, scale };
}

/**
 * Rounds a non-negative decimal to `digits` places, half up (a tie goes away from zero), and returns the
 * integer count of `10^-digits` steps: `roundTo({units: 125n, scale: 7}, 6)` is `13n` (0.0000125 → 0.000013).
 */
export function roundTo(value: Decimal, digits: number): bigint {
  if (value.scale <= digits) return atScale(value, digits);
  const divisor = 10n ** BigInt(value.scale - digits);
  const magnitude = value.units < 0n ? -value.units : value.units;
  const rounded = (magnitude + divisor / 2n) / divisor;
  return value.units < 0n ? -rounded : rounded;
}

/** Formats an integer count of `10^-digits` steps with exactly `digits` places: `fixed(12500n, 6)` is `"0.012500"`. */
export function fixed(steps: bigint, digits: number): string {
  const negative = steps < 0n;
  const text = (negative ? -steps : steps).toString().padStart(digits + 1, "0");
  const whole = text.slice(0, text.length - digits);
  const fraction = text.slice(text.length - digits);
  return `${negative ? "-" : ""}${whole}${digits > 0 ? `.${fraction}` : ""}`;
}

/** Formats a decimal in plain notation with no exponent and no trailing zeros: `"0.0000025"`, `"10"`. */
export function plain(value: Decimal): string {
  if (value.scale <= 0) return atScale(value, 0).toString();
  const text = fixed(value.units, value.scale);
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/** Compares two decimals: negative, zero or positive. */
export function compare(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale, 0);
  const d = atScale(a, scale) - atScale(b, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** Decimal text as upstreams write it: an optional sign, digits on either side of an optional point, an exponent. */
const looseDecimalText = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** Reads loose decimal text (`"+.5"`, `"5."`, `"2.5e-6"`) exactly; `undefined` when it is not a decimal. */
function looseDecimal(text: string): Decimal | undefined {
  const m = looseDecimalText.exec(text);
  const whole = m?.[2] ?? "";
  const fraction = m?.[3] ?? "";
  if (!m || (whole === "" && fraction === "")) return undefined;
  const digits = BigInt(`${whole}${fraction}`);
  return { units: m[1] === "-" ? -digits : digits, scale: fraction.length - Number(m[4] ?? "0") };
}

/**
 * Multiplies a decimal number, given as a string or a number, by `10^power` exactly and returns the nearest
 * double of the exact result. `undefined` for values that are not finite decimals.
 *
 * @example
 * ```ts
 * shiftDecimal("1.5", -2); // 0.015
 * ```
 */
export function shiftDecimal(value: string | number, power: number): number | undefined {
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value.trim();
  const decimal = looseDecimal(text);
  return decimal === undefined ? undefined : Number(plain(shift(decimal, power)));
}

/** Converts a price per token into USD per 1M tokens exactly; `undefined` for missing or invalid values. */
export function perTokenToPerMillion(value: unknown): number | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const n = shiftDecimal(value, 6);
  return n === undefined || Number.isNaN(n) ? undefined : n;
}

/**
 * An upstream's price per token as USD per 1M tokens, `undefined` when missing, invalid or negative (upstreams
 * write `-1` for a price they do not know, such as a router's variable price).
 */
export function upstreamPerMillion(value: string | number | undefined): number | undefined {
  const n = perTokenToPerMillion(value);
  return n !== undefined && n >= 0 ? n : undefined;
}

/**
 * A price per unit (image, second, character, request, search) as an upstream states it, in USD, scaled (`1000`
 * for a price per 1K); zero, negative and unparsable prices are unknown.
 */
export function upstreamPerUnit(value: string | number | undefined, scale = 1): number | undefined {
  const n = typeof value === "string" ? Number(value) : value;
  return n !== undefined && Number.isFinite(n) && n > 0 ? Math.round(n * scale * 1e9) / 1e9 : undefined;
}
