/**
 * The public door of `sync/`: what other folders use of it.
 *
 * @module
 */
export { SourcesFailedError } from "./_failed.ts";
export { type FetchOutcome, fetchSources } from "./_fetch.ts";
export { fireHooks } from "./_hooks.ts";
export {
  type HookError,
  type SourceProgress,
  type SourceReport,
  SYNC_DEFAULTS,
  type SyncHooks,
  type SyncOptions,
  type SyncResult,
  type SyncStatus,
} from "./_options.ts";
export { filterSources, resolveProviders, sync } from "./_pipeline.ts";
export { failedReport, updateReport } from "./_report.ts";
export { type Schedule, type ScheduleOptions, scheduleRuns } from "./_schedule.ts";
export {
  type Baseline,
  loadBaseline,
  loadProvenance,
  lockCatalogDir,
  mismatch,
  openCatalog,
  pairedProvenance,
  saveCatalog,
  serializeCatalog,
  UPDATE_LOCK_FILE,
} from "./_store.ts";
export type { UpdateReport } from "./types.gen.ts";
export { validateEmbedded, validatePath } from "./_validate_files.ts";
