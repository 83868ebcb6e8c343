/**
 * Exact decimal scaling for prices: upstreams that price per token (`"0.0000025"`, `2.5e-6`) are converted to
 * USD per 1M tokens by moving the decimal point in the digits, so no binary float drift enters the catalog
 * (`8e-7 × 1e6` is `0.7999999999999999` in floats; here it is `0.8`).
 *
 * @module
 */

const decimalRe = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/**
 * Multiplies a decimal number, given as a string or a number, by `10^power` exactly and returns the nearest
 * double of the exact result. `undefined` for values that are not finite decimals.
 */
export function shiftDecimal(value: string | number, power: number): number | undefined {
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value.trim();
  const m = decimalRe.exec(text);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return undefined;
  const sign = m[1] === "-" ? "-" : "";
  const intPart = m[2] ?? "";
  const fracPart = m[3] ?? "";
  const exponent = Number(m[4] ?? "0") + power;
  const digits = intPart + fracPart;
  const point = intPart.length + exponent;
  let whole: string;
  let frac: string;
  if (point <= 0) {
    whole = "0";
    frac = "0".repeat(-point) + digits;
  } else if (point >= digits.length) {
    whole = digits + "0".repeat(point - digits.length);
    frac = "";
  } else {
    whole = digits.slice(0, point);
    frac = digits.slice(point);
  }
  whole = whole.replace(/^0+(?=\d)/, "");
  frac = frac.replace(/0+$/, "");
  return Number(`${sign}${whole}${frac ? `.${frac}` : ""}`);
}

/** Converts a price per token into USD per 1M tokens exactly; `undefined` for missing or invalid values. */
export function perTokenToPerMillion(value: unknown): number | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const n = shiftDecimal(value, 6);
  return n === undefined || Number.isNaN(n) ? undefined : n;
}
