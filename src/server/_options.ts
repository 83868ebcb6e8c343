/**
 * The options of the server app, and their defaults.
 *
 * @module
 */
import { DEFAULTS } from "../settings/mod.ts";
import type { PricingOverrides } from "../pricing/mod.ts";
import type { CatalogBackend } from "./_backend.ts";
import type { BrokerOptions } from "./_broker.ts";
import type { Cidr } from "./_client_address.ts";
import type { Limiter } from "./_middleware.ts";
import type { ResponseCacheOptions } from "./_response_cache.ts";
import type { WebSocketUpgrader } from "./_websocket.ts";

/** Where the server writes its log lines (stderr in the CLI). */
export interface ServerLogger {
  /** Request lines and notes. */
  info(message: string): void;
  /** Failures, with the internal detail that responses never carry. */
  error(message: string): void;
}

/** Rate-limit settings. */
export interface RateLimitOptions {
  /** Requests per minute per client address. */
  perMinute: number;
  /** Burst size. @default perMinute */
  burst?: number;
  /** Client ranges that are not limited (no range is exempt unless configured, loopback included). */
  exempt?: readonly Cidr[];
  /** Clock for tests, in milliseconds. @default Date.now */
  now?: () => number;
}

/** Options of {@link createApp}. */
export interface ServerOptions {
  /** The catalog and its updates. */
  backend: CatalogBackend;
  /** Path prefix of every route. @default "/api/v1" */
  prefix?: string;
  /** The admin API key; admin routes are refused without one. */
  authKey?: string | undefined;
  /** Origins allowed by CORS (`*` for any); CORS is off when empty. */
  corsOrigins?: readonly string[] | undefined;
  /** Per-client rate limit; off when absent. */
  rateLimit?: RateLimitOptions | undefined;
  /** A limiter shared by a fleet (one budget per client across replicas); a local one when absent. */
  limiter?: Limiter | undefined;
  /**
   * Proxies whose `X-Forwarded-For` is believed: a request from one of these ranges is attributed to the nearest
   * untrusted address in that header. None by default (the peer address is the client).
   */
  trustProxy?: readonly Cidr[] | undefined;
  /** Run the backend update every this many milliseconds. */
  autoUpdateMs?: number | undefined;
  /** Longest time a plain request may take. @default 30000 */
  requestTimeoutMs?: number;
  /** Longest time an update may take. @default 600000 */
  updateTimeoutMs?: number;
  /** Largest JSON body. @default 65536 */
  maxBodyBytes?: number;
  /** `Cache-Control: max-age` of catalog reads, in seconds. @default 60 */
  cacheMaxAge?: number;
  /** Bounds of the per-snapshot cache of serialised read responses (`maxEntries: 0` turns it off). */
  responseCache?: ResponseCacheOptions;
  /** Event broker settings. */
  broker?: BrokerOptions;
  /** Where logs go; nothing is logged without one. */
  logger?: ServerLogger | undefined;
  /** Log one line per request. @default false */
  logRequests?: boolean;
  /** Price overrides for `POST /cost` (the pricing file). */
  pricingOverrides?: PricingOverrides | undefined;
  /** The runtime's WebSocket upgrade; `/ws` answers 501 without one. */
  websocket?: WebSocketUpgrader | undefined;
}

/** Options with defaults applied. */
export type ResolvedOptions =
  & Required<
    Pick<
      ServerOptions,
      "prefix" | "requestTimeoutMs" | "updateTimeoutMs" | "maxBodyBytes" | "cacheMaxAge" | "logRequests"
    >
  >
  & ServerOptions;

/** Applies defaults and normalises the prefix (`/api/v1`, no trailing slash, `""` for the root). */
export function resolveOptions(options: ServerOptions): ResolvedOptions {
  const raw = options.prefix ?? DEFAULTS.prefix;
  const prefix = raw === "/" || raw === "" ? "" : `/${raw.replace(/^\/+|\/+$/g, "")}`;
  return {
    ...options,
    prefix,
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
    updateTimeoutMs: options.updateTimeoutMs ?? 600_000,
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
    cacheMaxAge: options.cacheMaxAge ?? 60,
    logRequests: options.logRequests ?? false,
  };
}
