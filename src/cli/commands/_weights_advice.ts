/**
 * The CLI's advice on weights errors: the library reports what failed with structured fields; this adds what a
 * CLI user can do about it (which flag, which variable, which command).
 *
 * @module
 */
import { isStarmapError, StarmapError } from "../../errors.ts";
import { MissingSettingError, PullInterruptedError, WeightsStorageError } from "../../weights/mod.ts";
import { PublishedVersionError } from "../../weights/mod.ts";
import { WEIGHTS_SETTINGS } from "../../settings/mod.ts";
import { settingAdvice } from "../_advice.ts";
import { formatBytes } from "./_weights_progress.ts";
import { counted } from "../../words/mod.ts";
import { pullCommand, type PullPlace } from "./_weights_ref.ts";

/** The models directory's setting as the CLI spells it: `--models-dir (STARMAP_MODELS_DIR)`. */
function modelsDir(): string {
  const key = WEIGHTS_SETTINGS.dataDir;
  return `${key.flag} (${key.env.join(", ")})`;
}

function storageAdvice(code: string): string | undefined {
  switch (code) {
    case "ENOSPC":
      // An interrupted pull gets its own advice (to resume); this failure interrupted nothing to resume.
      return "free some disk space, then run the same command again; `starmap weights prune` clears leftovers";
    case "EACCES":
    case "EPERM":
      return `check the permissions of the models directory, or pass ${modelsDir()}`;
    case "EROFS":
      return `the file system is read-only: installed models can be used, but pulls, removals and prune need ${WEIGHTS_SETTINGS.dataDir.flag} on a writable one`;
    case "ENOTDIR":
      return `a part of the path is a file, not a directory: pass ${modelsDir()} with a directory`;
  }
  return undefined;
}

function storageHint(e: WeightsStorageError): string | undefined {
  if (e.code === "NO_SPACE" && e.needed !== undefined && e.available !== undefined) {
    return `${formatBytes(e.needed)} needed, ${formatBytes(e.available)} free: free ${
      formatBytes(e.needed - e.available)
    } or pass ${WEIGHTS_SETTINGS.dataDir.flag} on a larger disk`;
  }
  if (e.code === "LOCK_TIMEOUT") {
    return `another starmap process${e.holder ? ` (${e.holder})` : ""} is using the models directory; ` +
      "wait for it, or pass a longer --timeout";
  }
  return storageAdvice(e.code) ?? `check the models directory (${modelsDir()}) and its free space`;
}

function settingHint(e: MissingSettingError): string {
  if (e.setting === "weights.dataDir" && e.reason?.includes("not granted")) {
    return `pass ${WEIGHTS_SETTINGS.dataDir.flag} <dir> and grant --allow-read and --allow-write for it (or grant --allow-env)`;
  }
  return settingAdvice(e.setting);
}

/** `1 verified chunk is kept`, `3 verified chunks are kept`. */
function kept(chunks: number): string {
  return `${counted(chunks, "verified chunk")} ${chunks === 1 ? "is" : "are"} kept`;
}

function hintFor(error: StarmapError, command: string[], place: PullPlace): string | undefined {
  const cause = error instanceof PullInterruptedError ? error.cause : error;
  const parts: string[] = [];
  if (
    error instanceof PullInterruptedError && cause instanceof WeightsStorageError && cause.code === "ENOSPC"
  ) {
    // One piece of advice: resuming keeps the verified chunks, pruning removes them.
    return `free some disk space, then run \`${
      pullCommand(error.ref, error.version, place)
    }\` again to resume ` +
      `(${kept(error.verifiedChunks)}), or \`starmap weights prune\` to remove them`;
  }
  if (cause instanceof WeightsStorageError) parts.push(storageHint(cause) ?? "");
  else if (cause instanceof PublishedVersionError) {
    parts.push("publish a new version, or pass --force to replace it");
  } else if (cause instanceof MissingSettingError) parts.push(settingHint(cause));
  else if (isStarmapError(cause, "network") && /HTTP 40[13]/.test(cause.message)) {
    parts.push(`the registry refused the credentials: ${settingAdvice("weights.token")}`);
  } else if (isStarmapError(cause, "verification")) {
    // A name the user typed carries its own hint; every other verification failure comes from the registry.
    parts.push(cause.hint ?? "the registry is corrupt or hostile; nothing was installed");
  } else if (error.hint) parts.push(error.hint);
  else if (isStarmapError(cause, "not_found") && cause.suggestions.length) {
    parts.push(`did you mean ${cause.suggestions.slice(0, 3).join(", ")}?`);
  } else if (isStarmapError(cause, "not_found")) {
    parts.push("list the registry with `starmap weights list --remote`");
  } else if (isStarmapError(cause, "not_installed") && command.length >= 2) {
    parts.push(`pull it with \`starmap weights pull ${command.join(" ")}\``);
  }
  if (error instanceof PullInterruptedError) {
    parts.push(
      `run \`${pullCommand(error.ref, error.version, place)}\` again to resume (${
        kept(error.verifiedChunks)
      })`,
    );
  }
  const text = parts.filter(Boolean).join("; ");
  return text || undefined;
}

/**
 * The error with the CLI's advice as its hint (kind, message and cause kept); `place` holds the flags a command
 * to resume a pull repeats.
 */
export function advise(error: unknown, command: string[] = [], place: PullPlace = {}): unknown {
  if (!isStarmapError(error)) return error;
  const hint = hintFor(error, command, place);
  if (hint === error.hint) return error;
  return new StarmapError(error.kind, error.message, {
    cause: error,
    suggestions: error.suggestions,
    ...(hint ? { hint } : {}),
  });
}
