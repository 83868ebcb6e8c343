/**
 * The starmap library: the catalog snapshot, filters and store; sources, reconciliation and the sync pipeline;
 * exact costs and price exports; the weights puller; and the HTTP server as a web-standard app.
 *
 * The data types (`Model`, `Provider`, `Pricing`, `CatalogData`, `ModelFilter`, `CostRequest`, `Changeset`, …)
 * are plain TypeScript declarations generated from starmap's zod schemas (`deno task types:gen`); zod itself stays
 * internal. To validate untrusted data use the library's functions, such as {@link parseCatalogData}, or the JSON
 * Schema from {@link catalogJsonSchema}.
 *
 * @example
 * ```ts
 * import { embeddedCatalog } from "@starmap/cli/lib";
 * const catalog = embeddedCatalog();
 * catalog.model("claude-sonnet-4-5")?.id; // "anthropic/claude-sonnet-4-5": any spelling resolves
 * catalog.offerings("anthropic/claude-sonnet-4-5")[0]?.provider; // the cheapest provider
 * catalog.query({ provider: ["anthropic"], capabilities: ["tools"] }).items;
 * ```
 *
 * @module
 */

// The catalog.
export type {
  Author,
  AuthorRecord,
  CanonicalModelId,
  Capabilities,
  Capability,
  CatalogData,
  CatalogDate,
  Currency,
  Endpoint,
  EndpointType,
  JsonValue,
  Lifecycle,
  LifecycleStatus,
  Limits,
  LinkMethod,
  Modalities,
  Modality,
  Model,
  ModelFilter,
  ModelId,
  ModelRecord,
  ModelSortKey,
  ModelStatus,
  Offering,
  OfferingLink,
  OfferingRecord,
  OpenWeights,
  Operation,
  Prices,
  PriceTier,
  Pricing,
  Provider,
  ProviderRecord,
  RateLimits,
  ReasoningOption,
  RequestParam,
  Slug,
  UrlTemplate,
} from "./catalog/types.gen.ts";
export { catalogJsonSchema } from "./catalog/schema.ts";
export {
  Catalog,
  deepFreeze,
  listing,
  modelKey,
  type ModelListing,
  type ModelPage,
  offeringKey,
  type OfferingPage,
  type Page,
  type Resolved,
} from "./catalog/catalog.ts";
export { cheapestFirst, modelPredicate, sortModels } from "./catalog/filter.ts";
export { embeddedCatalog, embeddedCatalogData } from "./catalog/embedded.ts";
export { CATALOG_FILE, type LoadCatalogOptions, type LoadedCatalog } from "./catalog/store.ts";
export { openCatalog as loadCatalog } from "./sync/store.ts";
export { parseCatalogData, type Problem } from "./catalog/validate.ts";
export { suggest, type SuggestOptions } from "./words/mod.ts";
export type { AuthorDeriver, AuthoredModel } from "./catalog/derive_authors.ts";

// Errors, version and configuration.
export { type ErrorKind, isStarmapError, StarmapError, type StarmapErrorOptions } from "./errors.ts";
export { BUILT_AT, COMMIT, VERSION } from "./version.ts";
export type { CatalogConfig, Config, OutputConfig } from "./config/types.gen.ts";

// Pricing.
export type {
  CostBreakdown,
  CostComponent,
  CostComponentName,
  CostRequest,
  CostRequestInput,
  CostResponse,
  CostStatus,
  PriceExportFormat,
  PriceOrigin,
  PricingConfig,
  TokenUsage,
  TokenUsageInput,
} from "./pricing/types.gen.ts";
export { MAX_TOKENS } from "./pricing/schema.ts";
export {
  type LoadPricingRegistryOptions,
  mergePricing,
  type PricedModel,
  PricingRegistry,
  type PricingRegistryOptions,
} from "./pricing/registry.ts";
export {
  compareCosts,
  CostCalculator,
  isFree,
  priceUsage,
  promptTokens,
  tierFor,
} from "./pricing/calculator.ts";
export { loadPricingOverrides, parsePricingOverrides, type PricingOverrides } from "./pricing/overrides.ts";
export { exportPricing, type ExportPricingOptions, type PriceExport } from "./pricing/export/mod.ts";
export { litellmKey, litellmProvider } from "./pricing/export/litellm.ts";

// Weights.
export type {
  IndexEntry,
  InstalledEntry,
  LocalRegistry,
  Manifest,
  ManifestFile,
  RegistryIndex,
  WeightsConfig,
} from "./weights/types.gen.ts";
export {
  type AppliedUpdate,
  type InstalledModel,
  MAX_CONCURRENCY,
  type ModelFileInfo,
  type ModelInfo,
  parseModelRef,
  type PruneCacheResult,
  type PullOptions,
  type PullResult,
  type RemoteModel,
  type RemoveResult,
  type UpdateStatus,
  WeightsManager,
  type WeightsManagerOptions,
  type WeightsUpdateResult,
} from "./weights/manager.ts";
export { DEFAULT_CHUNK_SIZE, pack, type PackOptions, type PackResult } from "./weights/packer.ts";
export type { PullPhase, PullProgress, WeightsReporter } from "./weights/progress.ts";
export type { RetryPolicy } from "./weights/http.ts";

