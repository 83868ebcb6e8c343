// deno-lint-ignore-file no-console
/**
 * A child process for the generation crash test: saves two catalog + provenance pairs alternately, forever, into
 * a catalog directory, printing `ready` once loaded and a line after each save, until it is killed.
 *
 * Arguments: `<dir> <pairs.json>` where the file holds `[{ data, provenance }, { data, provenance }]`.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { saveCatalog } from "../../src/sync/_store.ts";
import type { CatalogData } from "../../src/catalog/_schema.ts";
import type { Provenance } from "../../src/reconcile/_provenance.ts";

const [dir, file] = Deno.args;
const pairs = JSON.parse(await readFile(file!, "utf8")) as { data: CatalogData; provenance: Provenance }[];
console.log("ready");
for (let n = 0;; n++) {
  const v = pairs[n % pairs.length]!;
  await saveCatalog(dir!, v.data, v.provenance);
  console.log(`saved ${n}`);
}
