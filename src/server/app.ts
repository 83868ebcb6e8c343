/**
 * The web-standard app: `fetch(Request) → Response` over a {@link CatalogBackend}, with the middleware for
 * logging, CORS, rate limiting, timeouts, ETags and errors. Runtimes start it through `src/runtime/serve.ts`.
 *
 * @module
 */
import { type Context, Hono } from "hono";
import { cors } from "hono/cors";
import type { Catalog } from "../catalog/catalog.ts";
import { answer, notModified, readBody, routeRequest } from "./answer.ts";
import { Broker } from "./broker.ts";
import { isProvidersPath } from "./catalog_handlers.ts";
import { errorResponse, HttpError, toHttpError } from "./errors.ts";
import { clientAndPath, rateLimit, wsOrigin } from "./middleware.ts";
import { DOC_ROUTES } from "./openapi.ts";
import { resolveOptions, type ServerOptions } from "./options.ts";
import { pathAndQuery, ResponseCache } from "./response_cache.ts";
import type { AppEnv, AppState, RouteDoc, ServerEnv } from "./route.ts";
import { ROUTES } from "./routes.ts";
import { Updater } from "./updater.ts";
import { catalogVersion } from "./version.ts";
import { eventSocket, honoUpgrader } from "./websocket.ts";

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

function toRegex(path: string): RegExp {
  const body = path.split(/(\{\w+\})/).map((part) =>
    part === "{model}" ? ".+" : part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  ).join("");
  return new RegExp(`^${body}$`);
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
  const updater = new Updater(backend, broker, logger);
  const initial = backend.snapshot();
  if (initial) catalogVersion(initial);
  const routes = [...ROUTES, ...DOC_ROUTES];
  const state: AppState = { options: opts, broker, updater, draining: false, routes };
  const cache = new ResponseCache(opts.responseCache);
  // Catalog reads already answered on this snapshot are served from the cache: same bytes, same ETag.
  const cachedRead = (c: Context<AppEnv>, snapshot: Catalog | undefined): Response | undefined => {
    const hit = snapshot && cache.get(snapshot, pathAndQuery(c.req.url));
    if (!hit) return undefined;
    return notModified(c.req.header("if-none-match"), hit, opts.cacheMaxAge, true) ??
      readBody(hit, opts.cacheMaxAge);
  };
  const matchers = routes.map((r) => ({
    route: r,
    re: toRegex(`${prefix}${r.path}`),
    literal: r.path.includes("{") ? undefined : `${prefix}${r.path}`,
    wild: r.path.includes("{model}"),
  }));
  const allowed = (path: string, skipWild = false) => [
    ...new Set(
      matchers.filter((m) =>
        (m.literal === undefined ? m.re.test(path) : m.literal === path) && !(skipWild && m.wild)
      ).map((m) => m.route.method),
    ),
  ];
  const allowHeader = (methods: string[]) =>
    [...methods, ...(methods.includes("GET") ? ["HEAD"] : [])].join(", ");
  const notAllowed = (methods: string[]) =>
    new HttpError(405, "method_not_allowed", `use ${methods.join(" or ")} on this route`, {
      headers: { allow: allowHeader(methods) },
    });

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
  if (opts.rateLimit) app.use("*", rateLimit(opts.rateLimit));

  const wild = routes.filter((r) => r.path.includes("{model}"));
  const providersRoute = wild.find((r) => r.path.endsWith("/providers"))!;
  const modelRoute = wild.find((r) => !r.path.endsWith("/providers"))!;
  for (const route of routes.filter((r) => !wild.includes(r))) {
    const path = `${prefix}${route.path.replace(/\{(\w+)\}/g, ":$1")}`;
    const handler = (c: Context<AppEnv>) => {
      const snapshot = backend.snapshot();
      return (route.kind === "read" && cachedRead(c, snapshot)) ||
        answer(route, routeRequest(c, state, snapshot), cache);
    };
    if (route.operationId === "websocket" && opts.websocket) {
      app.get(path, wsOrigin(opts.corsOrigins), (c, next) => {
        if (c.req.header("upgrade")?.toLowerCase() === "websocket") broker.admit(c.get("client"));
        return next();
      });
      app.get(
        path,
        honoUpgrader(opts.websocket)((c) =>
          eventSocket(broker, c.get("client"), () => broker.event("ready", broker.heartbeatData()))
        ),
      );
    }
    if (route.method === "GET") app.get(path, handler);
    else app.post(path, handler);
  }
  app.get(`${prefix}/models/*`, (c) => {
    const snapshot = backend.snapshot();
    const hit = cachedRead(c, snapshot);
    if (hit) return hit;
    const r = routeRequest(c, state, snapshot);
    const methods = allowed(r.url.pathname, true);
    if (methods.length && !methods.includes("GET")) throw notAllowed(methods);
    return answer(isProvidersPath(r) ? providersRoute : modelRoute, r, cache);
  });

  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    const methods = allowed(path);
    if (c.req.method === "OPTIONS" && methods.length) {
      return new Response(null, { status: 204, headers: { allow: `${allowHeader(methods)}, OPTIONS` } });
    }
    if (methods.length) return errorResponse(notAllowed(methods));
    return errorResponse(new HttpError(404, "not_found", `no route ${path}; see ${prefix}/docs`));
  });
  app.onError((error) => {
    const e = toHttpError(error);
    if (e.status >= 500 && !(error instanceof HttpError)) {
      logger?.error(
        `internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`,
      );
    }
    return errorResponse(e);
  });

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
