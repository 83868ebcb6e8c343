/**
 * Where the catalog comes from: the user's catalog directory when it holds an updated catalog, else the embedded
 * one.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { StarmapError } from "../errors.ts";
import { Catalog } from "./catalog.ts";
import { embeddedCatalog } from "./embedded.ts";

/** The file name of the catalog document in a catalog directory. */
export const CATALOG_FILE = "catalog.json";

/** Options of {@link loadCatalog}. */
export interface LoadCatalogOptions {
  /** The user's catalog directory; when it has a `catalog.json`, that catalog is used instead of the embedded. */
  dir?: string | undefined;
}

/** Where a loaded catalog came from. */
export interface LoadedCatalog {
  /** The snapshot. */
  catalog: Catalog;
  /** `embedded`, or the path of the catalog file. */
  origin: string;
  /** What a migration of an older catalog document changed, when one was migrated on reading. */
  migrated?: string | undefined;
}

/**
 * Loads the catalog: the user's updated catalog if there is one (validated, since a user may have edited it),
 * otherwise the embedded catalog.
 *
 * @throws {StarmapError} `invalid` when the user's catalog file is not a valid catalog.
 */
export async function loadCatalog(options: LoadCatalogOptions = {}): Promise<LoadedCatalog> {
  if (options.dir) {
    const file = join(options.dir, CATALOG_FILE);
    let text: string | undefined;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") {
        throw new StarmapError("storage", `cannot read ${file}: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
    if (text !== undefined) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new StarmapError("invalid", `cannot parse ${file}: ${(error as Error).message}`, {
          cause: error,
          hint: `remove ${file} to fall back to the embedded catalog, or run starmap update`,
        });
      }
      // A catalog of version 1 (rows only) is linked into models and offerings; the linker loads only then.
      let migrated: string | undefined;
      if ((value as { version?: unknown } | null)?.version === 1) {
        const { isCatalogV1, migrateCatalog } = await import("../reconcile/migrate.ts");
        if (isCatalogV1(value)) ({ data: value, note: migrated } = migrateCatalog(value));
      }
      // The schemas load only here: the embedded catalog is validated at build time, not at every start.
      const { parseCatalogData } = await import("./validate.ts");
      return { catalog: Catalog.from(parseCatalogData(value, file)), origin: file, migrated };
    }
  }
  return { catalog: embeddedCatalog(), origin: "embedded" };
}
