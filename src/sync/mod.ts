/**
 * The sync pipeline's public entry.
 *
 * @module
 */
export { filterSources, resolveProviders, sync } from "./pipeline.ts";
export { type FetchOutcome, fetchSources } from "./fetch.ts";
export { fireHooks } from "./hooks.ts";
export {
  type HookError,
  type SourceReport,
  SYNC_DEFAULTS,
  type SyncHooks,
  type SyncOptions,
  type SyncResult,
  type SyncStatus,
} from "./options.ts";
export {
  type Baseline,
  loadBaseline,
  loadProvenance,
  lockCatalogDir,
  saveCatalog,
  serializeCatalog,
  UPDATE_LOCK_FILE,
} from "./store.ts";
export { SourceReportSchema, UpdateReport, updateReport } from "./report.ts";
