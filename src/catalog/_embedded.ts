/**
 * The catalog shipped inside starmap: `catalog/catalog.json` in its packed form (see `_packed.ts`), which
 * `deno task catalog:build` writes beside it. The text is parsed with `JSON.parse`, so that a compiled binary
 * carries it and starts fast (engines parse a JSON string far faster than a huge object literal), and only as far
 * as a command reads it. It is validated by a test at build time, not parsed with zod at every start.
 *
 * @module
 */
import text from "../../catalog/catalog.packed.jsonl" with { type: "text" };
import { Catalog } from "./_catalog.ts";
import { PackedCatalog, unpackCatalog } from "./_packed.ts";
import type { CatalogData } from "./types.gen.ts";

let cached: Catalog | undefined;

/** The raw embedded catalog document, freshly parsed (validated by the test suite, not at run time). */
export function embeddedCatalogData(): CatalogData {
  return unpackCatalog(text);
}

/** The embedded catalog as a snapshot, made once per process (its offerings are parsed as they are used). */
export function embeddedCatalog(): Catalog {
  cached ??= Catalog.fromPacked(new PackedCatalog(text));
  return cached;
}
