/**
 * The web-standard app: `fetch(Request) → Response` over a {@link CatalogBackend}, with the middleware for
 * logging, CORS, rate limiting, timeouts, ETags and errors. Runtimes start it through `src/runtime/_serve.ts`.
 *
 * @module
 */
import { Hono, type MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { registerRoutes } from "./_app_routes.ts";
import { Broker } from "./_broker.ts";
import { errorResponse, HttpError } from "./_errors.ts";
import { Metrics } from "./_metrics.ts";
import { type FastAnswer, type FastRead, fastRead } from "./_fast_read.ts";
import type { RequestView } from "../runtime/mod.ts";
import { clientAndPath, headLength, rateLimit } from "./_middleware.ts";
import { DOC_ROUTES } from "./_openapi.ts";
import { resolveOptions, type ServerOptions } from "./_options.ts";
import { RateLimiter } from "./_rate_limit.ts";
import { ResponseCache } from "./_response_cache.ts";
import type { AppEnv, AppState, RouteDoc, ServerEnv } from "./_route.ts";
import { ROUTES } from "./_routes.ts";
import { Updater } from "./_updater.ts";
import { catalogVersion } from "./_content_hash.ts";

/** The app made by {@link createApp}. */
export interface ServerApp {
  /** Answers a request; `env` carries the client address and the runtime's server object. */
  fetch(request: Request, env?: ServerEnv): Response | Promise<Response>;
  /**
   * Answers a cached read from prepared parts, or returns undefined for {@link ServerApp.fetch}: the runtime
   * layer's hot path, not part of the library's API.
   *
   * @ignore
   */
  fast(view: RequestView): FastAnswer;
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

/** Counts requests being answered and wakes those waiting for none. */
class InFlight {
  count = 0;
  readonly #idle = new Set<() => void>();

  enter(): void {
    this.count++;
  }

  leave(): void {
    this.count--;
    if (this.count === 0) { for (const wake of this.#idle) wake(); }
  }

  async drained(timeoutMs: number): Promise<void> {
    if (this.count === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wake!: () => void;
    await new Promise<void>((resolve) => {
      wake = resolve;
      this.#idle.add(wake);
      timer = setTimeout(resolve, timeoutMs);
    });
    this.#idle.delete(wake);
    clearTimeout(timer);
  }
}

/**
 * The outermost middleware: refuses requests while draining (except `/ready`), counts those in flight, records
 * metrics and logs one line per request at `-v`.
 */
function gate(state: AppState, inFlight: InFlight): MiddlewareHandler<AppEnv> {
  const { prefix, logger, logRequests } = state.options;
  return async (c, next) => {
    const start = performance.now();
    // While draining, /ready still answers (with `draining`), so a load balancer sees why.
    if (state.draining && c.req.path !== `${prefix}/ready`) {
      const res = errorResponse(new HttpError(503, "shutting_down", "the server is shutting down"));
      res.headers.set("connection", "close");
      return res;
    }
    inFlight.enter();
    try {
      await next();
    } finally {
      inFlight.leave();
      const seconds = (performance.now() - start) / 1000;
      state.metrics.request(c.get("route") ?? "unmatched", c.res.status, seconds);
      if (logRequests && logger) {
        const where = `${new URL(c.req.url).pathname} ${c.res.status} ${(seconds * 1000).toFixed(1)}ms`;
        logger.info(`${c.req.method} ${where} ${c.env?.clientIp ?? "-"}`);
      }
    }
  };
}

/** The app's ways in: a `Request` or the runtime's view of one, cache first, then routed. */
function entries(
  fast: FastRead,
  app: Hono<AppEnv>,
  inFlight: InFlight,
): Pick<ServerApp, "fetch" | "fast" | "request"> {
  const routed = async (request: Request, env?: ServerEnv) => nosniff(await app.fetch(request, env));
  // A shared limiter answers later: the request counts as in flight until then.
  const counted = <T>(later: Promise<T>): Promise<T> => {
    inFlight.enter();
    return later.finally(() => inFlight.leave());
  };
  const one = (request: Request, env?: ServerEnv): Response | Promise<Response> => {
    const hit = fast.request(request, env);
    return hit instanceof Promise ? counted(hit) : hit ?? routed(request, env);
  };
  return {
    fetch: one,
    fast: (view) => {
      const hit = fast.view(view);
      return hit instanceof Promise ? counted(hit) : hit;
    },
    // In-process requests take the same path as served ones, the cache-first answer included.
    request: (input, init, env) => {
      const req = input instanceof Request && !init ? input : new Request(
        typeof input === "string" && !/^https?:\/\//.test(input) ? `http://localhost${input}` : input,
        init,
      );
      return one(req, env);
    },
  };
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
  const inFlight = new InFlight();
  const app = new Hono<AppEnv>();
  app.use("*", gate(state, inFlight));
  app.use("*", headLength());
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
  const limiter = opts.rateLimit ? opts.limiter ?? new RateLimiter(opts.rateLimit) : undefined;
  if (opts.rateLimit && limiter) {
    app.use(
      "*",
      rateLimit(opts.rateLimit, limiter, () => metrics.rateLimited()),
    );
  }

  registerRoutes(app, state, cache);

  if (opts.autoUpdateMs) updater.schedule(opts.autoUpdateMs, opts.updateTimeoutMs);
  return {
    ...entries(fastRead(state, cache, limiter), app, inFlight),
    broker,
    updater,
    prefix,
    routes,
    inFlight: () => inFlight.count,
    cacheSize() {
      const snapshot = backend.snapshot();
      return snapshot ? cache.size(snapshot) : { entries: 0, bytes: 0 };
    },
    async close() {
      state.draining = true;
      broker.close();
      await updater.close();
    },
    drained: (timeoutMs = 10_000) => inFlight.drained(timeoutMs),
  };
}
