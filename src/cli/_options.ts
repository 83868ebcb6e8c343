/**
 * Parsers for option values, each failing with commander's InvalidArgumentError so the message names the flag
 * and the exit code is 2.
 *
 * @module
 */
import { InvalidArgumentError } from "commander";
import { isCalendarDate } from "../words/mod.ts";
import { DURATION_SYNTAX, durationMs } from "../units.ts";

/**
 * Parses a duration, the one syntax of every `--timeout`: `90` (seconds), `500ms`, `30s`, `2m`, `1h`.
 *
 * @example
 * ```ts
 * duration("2m"); // 120000
 * ```
 */
export function duration(value: string): number {
  const ms = durationMs(value);
  if (Number.isNaN(ms)) throw new InvalidArgumentError(`expected ${DURATION_SYNTAX}, got "${value}"`);
  return ms;
}

/** Parses a positive integer. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n <= 0) {
    throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  }
  return n;
}

const binary: Record<string, number> = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** Parses a positive size in bytes with an optional binary suffix: `16777216`, `64K`, `16M`, `16MiB`, `1G`. */
export function byteSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(?:([kmg])(?:i?b)?|b)?$/i.exec(value.trim());
  const n = match ? Number(match[1]) * binary[(match[2] ?? "").toLowerCase()]! : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new InvalidArgumentError(`expected a size in bytes like 16777216, 64K or 16M, got "${value}"`);
  }
  return n;
}

const suffixes: Record<string, number> = { "": 1, k: 1e3, m: 1e6, b: 1e9 };

/** Parses a token count with an optional suffix: `128000`, `128k`, `1.5M`. */
export function tokenCount(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmb]?)$/i.exec(value.trim());
  const n = match ? Number(match[1]) * suffixes[match[2]!.toLowerCase()]! : NaN;
  if (!Number.isFinite(n) || !Number.isSafeInteger(Math.round(n))) {
    throw new InvalidArgumentError(`expected a token count like 128000, 128k or 1.5M, got "${value}"`);
  }
  return Math.round(n);
}

/** Parses a non-negative decimal number. */
export function nonNegative(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0) {
    throw new InvalidArgumentError(`expected a non-negative number, got "${value}"`);
  }
  return n;
}

/** Parses a calendar date `YYYY-MM-DD`. */
export function calendarDate(value: string): string {
  const v = value.trim();
  if (!/^\d{4}-\d{2}(?:-\d{2})?$/.test(v) || !isCalendarDate(v)) {
    throw new InvalidArgumentError(`expected a date YYYY-MM-DD or a month YYYY-MM, got "${value}"`);
  }
  return v;
}

/** A parser that accepts one of a fixed set of words (case-insensitive). */
export function oneOf<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value) => {
    const v = value.toLowerCase() as T;
    if (choices.includes(v)) return v;
    throw new InvalidArgumentError(`expected one of ${choices.join(", ")}, got "${value}"`);
  };
}

/** A parser for a repeatable option that also accepts comma-separated values. */
export function collect<T = string>(
  parse: (value: string) => T = (v) => v as T,
): (value: string, previous: T[] | undefined) => T[] {
  return (value, previous) => [
    ...(previous ?? []),
    ...value.split(",").map((v) => v.trim()).filter(Boolean).map(parse),
  ];
}

/** Splits at the commas outside `{…}`, so a glob's alternatives (`{a,b}.json`) stay whole. */
function splitGlobs(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    if (value[i] === "{") depth++;
    else if (value[i] === "}" && depth > 0) depth--;
    else if (value[i] === "," && depth === 0) {
      out.push(value.slice(from, i));
      from = i + 1;
    }
  }
  return [...out, value.slice(from)].map((v) => v.trim()).filter(Boolean);
}

/**
 * A parser for a repeatable glob option that also accepts comma-separated globs (`{a,b}` stays one glob). An
 * empty value (an unset shell variable) is refused: taken as no selection, it would select every file.
 */
export function collectGlobs(): (value: string, previous: string[] | undefined) => string[] {
  return (value, previous) => {
    const globs = splitGlobs(value);
    if (!globs.length) throw new InvalidArgumentError(`expected a glob, got "${value}"`);
    return [...(previous ?? []), ...globs];
  };
}

/** What {@link invalidOptionValue} uses of a commander command. */
export interface OptionOwner {
  /** The command's options. */
  readonly options: readonly { long?: string | undefined; flags: string }[];
  /** Reports an error and stops (commander's `Command.error`). */
  error(message: string, details: { code: string; exitCode: number }): never;
}

/**
 * Fails on an option value that is checked when the command runs rather than while parsing (its check lives in a
 * module loaded only then), with the message and exit code of a parser's InvalidArgumentError.
 */
export function invalidOptionValue(cmd: OptionOwner, long: string, value: string, reason: string): never {
  const flags = cmd.options.find((o) => o.long === long)?.flags ?? long;
  return cmd.error(`error: option '${flags}' argument '${value}' is invalid. ${reason}`, {
    code: "commander.invalidArgument",
    exitCode: 1,
  });
}
