/**
 * The model and version a `weights` command names: `group/model version`, or `group/model:version` as Ollama and
 * Docker users write it; commands that need a version take `latest` when none is named.
 *
 * @module
 */
import { StarmapError } from "../../errors.ts";

/** A model reference and the version it names, if any. */
export interface ModelAndVersion {
  /** `group/model`. */
  ref: string;
  /** The version, or `undefined` when none was named and there is no fallback. */
  version: string | undefined;
}

/**
 * Splits `group/model:version`, or takes the version argument; `fallback` when neither names one.
 *
 * @throws {StarmapError} `invalid` when both name a version, or nothing follows the colon.
 */
export function modelAndVersion(
  model: string,
  version: string | undefined,
  fallback?: string,
): ModelAndVersion {
  const colon = model.lastIndexOf(":");
  if (colon < 0) return { ref: model, version: version ?? fallback };
  const [ref, tagged] = [model.slice(0, colon), model.slice(colon + 1)];
  if (version !== undefined) {
    throw new StarmapError("invalid", `${model} names its version already, and ${version} names another`, {
      hint: `write ${ref} ${tagged} or ${ref}:${tagged}`,
    });
  }
  if (tagged === "") {
    // A script's `acme/tiny:$VERSION` with the variable unset: never `latest`, nor every version for `remove`.
    throw new StarmapError("invalid", `${model} names no version after the colon`, {
      hint: `write ${ref}:<version>, or ${ref} alone`,
    });
  }
  return { ref, version: tagged };
}

/** The model and version a command that needs a version names (`latest` when none). */
export function namedVersion(model: string, version: string | undefined): { ref: string; version: string } {
  const named = modelAndVersion(model, version, "latest");
  return { ref: named.ref, version: named.version ?? "latest" };
}

/** What advice about a failed command repeats of it: the model and version, never failing itself. */
export function adviceArgs(model: string | undefined, version: string | undefined): string[] {
  if (model === undefined) return [];
  try {
    return Object.values(namedVersion(model, version));
  } catch {
    return [model, ...(version === undefined ? [] : [version])];
  }
}
