/**
 * Generations: a set of files written as one unit. Each commit writes its files into a new directory
 * `generations/<id>/`, flushes them, then replaces the one-line pointer file `current` by a rename. A reader that
 * follows the pointer sees every file of one generation or, before the swap, every file of the previous one; a
 * crash at any moment leaves one whole generation current. The next commit removes what a killed writer left.
 *
 * @module
 */
import { type FileHandle, mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { atomicWrite } from "./_atomic_write.ts";

/** The pointer file naming the current generation. */
export const CURRENT_FILE = "current";
/** The directory holding the generations. */
export const GENERATIONS_DIR = "generations";

const ID = /^[0-9A-Za-z][0-9A-Za-z_-]{0,80}$/;
/** Temporary files of {@link atomicWrite} (`.<name>.<8 hex>.tmp`). */
const TEMP_FILE = /^\..+\.[0-9a-f]{8}\.tmp$/;

/** The directory of generation `id` inside `dir`. */
export function generationDir(dir: string, id: string): string {
  return join(dir, GENERATIONS_DIR, id);
}

/** A new generation id: sortable by time, unique by a random suffix. */
export function newGenerationId(now: Date = new Date()): string {
  return `${now.toISOString().replace(/[-:.]/g, "")}-${crypto.randomUUID().slice(0, 8)}`;
}

/**
 * Reads the pointer: the current generation's id, or `undefined` when the directory has none.
 *
 * @throws {Error} when the pointer file holds something that is not a generation id.
 */
export async function readCurrent(dir: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, CURRENT_FILE), "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw error;
  }
  const id = text.trim();
  if (!ID.test(id)) throw new Error(`${join(dir, CURRENT_FILE)} does not name a generation: "${id}"`);
  return id;
}

/** Flushes a directory's entries to disk where the platform allows it (not on Windows). */
async function syncDir(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, "r");
    await handle.sync();
  } catch {
    // Directories cannot be opened or flushed on every platform; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}

/** The content of a file: text, bytes, or text in pieces written one after the other. */
export type FileContent = string | Uint8Array | Iterable<string>;

async function writeFlushed(path: string, data: FileContent): Promise<void> {
  const file = await open(path, "wx", 0o644);
  try {
    if (typeof data === "string" || data instanceof Uint8Array) await file.writeFile(data);
    else await writePieces(file, data);
    await file.sync();
  } finally {
    await file.close();
  }
}

async function writeAll(file: FileHandle, bytes: Uint8Array, length = bytes.length): Promise<void> {
  for (let done = 0; done < length;) done += (await file.write(bytes, done, length - done)).bytesWritten;
}

/** Writes text pieces through one buffer of 1 MB, so a large document is never whole in memory. */
async function writePieces(file: FileHandle, pieces: Iterable<string>): Promise<void> {
  const encoder = new TextEncoder();
  const buffer = new Uint8Array(1 << 20);
  let used = 0;
  for (const piece of pieces) {
    // A UTF-8 byte count is at most three per UTF-16 unit.
    if (used + piece.length * 3 > buffer.length) {
      await writeAll(file, buffer, used);
      used = 0;
      if (piece.length * 3 > buffer.length) {
        await writeAll(file, encoder.encode(piece));
        continue;
      }
    }
    used += encoder.encodeInto(piece, buffer.subarray(used)).written;
  }
  await writeAll(file, buffer, used);
}

/** Options of {@link commitGeneration}. */
export interface CommitOptions {
  /** The new generation's id. @default {@link newGenerationId} */
  id?: string;
  /** Files at the top of `dir` that older layouts wrote, removed once the new generation is current. */
  legacy?: readonly string[];
}

/**
 * Writes `files` (name → content) as a new generation of `dir` and makes it current with one atomic rename, then
 * removes older generations (keeping the one it replaced, which readers may still be reading) and the temporary
 * files of killed writers. Call it under the directory's update lock.
 *
 * @example
 * ```ts
 * const { id } = await commitGeneration(dir, { "catalog.json": text, "provenance.json": prov });
 * ```
 */
export async function commitGeneration(
  dir: string,
  files: Readonly<Record<string, FileContent>>,
  options: CommitOptions = {},
): Promise<{ id: string; path: string }> {
  const id = options.id ?? newGenerationId();
  const generations = join(dir, GENERATIONS_DIR);
  await mkdir(generations, { recursive: true });
  const previous = await readCurrent(dir).catch(() => undefined);
  const staging = join(generations, `.${id}.tmp`);
  await mkdir(staging);
  for (const [name, data] of Object.entries(files)) await writeFlushed(join(staging, name), data);
  await syncDir(staging);
  const path = join(generations, id);
  await rename(staging, path);
  await syncDir(generations);
  await atomicWrite(join(dir, CURRENT_FILE), `${id}\n`);
  await syncDir(dir);
  await removeLeftovers(dir, [id, ...(previous ? [previous] : [])], options.legacy ?? []);
  return { id, path };
}

/**
 * Removes everything but the generations in `keep`: older generations, half-written ones of killed writers, the
 * temporary files of interrupted atomic writes, and the `legacy` top-level files.
 */
export async function removeLeftovers(
  dir: string,
  keep: readonly string[],
  legacy: readonly string[] = [],
): Promise<string[]> {
  const removed: string[] = [];
  const drop = async (path: string) => {
    await rm(path, { recursive: true, force: true });
    removed.push(path);
  };
  const generations = join(dir, GENERATIONS_DIR);
  for (const name of await readdir(generations).catch(() => [] as string[])) {
    if (!keep.includes(name)) await drop(join(generations, name));
  }
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (TEMP_FILE.test(name) || legacy.includes(name)) await drop(join(dir, name));
  }
  return removed;
}
