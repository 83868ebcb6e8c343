/**
 * The user's catalog directory as the sync pipeline uses it: the baseline and its provenance in, the new catalog
 * and provenance out as one generation (one atomic pointer swap), and the lock that serialises concurrent updates.
 *
 * @module
 */
import { join } from "node:path";
import {
  CATALOG_DIGEST_FILE,
  CATALOG_FILE,
  loadCatalog,
  type LoadCatalogOptions,
  type LoadedCatalog,
  readCurrentFile,
} from "../catalog/mod.ts";
import { StarmapError } from "../errors.ts";
import { commitGeneration, generationDir } from "../fs/mod.ts";
import { loadEmbeddedProvenance, PROVENANCE_FILE } from "../reconcile/mod.ts";
import { parseProvenanceText, provenanceChunks } from "../reconcile/mod.ts";
import { repairProvenance, upgradeCatalog } from "../reconcile/mod.ts";
import { acquireFileLock, type FileLock, LockTimeoutError } from "../runtime/mod.ts";
import type { CatalogData } from "../catalog/types.gen.ts";
import type { Provenance } from "../reconcile/types.gen.ts";
import { readFile } from "node:fs/promises";
import { createHash, type Hash } from "node:crypto";

/** The lock file of updates in a catalog directory. */
export const UPDATE_LOCK_FILE = ".update.lock";

/** The baseline of a sync: the current catalog and the provenance saved beside it. */
export interface Baseline extends LoadedCatalog {
  /** The saved provenance, when present, valid and of the same update as the catalog. */
  provenance: Provenance | undefined;
  /** Why a provenance file was ignored. */
  notes: string[];
}

function parseProvenance(text: string, file: string, notes: string[]): Provenance | undefined {
  try {
    // starmap writes this file itself: a shape check is enough here (`starmap validate` runs the full schema),
    // and it keeps a no-change update fast on a large catalog.
    const provenance = parseProvenanceText(text);
    if (provenance) return provenance;
    notes.push(`${file} ignored: not a provenance document`);
  } catch (error) {
    notes.push(`${file} ignored: ${(error as Error).message}`);
  }
  return undefined;
}

/**
 * Reads the provenance of a catalog directory, `undefined` when absent; an invalid file is noted and ignored.
 * With `generation`, the provenance of that generation (the one a catalog was loaded from), else the current one.
 */
export async function loadProvenance(
  dir: string,
  notes: string[] = [],
  generation?: string,
): Promise<Provenance | undefined> {
  if (generation) {
    const file = join(generationDir(dir, generation), PROVENANCE_FILE);
    const text = await readFile(file, "utf8").catch(() => undefined);
    return text === undefined ? undefined : parseProvenance(text, file, notes);
  }
  const { text, file } = await readCurrentFile(dir, PROVENANCE_FILE);
  return text === undefined ? undefined : parseProvenance(text, file, notes);
}

/**
 * Why a provenance document does not describe a catalog, or `undefined` when it does. Every update stamps both
 * with the same time, so a pair of different stamps was torn apart: an older starmap renamed the two files one
 * after the other and was stopped in between.
 */
export function mismatch(data: CatalogData, provenance: Provenance): string | undefined {
  if (provenance.updatedAt === data.updatedAt) return undefined;
  return `${PROVENANCE_FILE} (updatedAt ${provenance.updatedAt}) is not of the same update as ${CATALOG_FILE} ` +
    `(updatedAt ${data.updatedAt}): an update was interrupted between the two files`;
}

/** How a torn pair is repaired, as `update` and `validate` say it. */
export function repairNote(reason: string): string {
  return `${reason}; the provenance is repaired: what no longer describes the catalog is marked as of unknown ` +
    "origin, which a source listing a provider's models completely overrules (the next update saves it; " +
    "a full update from every source records again where every value came from)";
}

/**
 * The provenance of a catalog: as saved when it describes the catalog, else repaired (see
 * `provenance_repair.ts`), with a note saying so.
 */
export function pairedProvenance(
  data: CatalogData,
  provenance: Provenance | undefined,
  notes: string[],
): Provenance | undefined {
  if (!provenance) return undefined;
  const reason = mismatch(data, provenance);
  if (!reason) return provenance;
  notes.push(repairNote(reason));
  return repairProvenance(data, provenance);
}

