/**
 * The public door of `sync/`: what other folders use of it.
 *
 * @module
 */
export { SourcesFailedError } from "./failed.ts";
export { type FetchOutcome, fetchSources } from "./fetch.ts";
export { fireHooks } from "./hooks.ts";
export {
  type HookError,
  type SourceProgress,
  type SourceReport,
  SYNC_DEFAULTS,
  type SyncHooks,
  type SyncOptions,
  type SyncResult,
  type SyncStatus,
} from "./options.ts";
export { filterSources, resolveProviders, sync } from "./pipeline.ts";
export { failedReport, updateReport } from "./report.ts";
export { type Schedule, type ScheduleOptions, scheduleRuns } from "./schedule.ts";
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
} from "./store.ts";
export type { UpdateReport } from "./types.gen.ts";
export { validateEmbedded, validatePath } from "./validate_files.ts";
