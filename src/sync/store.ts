/**
 * The user's catalog directory as the sync pipeline uses it: the baseline and its provenance in, the new catalog
 * and provenance out (atomic writes), and the lock that serialises concurrent updates.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { CATALOG_FILE, loadCatalog, type LoadedCatalog } from "../catalog/store.ts";
import { StarmapError } from "../errors.ts";
import { atomicWrite } from "../fs/atomic_write.ts";
import { PROVENANCE_FILE } from "../reconcile/provenance.ts";
import { readProvenance, serializeProvenance } from "../reconcile/provenance_file.ts";
import { acquireFileLock, type FileLock, LockTimeoutError } from "../runtime/file_lock.ts";
import type { CatalogData } from "../catalog/types.gen.ts";
import type { Provenance } from "../reconcile/types.gen.ts";

/** The lock file of updates in a catalog directory. */
export const UPDATE_LOCK_FILE = ".update.lock";

/** The baseline of a sync: the current catalog and the provenance saved beside it. */
export interface Baseline extends LoadedCatalog {
  /** The saved provenance, when present and valid. */
  provenance: Provenance | undefined;
  /** Why a provenance file was ignored. */
  notes: string[];
}

/** Reads the provenance beside a catalog, `undefined` when absent; an invalid file is noted and ignored. */
export async function loadProvenance(dir: string, notes: string[] = []): Promise<Provenance | undefined> {
  const file = join(dir, PROVENANCE_FILE);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    // starmap writes this file itself: a shape check is enough here (`starmap validate` runs the full schema),
    // and it keeps a no-change update fast on a large catalog.
    const provenance = readProvenance(JSON.parse(text));
    if (provenance) return provenance;
    notes.push(`${file} ignored: not a provenance document`);
  } catch (error) {
    notes.push(`${file} ignored: ${(error as Error).message}`);
  }
  return undefined;
}

/** Loads the baseline: the user's catalog (else the embedded one) and its provenance. */
export async function loadBaseline(dir: string | undefined): Promise<Baseline> {
  const loaded = await loadCatalog({ dir });
  const notes: string[] = loaded.migrated ? [loaded.migrated] : [];
  const provenance = dir && loaded.origin !== "embedded" ? await loadProvenance(dir, notes) : undefined;
  return { ...loaded, provenance, notes };
}

/** Serialises catalog data the way starmap writes it: pretty, stable, newline-terminated. */
export function serializeCatalog(data: CatalogData): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/**
 * Saves a catalog and its provenance atomically (each file is replaced whole: a crash leaves the old file or
 * the new one). The catalog goes first: it is the document that matters.
 *
 * @throws {StarmapError} `storage` when a file cannot be written.
 */
export async function saveCatalog(dir: string, data: CatalogData, provenance: Provenance): Promise<string> {
  const file = join(dir, CATALOG_FILE);
  try {
    await atomicWrite(file, serializeCatalog(data));
    await atomicWrite(join(dir, PROVENANCE_FILE), serializeProvenance(provenance));
  } catch (error) {
    throw new StarmapError("storage", `cannot save the catalog to ${dir}: ${(error as Error).message}`, {
      cause: error,
      hint: "check that the catalog directory is writable (--catalog-dir or STARMAP_CATALOG_DIR)",
    });
  }
  return file;
}

/**
 * Takes the update lock of a catalog directory, so that concurrent updates run one after the other.
 *
 * @throws {StarmapError} `storage` when the lock is not free in time.
 */
export async function lockCatalogDir(
  dir: string,
  options: { timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<FileLock> {
  const path = join(dir, UPDATE_LOCK_FILE);
  try {
    return await acquireFileLock(path, {
      timeoutMs: options.timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof LockTimeoutError) {
      throw new StarmapError("storage", `another update holds ${path}: ${error.message}`, {
        cause: error,
        hint: "wait for the other starmap update to finish, or remove the lock file if none is running",
      });
    }
    throw new StarmapError("storage", `cannot lock ${path}: ${(error as Error).message}`, { cause: error });
  }
}
