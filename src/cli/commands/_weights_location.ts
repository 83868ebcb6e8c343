/**
 * Where a weights directory given as text lies, as the user means it: `~/` is the home directory, a bare name
 * such as `reg` (what `weights pack --out reg` wrote) is a directory like `./reg`, and a relative path written in
 * the config file is taken from the config file's directory, so a command reads the same registry and models
 * directory from any working directory. URLs pass unchanged.
 *
 * @module
 */
import { dirname, isAbsolute, join, resolve } from "node:path";
import { isLocalPath } from "../../words/mod.ts";
import type { Config } from "../../config/mod.ts";

/** A value that starts with a URL scheme (`https:`, `file:`); a drive letter is a path, tested first. */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/**
 * A registry location or models directory with `~/` expanded and a relative path resolved from `base` (from the
 * working directory when `base` is undefined); a URL is returned unchanged.
 */
export function weightsLocation(
  value: string | undefined,
  base: string | undefined,
  home: string | undefined,
): string | undefined {
  if (!value || (!isLocalPath(value) && SCHEME.test(value))) return value;
  if (/^~[\\/]/.test(value)) return home ? join(home, value.slice(2)) : value;
  if (isAbsolute(value) || /^[A-Za-z]:[\\/]/.test(value)) return value;
  return resolve(base ?? ".", value);
}

/** The config with its `weights.registry` and `weights.dataDir` resolved from the config file's directory. */
export function weightsConfig(config: Config, file: string | undefined, home: string | undefined): Config {
  const weights = config.weights;
  if (!weights) return config;
  const base = file === undefined ? undefined : dirname(resolve(file));
  const registry = weightsLocation(weights.registry, base, home);
  const dataDir = weightsLocation(weights.dataDir, base, home);
  return { ...config, weights: { ...weights, registry, dataDir } };
}
