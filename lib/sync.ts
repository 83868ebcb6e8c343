/**
 * `@starmap/cli/sync`: the update pipeline (fetch every source, reconcile, diff, save one generation
 * atomically, fire hooks) and the catalog directory's generations, lock and provenance.
 *
 * @example
 * ```ts
 * import { loadBaseline } from "@starmap/cli/sync";
 * (await loadBaseline("./catalog-dir")).catalog.offerings.length;
 * ```
 *
 * @module
 */
export type { UpdateReport } from "../src/sync/types.gen.ts";
export {
  type Baseline,
  failedReport,
  type FetchOutcome,
  fetchSources,
  filterSources,
  fireHooks,
  type HookError,
  loadBaseline,
  loadProvenance,
  lockCatalogDir,
  mismatch,
  pairedProvenance,
  resolveProviders,
  saveCatalog,
  serializeCatalog,
  type SourceProgress,
  type SourceReport,
  SourcesFailedError,
  sync,
  SYNC_DEFAULTS,
  type SyncHooks,
  type SyncOptions,
  type SyncResult,
  type SyncStatus,
  UPDATE_LOCK_FILE,
  updateReport,
} from "../src/sync/mod.ts";
export type { FileLock } from "../src/runtime/mod.ts";
export type { AutoUpdateOptions, SourceFactory } from "../src/client.ts";
