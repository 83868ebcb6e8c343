/**
 * Turning file-system failures into `storage` errors that say what failed, on what, and what to do.
 *
 * @module
 */
import { isStarmapError, StarmapError } from "../errors.ts";
import { LockTimeoutError } from "../runtime/file_lock.ts";

const advice: Record<string, string> = {
  ENOSPC: "free some disk space, then re-run the same command to resume",
  EACCES: "check the permissions of the models directory (or set STARMAP_MODELS_DIR)",
  EPERM: "check the permissions of the models directory (or set STARMAP_MODELS_DIR)",
  EROFS: "the file system is read-only: set STARMAP_MODELS_DIR to a writable directory",
  ENOTDIR: "a part of the path is a file, not a directory: set STARMAP_MODELS_DIR to a directory",
};

/** Wraps a file-system error (or a lock timeout) as a `storage` StarmapError; StarmapErrors pass through. */
export function storageError(error: unknown, action: string, path: string): Error {
  if (isStarmapError(error)) return error;
  if (error instanceof LockTimeoutError) {
    return new StarmapError("storage", `cannot ${action}: ${error.message}`, {
      cause: error,
      hint: "another starmap process is using the models directory; wait for it or remove a stale lock file",
    });
  }
  const code = (error as { code?: string }).code ?? "";
  if (error instanceof Error && (error.name === "AbortError" || error.name === "NotCapable")) return error;
  return new StarmapError(
    "storage",
    `cannot ${action} ${path}: ${(error as Error).message ?? String(error)}`,
    {
      cause: error,
      hint: advice[code] ?? "check the models directory (STARMAP_MODELS_DIR) and free disk space",
    },
  );
}

/** Runs `fn`, turning its file-system errors into `storage` errors. */
export async function storage<T>(action: string, path: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw storageError(error, action, path);
  }
}