/**
 * Loads the catalog as `loadCatalog` does, and reads a catalog document of an older version through its migration
 * (`migrated` says what changed).
 */
export function openCatalog(options: Omit<LoadCatalogOptions, "upgrade"> = {}): Promise<LoadedCatalog> {
  return loadCatalog({ ...options, upgrade: upgradeCatalog });
}

/** Loads the baseline: the user's catalog (else the embedded one) and its provenance. */
export async function loadBaseline(dir: string | undefined): Promise<Baseline> {
  const loaded = await openCatalog({ dir });
  const notes: string[] = loaded.migrated ? [loaded.migrated] : [];
  if (!dir || loaded.origin === "embedded") {
    return { ...loaded, provenance: await loadEmbeddedProvenance(loaded.catalog.data), notes };
  }
  const saved = await loadProvenance(dir, notes, loaded.generation);
  return { ...loaded, provenance: pairedProvenance(loaded.catalog.data, saved, notes), notes };
}

/** Serialises catalog data the way starmap writes it: pretty, stable, newline-terminated. */
export function serializeCatalog(data: CatalogData): string {
  return [...catalogChunks(data)].join("");
}

/**
 * The text of {@link serializeCatalog} in pieces, one per list item (each exactly as `JSON.stringify(data, null,
 * 2)` indents it), so that a writer that streams them never holds the whole document in memory at once.
 */
export function* catalogChunks(data: CatalogData): Generator<string> {
  const record = data as unknown as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => record[k] !== undefined);
  yield "{";
  for (const [n, key] of keys.entries()) {
    const value = record[key];
    const comma = n < keys.length - 1 ? "," : "";
    if (!Array.isArray(value) || value.length === 0) {
      yield `\n  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replaceAll("\n", "\n  ")}${comma}`;
      continue;
    }
    yield `\n  ${JSON.stringify(key)}: [`;
    for (const [i, item] of value.entries()) {
      // JSON escapes newlines inside strings: every newline of the text is one of the layout.
      const text = JSON.stringify(item, null, 2).replaceAll("\n", "\n    ");
      yield `\n    ${text}${i < value.length - 1 ? "," : ""}`;
    }
    yield `\n  ]${comma}`;
  }
  yield "\n}\n";
}

/** The pieces of a text, each added to `digest` as it is handed on. */
function* digested(pieces: Iterable<string>, digest: Hash): Generator<string> {
  for (const piece of pieces) {
    digest.update(piece, "utf8");
    yield piece;
  }
}

/**
 * Saves a catalog and its provenance as one new generation: both files (and the catalog's digest, which spares a
 * later read validating it again) are written and flushed, then one rename makes them current together, so a
 * reader or a crash sees the old pair or the new pair, never a mix. Older generations, a killed writer's leftovers
 * and the files of the old layout are removed.
 *
 * @throws {StarmapError} `storage` when a file cannot be written.
 */
export async function saveCatalog(dir: string, data: CatalogData, provenance: Provenance): Promise<string> {
  try {
    const digest = createHash("sha256");
    // The files are written one after the other, in this order: the digest is read once the catalog is written.
    const { path } = await commitGeneration(dir, {
      [CATALOG_FILE]: digested(catalogChunks(data), digest),
      [CATALOG_DIGEST_FILE]: (function* () {
        yield `${digest.digest("hex")}\n`;
      })(),
      [PROVENANCE_FILE]: provenanceChunks(provenance),
    }, { legacy: [CATALOG_FILE, PROVENANCE_FILE] });
    return join(path, CATALOG_FILE);
  } catch (error) {
    throw new StarmapError("storage", `cannot save the catalog to ${dir}: ${(error as Error).message}`, {
      cause: error,
      setting: "catalog.dir",
      resource: dir,
      hint: "check that the catalog directory is writable",
    });
  }
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
        resource: path,
        code: "LOCK_TIMEOUT",
        hint: "wait for the other update to finish, or remove the lock file if none is running",
      });
    }
    throw new StarmapError("storage", `cannot lock ${path}: ${(error as Error).message}`, { cause: error });
  }
}
