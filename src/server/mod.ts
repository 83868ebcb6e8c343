/**
 * The HTTP server of starmap as a library: {@link createApp} makes a web-standard app over a
 * {@link CatalogBackend}; `src/runtime/serve.ts` starts it on Deno or Bun.
 *
 * @module
 */
export { createApp, type ServerApp } from "./app.ts";
export {
  type CatalogBackend,
  type Refresh,
  type SnapshotBackend,
  snapshotBackend,
  type UpdateListener,
  type UpdateOutcome,
  type UpdateRequest,
} from "./backend.ts";
export { Broker, type BrokerEvent, type BrokerOptions, Subscription } from "./broker.ts";
export { ServerConfig } from "./config.ts";
export { StreamEvent } from "./events.ts";
export { openApiDocument } from "./openapi.ts";
export type { RateLimitOptions, ServerLogger, ServerOptions } from "./options.ts";
