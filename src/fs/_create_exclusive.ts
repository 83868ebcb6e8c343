/**
 * Exclusive creation of a file that is never seen empty: its content is written aside, then linked into place.
 *
 * @module
 */
import { link, rm, writeFile } from "node:fs/promises";

/**
 * Creates `path` holding `text` unless it exists. A file opened exclusively and then written can be read empty in
 * between, and a reader may take an empty lock or claim for a dead one; a link of a finished file cannot.
 *
 * @returns `false` when `path` already exists.
 * @throws the file system's error for anything else (permissions, missing directory, full disk).
 * @example
 * ```ts
 * if (await createExclusive("/tmp/x.lock", JSON.stringify({ pid: 1 }))) console.log("mine");
 * ```
 */
export async function createExclusive(path: string, text: string): Promise<boolean> {
  const aside = `${path}.${crypto.randomUUID().slice(0, 8)}.new`;
  try {
    await writeFile(aside, text);
    await link(aside, path);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "EEXIST") return false;
    throw error;
  } finally {
    await rm(aside, { force: true }).catch(() => {});
  }
}