// Sources.
export type { ProviderApiConfig, ProvidersConfig, SourcesConfig } from "./sources/types.gen.ts";
export {
  type FetchFn,
  HttpClient,
  type HttpClientOptions,
  type HttpResponse,
  type HttpStream,
  type RequestOptions,
} from "./http/client.ts";
export {
  type BreakerState,
  CircuitBreaker,
  sharedBreaker,
  type SourceHealth,
  sourceHealth,
} from "./http/breaker.ts";
export { loadBreaker, saveBreaker } from "./http/breaker_file.ts";
export type { LinkHints, Source, SourceFetchOptions, SourceKind, SourceResult } from "./sources/source.ts";
export {
  buildSources,
  DEFAULT_SOURCE_IDS,
  GENERAL_SOURCE_IDS,
  knownSourceIds,
  resolveSourceSettings,
  type SourceRegistryOptions,
  type SourceSettingsInput,
} from "./sources/registry.ts";
export {
  type EnvAllowed,
  type EnvLookup,
  type ProviderSetting,
  providerSourcesFromEnv,
  type ProviderSourcesOptions,
  resolveProviderSource,
} from "./sources/providers/from_env.ts";
export type { ProviderApiOptions, ProviderApiSource } from "./sources/providers/api.ts";
export { PROVIDER_PROTOCOLS, type ProviderProtocol } from "./sources/providers/protocol.ts";
export { KNOWN_PROVIDERS, type ParamSpec, type ProviderEndpoint } from "./sources/providers/known.ts";
export type { ResolvedKey } from "./sources/providers/keys.ts";

// Reconciliation and sync.
export type {
  ChangeCounts,
  Changeset,
  ChangeSummary,
  FieldChange,
  LinkEntry,
  LinkMove,
  Provenance,
  ProvenanceEntry,
  ReconcileConfig,
  ReconcileStrategy,
  RecordUpdate,
} from "./reconcile/types.gen.ts";
export { Authority, DEFAULT_AUTHORITY, DEFAULT_ORDER, type SourceRef } from "./reconcile/authority.ts";
export {
  reconcile,
  type ReconcileInput,
  type ReconcileOutput,
  type SourceSnapshot,
} from "./reconcile/reconcile.ts";
export { diffCatalogs, diffFields, isEmpty } from "./reconcile/changeset.ts";
export { emptyProvenance, PROVENANCE_FILE } from "./reconcile/provenance.ts";
export {
  type CatalogDataV1,
  isCatalogV1,
  linkCatalog,
  type LinkCatalogInput,
  type LinkedCatalog,
  migrateCatalog,
  type Migration,
  type RowV1,
} from "./reconcile/migrate.ts";
export type { UnlinkedOffering } from "./reconcile/linking.ts";
export type { UpdateReport } from "./sync/types.gen.ts";
export { filterSources, resolveProviders, sync } from "./sync/pipeline.ts";
export { type FetchOutcome, fetchSources } from "./sync/fetch.ts";
export { fireHooks } from "./sync/hooks.ts";
export {
  type HookError,
  type SourceProgress,
  type SourceReport,
  SYNC_DEFAULTS,
  type SyncHooks,
  type SyncOptions,
  type SyncResult,
  type SyncStatus,
} from "./sync/options.ts";
export {
  type Baseline,
  loadBaseline,
  loadProvenance,
  lockCatalogDir,
  mismatch,
  pairedProvenance,
  saveCatalog,
  serializeCatalog,
  UPDATE_LOCK_FILE,
} from "./sync/store.ts";
export { failedReport, updateReport } from "./sync/report.ts";
export { SourcesFailedError } from "./sync/failed.ts";
export type { FileLock } from "./runtime/file_lock.ts";
export {
  type AutoUpdateOptions,
  type SourceFactory,
  Starmap,
  type StarmapOptions,
  type StarmapSyncOptions,
} from "./client.ts";

// The HTTP server.
export type { ServerConfig, StreamEvent } from "./server/types.gen.ts";
export type { ModelChangeCounts } from "./server/mod.ts";
export { createApp, type ServerApp } from "./server/app.ts";
export {
  type BackendStatus,
  type CatalogBackend,
  type Refresh,
  type SnapshotBackend,
  snapshotBackend,
  type UpdateListener,
  type UpdateOutcome,
  type UpdateRequest,
} from "./server/backend.ts";
export {
  Broker,
  type BrokerEvent,
  type BrokerOptions,
  type CloseReason,
  type Resume,
  StreamLimitError,
  Subscription,
} from "./server/broker.ts";
export type { Cidr } from "./server/client_address.ts";
export type { Limiter } from "./server/middleware.ts";
export type { Admission } from "./server/rate_limit.ts";
export type { Updater, UpdateResult } from "./server/updater.ts";
export type { ResponseCacheOptions } from "./server/response_cache.ts";
export type { RateLimitOptions, ServerLogger, ServerOptions } from "./server/options.ts";
export type { RouteDoc, RouteKind, ServerEnv } from "./server/route.ts";
export type { WebSocketUpgrader } from "./server/websocket.ts";
export { type Follower, type FollowOptions, followServer } from "./server/follower.ts";
export { type FleetBackend, type FleetOptions, type FleetRefresh, openFleet } from "./server/fleet.ts";
export type { Generation } from "./server/generation.ts";
export type { GenerationManifest } from "./server/types.gen.ts";
