/**
 * Atomic file writes: a temporary file in the same directory, flushed, then renamed over the target.
 *
 * @module
 */
import { mkdir, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Options of {@link atomicWrite}. */
export interface AtomicWriteOptions {
  /** File mode of a new file. @default 0o644 */
  mode?: number;
}

/**
 * Writes `data` to `path` so that a crash leaves either the old file or the new one, never a torn one.
 *
 * @example
 * ```ts
 * await atomicWrite("catalog/catalog.json", JSON.stringify(data, null, 2) + "\n");
 * ```
 */
export async function atomicWrite(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${crypto.randomUUID().slice(0, 8)}.tmp`);
  const file = await open(tmp, "wx", options.mode ?? 0o644);
  try {
    await file.writeFile(data);
    await file.sync();
  } catch (error) {
    await file.close();
    await rm(tmp, { force: true });
    throw error;
  }
  await file.close();
  try {
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
