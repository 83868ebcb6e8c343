/**
 * The public door of `server/`: what other folders use of it.
 *
 * @module
 */
export { createApp, type ServerApp } from "./app.ts";
export {
  type BackendStatus,
  type CatalogBackend,
  type Refresh,
  type SnapshotBackend,
  snapshotBackend,
  type UpdateListener,
  type UpdateOutcome,
  type UpdateRequest,
} from "./backend.ts";
export {
  Broker,
  type BrokerEvent,
  type BrokerOptions,
  type CloseReason,
  type Resume,
  StreamLimitError,
  Subscription,
} from "./broker.ts";
export type { Cidr } from "./client_address.ts";
export { starmapBackend } from "./client_backend.ts";
export { parseRanges, perMinute, ServerConfig } from "./config.ts";
export { type FleetBackend, type FleetOptions, type FleetRefresh, openFleet } from "./fleet.ts";
export { type Follower, type FollowOptions, followServer } from "./follower.ts";
export type { Generation } from "./generation.ts";
export type { Limiter } from "./middleware.ts";
export type { RateLimitOptions, ServerLogger, ServerOptions } from "./options.ts";
export type { Admission } from "./rate_limit.ts";
export type { ResponseCacheOptions } from "./response_cache.ts";
export type { RouteDoc, RouteKind, ServerEnv } from "./route.ts";
export type { GenerationManifest, StreamEvent } from "./types.gen.ts";
/** How many models each kind of change touched: the changeset's counts. */
export type { ChangeCounts as ModelChangeCounts } from "../reconcile/types.gen.ts";
export type { Updater, UpdateResult } from "./updater.ts";
export type { WebSocketUpgrader } from "./websocket.ts";
