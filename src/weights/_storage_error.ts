/**
 * Turning file-system failures into storage errors that say what failed, on what, with the system's code as a
 * field (the faces word their own advice from it).
 *
 * @module
 */
import { isStarmapError } from "../errors.ts";
import { LockTimeoutError } from "../runtime/mod.ts";
import { WeightsStorageError } from "./_errors.ts";

/** Wraps a file-system error (or a lock timeout) as a {@link WeightsStorageError}; StarmapErrors pass through. */
export function storageError(error: unknown, action: string, path: string): Error {
  if (isStarmapError(error)) return error;
  if (error instanceof LockTimeoutError) {
    return new WeightsStorageError(`cannot ${action}: ${error.message}`, {
      action,
      path: error.path,
      code: "LOCK_TIMEOUT",
      ...(error.owner ? { holder: error.owner } : {}),
    }, { cause: error });
  }
  if (error instanceof Error && (error.name === "AbortError" || error.name === "NotCapable")) return error;
  const code = (error as { code?: string }).code ?? "EIO";
  const text = (error as Error)?.message ?? String(error);
  return new WeightsStorageError(`cannot ${action} ${path}: ${text}`, { action, path, code }, {
    cause: error,
  });
}

/** Runs `fn`, turning its file-system errors into storage errors. */
export async function storage<T>(action: string, path: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw storageError(error, action, path);
  }
}
