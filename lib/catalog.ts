/**
 * `@starmap/cli/catalog`: the catalog's data types, the snapshot and its helpers, filters, the embedded catalog,
 * the catalog directory store and validation.
 *
 * @example
 * ```ts
 * import { embeddedCatalog, modelPredicate } from "@starmap/cli/catalog";
 * const tools = modelPredicate({ capabilities: ["tools"] });
 * embeddedCatalog().allOfferings.filter(tools).length;
 * ```
 *
 * @module
 */
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
  ParamRange,
  Prices,
  PriceTier,
  Pricing,
  Provider,
  ProviderRecord,
  RateLimits,
  ReasoningOption,
  RequestParam,
  ServiceRate,
  Slug,
  UrlTemplate,
} from "../src/catalog/types.gen.ts";
export type { CatalogConfig, Config, OutputConfig } from "../src/config/types.gen.ts";
export {
  AuthorDeriver,
  type AuthoredModel,
  Catalog,
  CATALOG_FILE,
  catalogJsonSchema,
  cheapestFirst,
  deepFreeze,
  embeddedCatalog,
  embeddedCatalogData,
  listing,
  type LoadCatalogOptions,
  type LoadedCatalog,
  modelKey,
  type ModelListing,
  type ModelPage,
  modelPredicate,
  offeringKey,
  type OfferingPage,
  type Page,
  parseCatalogData,
  type Problem,
  type Resolved,
  sortModels,
} from "../src/catalog/mod.ts";
export { suggest, type SuggestOptions } from "../src/words/mod.ts";
export { openCatalog as loadCatalog } from "../src/sync/mod.ts";
