// deno-lint-ignore-file no-console
/**
 * A child process for the crash test: saves two large catalogs alternately, forever, printing a line after each
 * save, until it is killed.
 *
 * @module
 */
import { reconcile } from "../../src/reconcile/_reconcile.ts";
import { saveCatalog } from "../../src/sync/_store.ts";
import { embeddedCatalogData } from "../../src/catalog/_embedded.ts";
import { deriverFromCatalog } from "../../src/reconcile/_authors.ts";
import { readSnapshot, snapshotResult } from "./snapshot_source.ts";
import type { CatalogData } from "../../src/catalog/_schema.ts";

const dir = Deno.args[0]!;
const empty: CatalogData = {
  version: 2,
  updatedAt: "2026-01-01T00:00:00.000Z",
  providers: [],
  authors: [],
  models: [],
  offerings: [],
};
const deriver = deriverFromCatalog(embeddedCatalogData());
const versions = (["api-2026-05-25.json", "api.json"] as const).map((file, i) =>
  reconcile({
    baseline: empty,
    results: [{
      source: { id: "models.dev", kind: "models_dev" },
      result: snapshotResult(readSnapshot(file)),
      at: "x",
    }],
    now: `2026-0${i + 5}-01T00:00:00.000Z`,
    deriver,
  })
);
for (let n = 0;; n++) {
  const v = versions[n % 2]!;
  await saveCatalog(dir, v.data, v.provenance);
  console.log(`saved ${n}`);
}
