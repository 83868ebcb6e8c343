/**
 * The public door of `catalog/`: what other folders use of it.
 *
 * @module
 */
export { isCalendarDate } from "../words/mod.ts";
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
} from "./_catalog.ts";
export { AuthorDeriver, type AuthoredModel, AuthorRule } from "./_derive_authors.ts";
export { embeddedCatalog, embeddedCatalogData } from "./_embedded.ts";
export { AuthorSummary, authorSummary, ProviderSummary, providerSummary } from "./_summary.ts";
export {
  Capability,
  cheapestFirst,
  ModelFilter,
  modelPredicate,
  ModelSortKey,
  sortModels,
} from "./_filter.ts";
export { CATALOG_VERSION } from "./_format.ts";
export { foldLifecycle, type SpelledLifecycle } from "./_lifecycle.ts";
export {
  Author,
  AuthorRecord,
  type Capabilities,
  CatalogData,
  CatalogDate,
  catalogJsonSchema,
  Lifecycle,
  type LifecycleStatus,
  Limits,
  Modality,
  Model,
  ModelFields,
  ModelId,
  ModelRecord,
  ModelStatus,
  Offering,
  OfferingFields,
  OfferingRecord,
  Operation,
  type Prices,
  type PriceTier,
  Pricing,
  Provider,
  ProviderRecord,
  type ReasoningOption,
  type ServiceRate,
  Slug,
  UrlTemplate,
} from "./_schema.ts";
export { CanonicalModelId, ParamValue } from "./_schema_offering.ts";
export {
  CATALOG_DIGEST_FILE,
  CATALOG_FILE,
  loadCatalog,
  type LoadCatalogOptions,
  type LoadedCatalog,
  locateCatalog,
  readCurrentFile,
} from "./_store.ts";
export type {
  Currency,
  Endpoint,
  EndpointType,
  LinkMethod,
  Modalities,
  OfferingLink,
  OpenWeights,
  RateLimits,
  RequestParam,
} from "./types.gen.ts";
export { parseCatalogData, type Problem, zodProblems } from "./_validate.ts";
