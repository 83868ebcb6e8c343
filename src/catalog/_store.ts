/**
 * Where the catalog comes from: the user's catalog directory when it holds an updated catalog, else the embedded
 * one. A catalog directory holds generations (`generations/<id>/catalog.json` and its `provenance.json`, made
 * current by the pointer file `current`); a directory written by an older starmap holds `catalog.json` and
 * `provenance.json` at its top, and is still read.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { StarmapError } from "../errors.ts";
import { generationDir, readCurrent } from "../fs/mod.ts";
import { Catalog } from "./_catalog.ts";
import { CATALOG_VERSION } from "./_format.ts";
import { embeddedCatalog } from "./_embedded.ts";
import type { CatalogData } from "./types.gen.ts";

/** The file name of the catalog document in a catalog directory's generation. */
export const CATALOG_FILE = "catalog.json";

/**
 * The file beside {@link CATALOG_FILE} holding the SHA-256 (hex) of the catalog document as starmap wrote it: a
 * document that still matches it was valid when written and is not validated again on reading.
 */
export const CATALOG_DIGEST_FILE = "catalog.sha256";

/** Options of {@link loadCatalog}. */
export interface LoadCatalogOptions {
  /** The user's catalog directory; when it has a catalog, that catalog is used instead of the embedded. */
  dir?: string | undefined;
  /**
   * Reads a parsed catalog document of an older version as the current version (`data`, validated after it) with
   * a `note` that says what changed; undefined when it does not know the document. Without it such a document is
   * invalid. The upgrade lives above the catalog (older catalogs are linked into models), so it is handed in.
   */
  upgrade?:
    | ((
      value: unknown,
    ) => { data: unknown; note: string } | undefined | Promise<{ data: unknown; note: string } | undefined>)
    | undefined;
}

/** Where a loaded catalog came from. */
export interface LoadedCatalog {
  /** The snapshot. */
  catalog: Catalog;
  /** `embedded`, or the path of the catalog file. */
  origin: string;
  /** What a migration of an older catalog document changed, when one was migrated on reading. */
  migrated?: string | undefined;
  /** The generation the catalog belongs to; absent for the embedded catalog and a directory of the old layout. */
  generation?: string;
}

/** Where the files of a catalog directory are: the current generation's directory, or the directory itself. */
export interface CatalogLocation {
  /** The directory holding `catalog.json` and `provenance.json`. */
  dir: string;
  /** The generation id, absent for the old layout. */
  generation?: string;
}

function storageError(path: string, error: unknown): StarmapError {
  return new StarmapError("storage", `cannot read ${path}: ${(error as Error).message}`, { cause: error });
}

/** The current location of a catalog directory's files (the old layout when it has no generation). */
export async function locateCatalog(dir: string): Promise<CatalogLocation> {
  let id: string | undefined;
  try {
    id = await readCurrent(dir);
  } catch (error) {
    throw storageError(join(dir, "current"), error);
  }
  return id ? { dir: generationDir(dir, id), generation: id } : { dir };
}

function missing(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === "ENOENT" || code === "ENOTDIR";
}

/**
 * Reads a file of the current generation. An update may make a newer generation current and remove older ones
 * while this reads: the pointer is followed again then.
 */
export async function readCurrentFile(
  dir: string,
  name: string,
): Promise<{ text: string | undefined; file: string; location: CatalogLocation }> {
  for (let attempt = 0;; attempt++) {
    const location = await locateCatalog(dir);
    const file = join(location.dir, name);
    try {
      return { text: await readFile(file, "utf8"), file, location };
    } catch (error) {
      if (!missing(error)) throw storageError(file, error);
      if (
        location.generation && attempt < 3 && (await locateCatalog(dir)).generation !== location.generation
      ) {
        continue;
      }
      return { text: undefined, file, location };
    }
  }
}

/** Parses a catalog document with the schemas, which load only here (the embedded catalog is validated at build). */
async function validated(value: unknown, file: string): Promise<CatalogData> {
  const { parseCatalogData } = await import("./_validate.ts");
  return parseCatalogData(value, file);
}

/**
 * Whether a catalog document's text is what starmap wrote (its digest file matches): then it was valid when
 * written, and validating it again (a few hundred milliseconds and a second copy of the catalog in memory) is
 * skipped. An edited document, or one without a digest, is validated.
 */
async function writtenAsIs(dir: string, text: string): Promise<boolean> {
  const recorded = await readFile(join(dir, CATALOG_DIGEST_FILE), "utf8").catch(() => undefined);
  if (!recorded) return false;
  const { createHash } = await import("node:crypto");
  return createHash("sha256").update(text, "utf8").digest("hex") === recorded.trim();
}

/**
 * Loads the catalog: the user's updated catalog if there is one (validated, since a user may have edited it,
 * unless its digest shows it is as starmap wrote it), otherwise the embedded catalog.
 *
 * @throws {StarmapError} `invalid` when the user's catalog file is not a valid catalog; `storage` when the current
 * generation is missing or unreadable.
 */
export async function loadCatalog(options: LoadCatalogOptions = {}): Promise<LoadedCatalog> {
  if (options.dir) {
    const { text, file, location } = await readCurrentFile(options.dir, CATALOG_FILE);
    if (text === undefined && location.generation) {
      throw new StarmapError("storage", `the current generation of ${options.dir} has no ${CATALOG_FILE}`, {
        code: "catalog_file_invalid",
        setting: "catalog.dir",
        resource: options.dir,
        hint: `remove ${
          join(options.dir, "current")
        } to fall back to the embedded catalog, then update it again`,
      });
    }
    if (text !== undefined) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new StarmapError("invalid", `cannot parse ${file}: ${(error as Error).message}`, {
          cause: error,
          code: "catalog_file_invalid",
          resource: file,
          hint: `remove ${file} to fall back to the embedded catalog, or update it again`,
        });
      }
      let migrated: string | undefined;
      const current = (value as { version?: unknown } | null)?.version === CATALOG_VERSION;
      if (options.upgrade && !current) {
        const upgraded = await options.upgrade(value);
        if (upgraded) ({ data: value, note: migrated } = upgraded);
      }
      const catalog = Catalog.from(
        current && await writtenAsIs(location.dir, text)
          ? value as CatalogData
          : await validated(value, file),
      );
      return {
        catalog,
        origin: file,
        migrated,
        ...(location.generation ? { generation: location.generation } : {}),
      };
    }
  }
  return { catalog: embeddedCatalog(), origin: "embedded" };
}
