/**
 * Catalog directories and sources for the sync tests, made from the real models.dev snapshots.
 *
 * @module
 */
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { embeddedCatalogData } from "../../src/catalog/_embedded.ts";
import type { CatalogData } from "../../src/catalog/_schema.ts";
import { deriverFromCatalog } from "../../src/reconcile/_authors.ts";
import { reconcile, type ReconcileOutput } from "../../src/reconcile/_reconcile.ts";
import { saveCatalog } from "../../src/sync/_store.ts";
import { FixedSource, readSnapshot, snapshotResult } from "./snapshot_source.ts";
import type { SourceResult } from "../../src/sources/_source.ts";

/** The providers the small sync fixtures use. */
export const FEW = ["anthropic", "openai", "groq", "deepseek"];

/** The older snapshot's records of a few providers, as models.dev would serve them. */
export function oldResult(providers: readonly string[] = FEW): SourceResult {
  return snapshotResult(readSnapshot("api-2026-05-25.json"), providers);
}

/** The newer snapshot's records of a few providers. */
export function newResult(providers: readonly string[] = FEW): SourceResult {
  return snapshotResult(readSnapshot("api.json"), providers);
}

/** A catalog reconciled from the older snapshot of a few providers. */
export function oldCatalog(providers: readonly string[] = FEW): CatalogData {
  return oldReconciled(providers).data;
}

/** The older snapshot of a few providers reconciled over an empty catalog: the catalog and its provenance. */
export function oldReconciled(providers: readonly string[] = FEW): ReconcileOutput {
  const empty: CatalogData = {
    version: 2,
    updatedAt: "2026-05-25T00:00:00.000Z",
    providers: [],
    authors: [],
    models: [],
    offerings: [],
  };
  return reconcile({
    baseline: empty,
    results: [{
      source: { id: "models.dev", kind: "models_dev" },
      result: oldResult(providers),
      at: empty.updatedAt,
    }],
    now: empty.updatedAt,
    deriver: deriverFromCatalog(embeddedCatalogData()),
  });
}

/** A fresh catalog directory holding the older catalog and its provenance, as `update` saves them; its path. */
export async function catalogDirWithOld(providers: readonly string[] = FEW): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "starmap-sync-"));
  const old = oldReconciled(providers);
  await saveCatalog(dir, old.data, old.provenance);
  return dir;
}

/** A models.dev-like source serving the newer snapshot of a few providers. */
export function newSource(providers: readonly string[] = FEW): FixedSource {
  return new FixedSource("models.dev", "models_dev", newResult(providers));
}

/** The catalog file of a catalog directory's current generation. */
export async function currentCatalogFile(dir: string): Promise<string> {
  const id = (await readFile(join(dir, "current"), "utf8")).trim();
  return join(dir, "generations", id, "catalog.json");
}

/** The text of a catalog directory's current catalog. */
export async function currentCatalogText(dir: string): Promise<string> {
  return await readFile(await currentCatalogFile(dir), "utf8");
}
