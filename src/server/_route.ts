/**
 * The shape of a route: what the OpenAPI document says about it and the handler that answers it.
 *
 * @module
 */
import type { Context } from "hono";
import type { Catalog } from "../catalog/mod.ts";
import type { Broker } from "./_broker.ts";
import type { Metrics } from "./_metrics.ts";
import type { QueryParam } from "./_query.ts";
import type { ResolvedOptions } from "./_options.ts";
import type { Updater } from "./_updater.ts";

/** What the runtime layer passes to `fetch` as the hono environment. */
export interface ServerEnv {
  /** The client's address. */
  clientIp?: string;
  /** Runtime-specific server object (Bun's WebSocket upgrade needs it). */
  server?: unknown;
}

/** The hono generics of the app: the runtime's environment, and the client address the app settled on. */
export type AppEnv = { Bindings: ServerEnv; Variables: { client: string; route: string } };

/** The shared state of one app. */
export interface AppState {
  /** Resolved options. */
  options: ResolvedOptions;
  /** The event broker. */
  broker: Broker;
  /** Runs and observes updates. */
  updater: Updater;
  /** Whether shutdown has begun. */
  draining: boolean;
  /** Every route of the app (the OpenAPI document describes them). */
  routes: readonly RouteSpec[];
  /** The app's metrics. */
  metrics: Metrics;
}

/** What a handler gets: the request, its snapshot (captured when the request started) and the app state. */
export interface RouteRequest {
  /** The hono context. */
  c: Context<AppEnv>;
  /** The parsed URL. */
  url: URL;
  /** Path parameters. */
  params: Record<string, string>;
  /** The snapshot this request reads; throws 503 when none is loaded. */
  catalog(): Catalog;
  /** The version of that snapshot. */
  version(): string;
  /** The app state. */
  state: AppState;
  /** The client address (after `--trust-proxy`). */
  client: string;
}

/** How a route behaves: catalog reads get ETags and caching, streams and admin routes skip the timeout. */
export type RouteKind = "read" | "search" | "plain" | "stream" | "admin";

/** What the API reference says about one route: a {@link RouteSpec} without its handler and schemas. */
export interface RouteDoc {
  /** HTTP method. */
  method: "GET" | "POST";
  /** Path under the prefix, OpenAPI style (`/providers/{id}`). */
  path: string;
  /** The OpenAPI operation id. */
  operationId: string;
  /** One line for the reference. */
  summary: string;
  /** Longer description. */
  description?: string;
  /** The reference section. */
  tag: string;
  /** Path parameters and their descriptions. */
  pathParams?: Record<string, string>;
  /** Query parameters: name, whether it repeats, what it does. */
  query?: readonly { name: string; list: boolean; description: string }[];
  /** The component name of the JSON request body. */
  body?: string;
  /** The success response. */
  response: { status: number; description: string; schema?: string; contentType?: string };
  /** Error statuses the route may answer with. */
  errors: readonly number[];
  /** Statuses whose body is not the `Error` schema but this component (the 503 of `/ready`). */
  errorSchemas?: Record<number, string>;
  /** Behaviour class. */
  kind: RouteKind;
  /** A path (under the prefix) that answers successfully on the embedded catalog, for tests and examples. */
  example: string;
}

/** One route of the API: its reference entry with typed query parameters, and its handler. */
export interface RouteSpec extends RouteDoc {
  /** Query parameters. */
  query?: readonly QueryParam[];
  /** Answers the request: a Response, or a value sent as JSON with the success status. */
  handle(r: RouteRequest): unknown;
}
