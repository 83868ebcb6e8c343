/**
 * The catalog shipped inside starmap. The document is imported as text and parsed with `JSON.parse`, so that a
 * compiled binary carries it and starts fast (engines parse a JSON string far faster than a huge object literal).
 * It is validated by a test at build time, not parsed with zod at every start.
 *
 * @module
 */
import text from "../../catalog/catalog.json" with { type: "text" };
import { Catalog } from "./catalog.ts";
import type { CatalogData } from "./types.gen.ts";

let cached: Catalog | undefined;

/** The raw embedded catalog document, freshly parsed (validated by the test suite, not at run time). */
export function embeddedCatalogData(): CatalogData {
  return JSON.parse(text) as CatalogData;
}

/** The embedded catalog as a snapshot, made once per process. */
export function embeddedCatalog(): Catalog {
  cached ??= Catalog.from(embeddedCatalogData());
  return cached;
}
