/**
 * The starmap library: the catalog snapshot, its schemas, filters and store.
 *
 * @example
 * ```ts
 * import { embeddedCatalog } from "@starmap/cli/lib";
 * const catalog = embeddedCatalog();
 * catalog.query({ provider: ["anthropic"], capabilities: ["tools"] }).items;
 * ```
 *
 * @module
 */
export * from "./catalog/schema.ts";
export { Catalog, deepFreeze, modelKey, type ModelPage } from "./catalog/catalog.ts";
export { Capability, ModelFilter, modelPredicate, ModelSortKey, sortModels } from "./catalog/filter.ts";
export { embeddedCatalog, embeddedCatalogData } from "./catalog/embedded.ts";
export { CATALOG_FILE, loadCatalog, type LoadCatalogOptions, type LoadedCatalog } from "./catalog/store.ts";
export { parseCatalogData, type Problem } from "./catalog/validate.ts";
export { suggest } from "./catalog/suggest.ts";
export { type ErrorKind, isStarmapError, StarmapError, type StarmapErrorOptions } from "./errors.ts";
export { Config } from "./config/schema.ts";
export * from "./pricing/mod.ts";
export * from "./weights/mod.ts";
export { BUILT_AT, COMMIT, VERSION } from "./version.ts";
export { HttpClient, type HttpClientOptions, type RequestOptions } from "./http/client.ts";
export type { Source, SourceFetchOptions, SourceKind, SourceResult } from "./sources/source.ts";
export {
  buildSources,
  DEFAULT_SOURCE_IDS,
  GENERAL_SOURCE_IDS,
  knownSourceIds,
  resolveSourceSettings,
  type SourceRegistryOptions,
} from "./sources/registry.ts";
export { providerSourcesFromEnv, resolveProviderSource } from "./sources/providers/from_env.ts";
export {
  type AutoUpdateOptions,
  type SourceFactory,
  Starmap,
  type StarmapOptions,
  type StarmapSyncOptions,
} from "./client.ts";
export * from "./sync/mod.ts";
export {
  Authority,
  DEFAULT_AUTHORITY,
  DEFAULT_ORDER,
  ReconcileConfig,
  ReconcileStrategy,
  type SourceRef,
} from "./reconcile/authority.ts";
export {
  reconcile,
  type ReconcileInput,
  type ReconcileOutput,
  type SourceSnapshot,
} from "./reconcile/merge.ts";
export {
  ChangeCounts,
  Changeset,
  ChangeSummary,
  diffCatalogs,
  diffFields,
  FieldChange,
  isEmpty,
  RecordUpdate,
} from "./reconcile/changeset.ts";
export { emptyProvenance, Provenance, PROVENANCE_FILE, ProvenanceEntry } from "./reconcile/provenance.ts";
export * from "./server/mod.ts";
