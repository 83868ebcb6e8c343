/**
 * The model and version a `weights` command names: `group/model version`, or `group/model:version` as Ollama and
 * Docker users write it; commands that need a version take `latest` when none is named.
 *
 * @module
 */
import { StarmapError } from "../../errors.ts";
import { redactUrl } from "../../http/mod.ts";

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

/** Where a pull went, as the flags that name it (those given on the command line). */
export interface PullPlace {
  /** `--registry`. */
  registry?: string | undefined;
  /** `--models-dir`. */
  modelsDir?: string | undefined;
}

/** A word as a POSIX shell reads it back (quoted when it holds anything but plain path and URL characters). */
function shellWord(word: string): string {
  return /^[\w@%+=:,./~-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * The command that continues a pull: `starmap weights pull <ref> <version>` with the `--registry` and
 * `--models-dir` it was given (without them it would start over in the default models directory); a registry
 * URL's credentials are left out, as from every message.
 */
export function pullCommand(ref: string, version: string, place: PullPlace): string {
  const words = ["starmap", "weights", "pull", ref, version];
  if (place.registry !== undefined) {
    const shown = /^https?:/i.test(place.registry) ? redactUrl(place.registry) : place.registry;
    words.push("--registry", shellWord(shown));
  }
  if (place.modelsDir !== undefined) words.push("--models-dir", shellWord(place.modelsDir));
  return words.join(" ");
}
