/**
 * The web-standard app: `fetch(Request) → Response` over a {@link CatalogBackend}, with the middleware for
 * logging, CORS, rate limiting, timeouts, ETags and errors. Runtimes start it through `src/runtime/serve.ts`.
 *
 * @module
 */
import { Hono } from "hono";
import { cors } from "hono/cors";
import { registerRoutes } from "./app_routes.ts";
import { Broker } from "./broker.ts";
import { errorResponse, HttpError } from "./errors.ts";
import { Metrics } from "./metrics.ts";
import { clientAndPath, rateLimit } from "./middleware.ts";
import { DOC_ROUTES } from "./openapi.ts";
import { resolveOptions, type ServerOptions } from "./options.ts";
import { ResponseCache } from "./response_cache.ts";
import type { AppEnv, AppState, RouteDoc, ServerEnv } from "./route.ts";
import { ROUTES } from "./routes.ts";
import { Updater } from "./updater.ts";
import { catalogVersion } from "./version.ts";

/** The app made by {@link createApp}. */
export interface ServerApp {
  /** Answers a request; `env` carries the client address and the runtime's server object. */
  fetch(request: Request, env?: ServerEnv): Response | Promise<Response>;
  /** Answers a path or request in-process (tests). */
  request(input: string | Request | URL, init?: RequestInit, env?: ServerEnv): Response | Promise<Response>;
  /** The event broker. */
  broker: Broker;
  /** Runs and observes updates. */
  updater: Updater;
  /** The normalised path prefix. */
  prefix: string;
  /** Every route, as documented. */
  routes: readonly RouteDoc[];
  /** Requests being answered now (streams count until their response starts). */
  inFlight(): number;
  /** How many read responses (and body bytes) are cached for the snapshot served now. */
  cacheSize(): { entries: number; bytes: number };
  /**
   * Begins shutdown: new requests get 503, `/ready` says draining, event streams close, the schedule stops and a
   * running update is aborted.
   */
  close(): Promise<void>;
  /** Settles when no request is being answered (at most `timeoutMs` later). */
  drained(timeoutMs?: number): Promise<void>;
}

/** Marks a response `X-Content-Type-Options: nosniff` (a WebSocket upgrade's headers may be immutable). */
function nosniff(res: Response): Response {
  try {
    res.headers.set("x-content-type-options", "nosniff");
  } catch {
    // immutable headers: the upgrade has no body to sniff
  }
  return res;
}

/**
 * Makes the server app. It subscribes to the backend's updates at once, before any scheduled update runs.
 *
 * @example
 * ```ts
 * const app = createApp({ backend: snapshotBackend(embeddedCatalog()) });
 * const res = await app.request("/api/v1/models/openai/gpt-4o");
 * ```
 */
export function createApp(options: ServerOptions): ServerApp {
  const opts = resolveOptions(options);
  const { prefix, logger, backend } = opts;
  const broker = new Broker(opts.broker);
  broker.heartbeatData = () => {
    const c = backend.snapshot();
    return { time: new Date().toISOString(), version: c ? catalogVersion(c) : null };
  };
  const metrics = new Metrics();
  const updater = new Updater(backend, broker, logger, metrics);
  const initial = backend.snapshot();
  if (initial) catalogVersion(initial);
  const routes = [...ROUTES, ...DOC_ROUTES];
  const state: AppState = { options: opts, broker, updater, draining: false, routes, metrics };
  const cache = new ResponseCache(opts.responseCache);
  let inFlight = 0;
  const idle = new Set<() => void>();
  const app = new Hono<AppEnv>();
  app.use("*", async (c, next) => {
    const start = performance.now();
    // While draining, /ready still answers (with `draining`), so a load balancer sees why.
    if (state.draining && c.req.path !== `${prefix}/ready`) {
      const res = errorResponse(new HttpError(503, "shutting_down", "the server is shutting down"));
      res.headers.set("connection", "close");
      return res;
    }
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
      if (inFlight === 0) { for (const wake of idle) wake(); }
      metrics.request(c.get("route") ?? "unmatched", c.res.status, (performance.now() - start) / 1000);
      if (opts.logRequests && logger) {
        const ms = (performance.now() - start).toFixed(1);
        logger.info(
          `${c.req.method} ${new URL(c.req.url).pathname} ${c.res.status} ${ms}ms ${c.env?.clientIp ?? "-"}`,
        );
      }
    }
  });
  if (opts.corsOrigins?.length) {
    const origins = [...opts.corsOrigins];
    app.use(
      "*",
      cors({
        origin: origins.includes("*") ? "*" : origins,
        allowMethods: ["GET", "HEAD", "POST", "OPTIONS"],
        allowHeaders: ["Content-Type", "Authorization", "X-API-Key", "If-None-Match"],
        exposeHeaders: ["ETag", "Retry-After", "X-Catalog-Version"],
        maxAge: 600,
      }),
    );
  }
  app.use("*", clientAndPath(opts.trustProxy ?? []));
  if (opts.rateLimit) app.use("*", rateLimit(opts.rateLimit, opts.limiter, () => metrics.rateLimited()));

  registerRoutes(app, state, cache);

  if (opts.autoUpdateMs) updater.schedule(opts.autoUpdateMs, opts.updateTimeoutMs);
  return {
    fetch: async (request, env) => nosniff(await app.fetch(request, env)),
    request: async (input, init, env) => nosniff(await app.request(input, init, env)),
    broker,
    updater,
    prefix,
    routes,
    inFlight: () => inFlight,
    cacheSize() {
      const snapshot = backend.snapshot();
      return snapshot ? cache.size(snapshot) : { entries: 0, bytes: 0 };
    },
    async close() {
      state.draining = true;
      broker.close();
      await updater.close();
    },
    async drained(timeoutMs = 10_000) {
      if (inFlight === 0) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let wake!: () => void;
      await new Promise<void>((resolve) => {
        wake = resolve;
        idle.add(wake);
        timer = setTimeout(resolve, timeoutMs);
      });
      idle.delete(wake);
      clearTimeout(timer);
    },
  };
}
