/**
 * How numbers and flags read in tables.
 *
 * @module
 */

/** A token count: `128K` and `1M` when round, else exact with separators (`16,384`); `-` when unknown. */
export function tokens(n: number | undefined): string {
  if (n === undefined) return "-";
  if (n >= 1_000_000 && n % 10_000 === 0) return `${trim(n / 1_000_000)}M`;
  if (n >= 1_000 && n % 1_000 === 0) return `${trim(n / 1_000)}K`;
  return n.toLocaleString("en-US");
}

function trim(n: number): string {
  return n.toFixed(2).replace(/\.?0+$/, "");
}

/** A price in USD per 1M tokens: `$2.50`, `$0.075`, `free` for zero, `-` when unknown. */
export function price(n: number | undefined): string {
  if (n === undefined) return "-";
  if (n === 0) return "free";
  const digits = n >= 0.01 ? 2 : 6;
  const fixed = n.toFixed(Math.max(digits, decimals(n)));
  return `$${fixed.replace(/(\.\d\d\d*?)0+$/, "$1")}`;
}

function decimals(n: number): number {
  const s = String(n);
  const dot = s.indexOf(".");
  return dot < 0 || s.includes("e") ? 0 : Math.min(6, s.length - dot - 1);
}

/** A yes/no flag where unknown is not no: `yes`, `no`, or `unknown` when the catalog does not say. */
export function flag(value: boolean | undefined): string {
  return value === undefined ? "unknown" : value ? "yes" : "no";
}

/** A list joined with commas, `-` when empty. */
export function list(values: readonly string[] | undefined): string {
  return values?.length ? values.join(",") : "-";
}
