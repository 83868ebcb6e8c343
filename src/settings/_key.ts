/**
 * How one setting is declared: where it may come from (flag, environment variables, config path), its default,
 * and the schema its value must pass.
 *
 * @module
 */
import type { z } from "zod";

/** One setting of a section: its origins in precedence order and its schema. */
export interface SettingKey<T> {
  /** The flag as the user types it (`--port`), when the setting has one; its value arrives already parsed. */
  readonly flag?: string;
  /** Environment variables read in order; the first that is set wins. */
  readonly env?: readonly string[];
  /** The dotted path of the setting in the config file (`server.port`). */
  readonly config?: string;
  /** The value when no origin gives one. */
  readonly default?: T;
  /** Turns environment text into the value the schema checks (numbers, lists, durations). */
  readonly text?: (raw: string) => unknown;
  /** The schema every value passes, whatever its origin. */
  readonly schema: z.ZodType<T>;
  /** One line for help and docs. */
  readonly doc: string;
}

/** A section: named settings, each declared once. */
export type SectionSpec = Record<string, SettingKey<unknown>>;

/** The resolved values of a section: a setting with a default is always present. */
export type Resolved<S extends SectionSpec> = {
  [K in keyof S]: S[K] extends SettingKey<infer T> ? (S[K] extends { default: T } ? T : T | undefined)
    : never;
};

/** Declares a setting, keeping its exact shape (so a setting with a default resolves to a value, never undefined). */
export function setting<T, K extends SettingKey<T>>(key: K & SettingKey<T>): K {
  return key;
}
