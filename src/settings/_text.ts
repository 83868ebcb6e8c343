/**
 * Parsers from the text of environment variables and flags into setting values: one duration syntax, one list
 * syntax, one number syntax for every setting that takes them.
 *
 * @module
 */

const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A duration in milliseconds: `250ms`, `30s`, `15m`, `6h`, `1d`; a bare number counts seconds (as `sleep` and
 * `timeout` do). `NaN` for anything else, so the setting's schema reports it.
 *
 * @example
 * ```ts
 * durationMs("90s"); // 90000
 * durationMs("2"); // 2000
 * ```
 */
export function durationMs(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/i.exec(text.trim());
  const ms = match ? Number(match[1]) * units[(match[2] ?? "s").toLowerCase()]! : NaN;
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : NaN;
}

/** A whole number from text; `NaN` for anything that is not one. */
export function wholeNumber(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
}

/** A comma-separated list, trimmed, empty items dropped. */
export function commaList(text: string): string[] {
  return text.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

/** A boolean from `1/0`, `true/false`, `yes/no`, `on/off`; the text itself otherwise, for the schema to refuse. */
export function flagText(text: string): boolean | string {
  const t = text.trim().toLowerCase();
  if (["1", "true", "yes", "on"].includes(t)) return true;
  if (["0", "false", "no", "off", ""].includes(t)) return false;
  return text;
}
