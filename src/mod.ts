/**
 * The starmap library's front door: the client, the catalog snapshot and its data types, the cost calculator,
 * the weights manager, the server factory and the error type. Everything else is one subpath away:
 * `@starmap/cli/catalog`, `/pricing`, `/sources`, `/reconcile`, `/sync`, `/weights` and `/server`.
 *
 * The data types (`Model`, `Provider`, `Pricing`, `CatalogData`, `ModelFilter`, `CostRequest`, `Changeset`, …)
 * are plain TypeScript declarations generated from starmap's zod schemas (`deno task types:gen`); zod itself stays
 * internal. To validate untrusted data use the library's functions, such as {@link parseCatalogData}, or the JSON
 * Schema from {@link catalogJsonSchema}.
 *
 * @example
 * ```ts
 * import { embeddedCatalog } from "@starmap/cli";
 * const catalog = embeddedCatalog();
 * catalog.model("claude-sonnet-4-5")?.id; // "anthropic/claude-sonnet-4-5": any spelling resolves
 * catalog.offerings("anthropic/claude-sonnet-4-5")[0]?.provider; // the cheapest provider
 * catalog.query({ provider: ["anthropic"], capabilities: ["tools"] }).items;
 * ```
 *
 * @module
 */

// The client and the catalog.
export { type AutoUpdateOptions, Starmap, type StarmapOptions, type StarmapSyncOptions } from "./client.ts";
export { Catalog, embeddedCatalog, type LoadCatalogOptions, parseCatalogData } from "./catalog/mod.ts";
export { openCatalog as loadCatalog } from "./sync/mod.ts";
export type {
  Author,
  Capabilities,
  CatalogData,
  Lifecycle,
  Limits,
  Model,
  ModelFilter,
  ModelId,
  Offering,
  Operation,
  Pricing,
  Provider,
  RequestParam,
} from "./catalog/types.gen.ts";

// Updates.
export type { SyncResult } from "./sync/mod.ts";
export type { Changeset } from "./reconcile/types.gen.ts";

// Costs.
export { CostCalculator, PriceBook } from "./pricing/mod.ts";
export type { CostRequest, CostRequestInput, CostResponse, TokenUsage } from "./pricing/types.gen.ts";

// Weights.
export {
  type PullOptions,
  type PullResult,
  WeightsManager,
  type WeightsManagerOptions,
} from "./weights/mod.ts";

// The HTTP server.
export { createApp, type ServerApp, type ServerOptions, snapshotBackend } from "./server/mod.ts";

// Errors and version.
export { type ErrorKind, isStarmapError, StarmapError, type StarmapErrorOptions } from "./errors.ts";
export { VERSION } from "./build_info.ts";
