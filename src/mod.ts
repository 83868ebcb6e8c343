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
export { BUILT_AT, COMMIT, VERSION } from "./version.ts";
