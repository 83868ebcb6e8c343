/**
 * The public door of `server/`: what other folders use of it.
 *
 * @module
 */
export { createApp, type ServerApp } from "./_app.ts";
export {
  type BackendStatus,
  type CatalogBackend,
  type Refresh,
  type SnapshotBackend,
  snapshotBackend,
  type UpdateListener,
  type UpdateOutcome,
  type UpdateRequest,
} from "./_backend.ts";
export {
  Broker,
  type BrokerEvent,
  type BrokerOptions,
  type CloseReason,
  type Resume,
  StreamLimitError,
  Subscription,
} from "./_broker.ts";
export type { Cidr } from "./_client_address.ts";
export { starmapBackend } from "./_client_backend.ts";
export { parseRanges, perMinute } from "./_config.ts";
export { ServerConfig } from "../config/mod.ts";
export { type FleetBackend, type FleetOptions, type FleetRefresh, openFleet } from "./_fleet.ts";
export { type Follower, type FollowOptions, followServer } from "./_follower.ts";
export type { Generation } from "./_generation.ts";
export type { Limiter } from "./_middleware.ts";
export type { RateLimitOptions, ServerLogger, ServerOptions } from "./_options.ts";
export type { Admission } from "./_rate_limit.ts";
export type { ResponseCacheOptions } from "./_response_cache.ts";
export type { RouteDoc, RouteKind, ServerEnv } from "./_route.ts";
export type { GenerationManifest, StreamEvent } from "./types.gen.ts";
/** How many models each kind of change touched: the changeset's counts. */
export type { ChangeCounts as ModelChangeCounts } from "../reconcile/types.gen.ts";
export type { Updater, UpdateResult } from "./_updater.ts";
export type { WebSocketUpgrader } from "./_websocket.ts";
