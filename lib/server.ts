/**
 * `@starmap/cli/server`: the HTTP server as a web-standard app (REST, OpenAPI 3.1, SSE and WebSocket events,
 * auth, rate limits), its catalog backends, fleet mode on Redis and followers.
 *
 * @example
 * ```ts
 * import { embeddedCatalog } from "@starmap/cli";
 * import { createApp, snapshotBackend } from "@starmap/cli/server";
 * const app = createApp({ backend: snapshotBackend(embeddedCatalog()) });
 * (await app.fetch(new Request("http://localhost/api/v1/health"))).status;
 * ```
 *
 * @module
 */
export type { GenerationManifest, StreamEvent } from "../src/server/types.gen.ts";
export type { ServerConfig } from "../src/config/types.gen.ts";
export {
  type Admission,
  type BackendStatus,
  Broker,
  type BrokerEvent,
  type BrokerOptions,
  type CatalogBackend,
  type Cidr,
  type CloseReason,
  createApp,
  type FleetBackend,
  type FleetOptions,
  type FleetRefresh,
  type Follower,
  type FollowOptions,
  followServer,
  type Generation,
  type Limiter,
  openFleet,
  type RateLimitOptions,
  type Refresh,
  type ResponseCacheOptions,
  type Resume,
  type RouteDoc,
  type RouteKind,
  type ServerApp,
  type ServerEnv,
  type ServerLogger,
  type ServerOptions,
  type SnapshotBackend,
  snapshotBackend,
  StreamLimitError,
  Subscription,
  type UpdateListener,
  type UpdateOutcome,
  type Updater,
  type UpdateRequest,
  type UpdateResult,
  type WebSocketUpgrader,
} from "../src/server/mod.ts";
