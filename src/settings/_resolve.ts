/**
 * The one settings resolver: flags > environment > config file > defaults, per section, every value checked by its
 * setting's schema and reported with where it came from.
 *
 * @module
 */
import { StarmapError } from "../errors.ts";
import { hideCredentials } from "../words/mod.ts";
import type { Resolved, SectionSpec, SettingKey } from "./_key.ts";

/** Where the resolver reads from. Every part is optional; a face passes what it has. */
export interface SettingsInput {
  /** Values the face parsed from its flags, keyed by setting name; `undefined` means not given. */
  readonly flags?: Readonly<Record<string, unknown>> | undefined;
  /** Reads an environment variable (`undefined` when unset). */
  readonly env?: ((name: string) => string | undefined) | undefined;
  /** Whether a variable may be read; a variable that may not is noted, never mistaken for unset. */
  readonly envReadable?: ((name: string) => boolean) | undefined;
  /** The parsed config file. */
  readonly config?: unknown;
}

/** Where a resolved value came from: `--port`, `env PORT`, `config server.port` or `default`. */
export type SettingOrigin = string;

/** A resolved section: its values, each value's origin, and notes (variables that could not be read). */
export interface SectionSettings<S extends SectionSpec> {
  /** The values, typed by the section's declaration. */
  readonly values: Resolved<S>;
  /** The origin of every value that has one. */
  readonly origins: Readonly<Partial<Record<keyof S, SettingOrigin>>>;
  /** Things a `-v` run or a status command may show. */
  readonly notes: readonly string[];
}

function configValue(config: unknown, path: string): unknown {
  let value: unknown = config;
  for (const part of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function check<T>(key: SettingKey<T>, name: string, origin: string, raw: unknown, text?: unknown): T {
  const parsed = key.schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const why = parsed.error.issues[0]?.message ?? "invalid value";
  // The user typed text: show it, not what a parser made of it.
  const given = text ?? raw;
  const shown = typeof given === "string" ? `"${hideCredentials(given)}"` : JSON.stringify(given);
  throw new StarmapError("invalid", `${origin}: ${why}, got ${shown}`, { setting: key.config ?? name });
}

function fromEnv<T>(
  key: SettingKey<T>,
  name: string,
  input: SettingsInput,
  notes: string[],
): { value: T; origin: string } | undefined {
  for (const variable of key.env ?? []) {
    if (input.envReadable && !input.envReadable(variable)) {
      notes.push(`${variable} not read: permission to read it is not granted (--allow-env=${variable})`);
      continue;
    }
    const text = input.env?.(variable);
    if (text === undefined || text === "") continue;
    const origin = `env ${variable}`;
    return { value: check(key, name, origin, key.text ? key.text(text) : text, text), origin };
  }
  return undefined;
}

function resolveKey<T>(
  key: SettingKey<T>,
  name: string,
  input: SettingsInput,
  notes: string[],
): { value: T | undefined; origin: string | undefined } {
  const flag = input.flags?.[name];
  if (flag !== undefined) {
    const origin = key.flag ?? `--${name}`;
    return { value: check(key, name, origin, flag), origin };
  }
  const env = fromEnv(key, name, input, notes);
  if (env) return env;
  if (key.config) {
    const raw = configValue(input.config, key.config);
    if (raw !== undefined) {
      const origin = `config ${key.config}`;
      // The config file may spell a duration or a list as text, as the environment does.
      const value = typeof raw === "string" && key.text ? key.text(raw) : raw;
      return { value: check(key, name, origin, value, raw), origin };
    }
  }
  return key.default === undefined
    ? { value: undefined, origin: undefined }
    : { value: key.default, origin: "default" };
}

/**
 * Resolves every setting of a section from flags, then environment variables in their declared order, then the
 * config file, then the default.
 *
 * @example
 * ```ts
 * const server = resolveSection(SERVER_SETTINGS, { flags: { port: 9000 }, env: (n) => Deno.env.get(n) });
 * server.values.port; // 9000
 * server.origins.host; // "default"
 * ```
 * @throws {StarmapError} `invalid` naming the origin (`PORT: expected a port number, got "x"`) and the setting.
 */
export function resolveSection<S extends SectionSpec>(spec: S, input: SettingsInput): SectionSettings<S> {
  const values: Record<string, unknown> = {};
  const origins: Record<string, string> = {};
  const notes: string[] = [];
  for (const [name, key] of Object.entries(spec)) {
    const { value, origin } = resolveKey(key, name, input, notes);
    if (value !== undefined) values[name] = value;
    if (origin !== undefined) origins[name] = origin;
  }
  return { values: values as Resolved<S>, origins: origins as Partial<Record<keyof S, string>>, notes };
}
