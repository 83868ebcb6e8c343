/**
 * Parsers from the text of environment variables and flags into setting values: one duration syntax, one list
 * syntax, one number syntax for every setting that takes them.
 *
 * @module
 */

export { durationMs } from "../units.ts";

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
