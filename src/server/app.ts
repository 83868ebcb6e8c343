/**
 * The web-standard app: `fetch(Request) → Response` over a {@link CatalogBackend}, with the middleware for
 * logging, CORS, rate limiting, timeouts, ETags and errors. Runtimes start it through `src/runtime/serve.ts`.
 *
 * @module
 */
import { type Context, Hono } from "hono";
import { cors } from "hono/cors";
import type { Catalog } from "../catalog/catalog.ts";
import { Broker } from "./broker.ts";
import { isProvidersPath } from "./catalog_handlers.ts";
import { errorResponse, HttpError, toHttpError } from "./errors.ts";
import { DOC_ROUTES } from "./openapi.ts";
import { resolveOptions, type ServerOptions } from "./options.ts";
import { isLoopback, RateLimiter } from "./rate_limit.ts";
import { type CachedResponse, pathAndQuery, ResponseCache } from "./response_cache.ts";
import type { AppEnv, AppState, RouteDoc, RouteRequest, RouteSpec, ServerEnv } from "./route.ts";
import { ROUTES } from "./routes.ts";
import { Updater } from "./updater.ts";
import { catalogVersion, fnv1a } from "./version.ts";
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

const JSON_TYPE = "application/json; charset=utf-8";
const encoder = new TextEncoder();

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((t) => {
    const tag = t.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag;
  });
}

function toRegex(path: string): RegExp {
  const body = path.split(/(\{\w+\})/).map((part) =>
    part === "{model}" ? ".+" : part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  ).join("");
  return new RegExp(`^${body}$`);
}

async function withTimeout<T>(ms: number, work: () => T | Promise<T>): Promise<T> {
  const started = work();
  // A synchronous handler has finished before any timer could fire: no timer needed.
  if (!(started instanceof Promise)) return started;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new HttpError(503, "timeout", `the request took longer than ${ms} ms`)),
      ms,
    );
  });
  try {
    return await Promise.race([started, late]);
  } finally {
    clearTimeout(timer);
  }
}

function routeRequest(c: Context<AppEnv>, state: AppState, snapshot: Catalog | undefined): RouteRequest {
  const catalog = () => {
    if (snapshot) return snapshot;
    throw new HttpError(503, "not_ready", "the catalog is not loaded yet");
  };
  return {
    c,
    url: new URL(c.req.url),
    params: c.req.param() as Record<string, string>,
    catalog,
    version: () => catalogVersion(catalog()),
    state,
  };
}

function readHeaders(etag: string, version: string, maxAge: number): Record<string, string> {
  return { etag, "cache-control": `public, max-age=${maxAge}`, "x-catalog-version": version };
}

/** 304 when the request's `If-None-Match` names `etag`. */
function notModified(
  c: Context<AppEnv>,
  etag: string,
  version: string,
  maxAge: number,
): Response | undefined {
  if (!etagMatches(c.req.header("if-none-match"), etag)) return undefined;
  return new Response(null, { status: 304, headers: readHeaders(etag, version, maxAge) });
}

function readBody({ body, etag, version }: CachedResponse, maxAge: number): Response {
  return new Response(body, {
    headers: { "content-type": JSON_TYPE, ...readHeaders(etag, version, maxAge) },
  });
}

async function answer(route: RouteSpec, r: RouteRequest, cache: ResponseCache): Promise<Response> {
  const { options } = r.state;
  if (route.kind === "read") {
    const key = r.url.pathname + r.url.search;
    const version = r.version();
    const etag = `"${version}-${fnv1a(key)}"`;
    const unchanged = notModified(r.c, etag, version, options.cacheMaxAge);
    if (unchanged) return unchanged;
    const value = await withTimeout(options.requestTimeoutMs, () => route.handle(r));
    const made = { body: encoder.encode(JSON.stringify(value)), etag, version };
    cache.set(r.catalog(), key, made);
    return readBody(made, options.cacheMaxAge);
  }
  const work = () => route.handle(r);
  const result = route.kind === "stream" || route.kind === "admin"
    ? await work()
    : await withTimeout(options.requestTimeoutMs, work);
  if (result instanceof Response) return result;
  const headers: Record<string, string> = { "content-type": JSON_TYPE, "cache-control": "no-store" };
  if (route.kind === "search") headers["x-catalog-version"] = r.version();
  return new Response(JSON.stringify(result), { status: route.response.status, headers });
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
    return notModified(c, hit.etag, hit.version, opts.cacheMaxAge) ?? readBody(hit, opts.cacheMaxAge);
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
    if (state.draining) {
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
  if (opts.rateLimit) {
    const limits = opts.rateLimit;
    const limiter = new RateLimiter(limits);
    app.use("*", async (c, next) => {
      const ip = c.env?.clientIp ?? "unknown";
      if (limits.loopback || !isLoopback(ip)) {
        const admission = limiter.take(ip);
        if (!admission.ok) {
          throw new HttpError(429, "rate_limited", `too many requests: retry in ${admission.retryAfter} s`, {
            headers: { "retry-after": String(admission.retryAfter) },
          });
        }
      }
      await next();
    });
  }

  const wild = routes.filter((r) => r.path.includes("{model}"));
  const providersRoute = wild.find((r) => r.path.endsWith("/providers"))!;
  const modelRoute = wild.find((r) => r.path.startsWith("/models/") && !r.path.endsWith("/providers"))!;
  const offeringRoute = wild.find((r) => r.path.startsWith("/offerings/"));
  for (const route of routes.filter((r) => !wild.includes(r))) {
    const path = `${prefix}${route.path.replace(/\{(\w+)\}/g, ":$1")}`;
    const handler = (c: Context<AppEnv>) => {
      const snapshot = backend.snapshot();
      return (route.kind === "read" && cachedRead(c, snapshot)) ||
        answer(route, routeRequest(c, state, snapshot), cache);
    };
    if (route.operationId === "websocket" && opts.websocket) {
      app.get(
        path,
        honoUpgrader(opts.websocket)(() =>
          eventSocket(broker, () => broker.event("ready", broker.heartbeatData()))
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
  if (offeringRoute) {
    app.get(`${prefix}/offerings/*`, (c) => {
      const snapshot = backend.snapshot();
      return cachedRead(c, snapshot) || answer(offeringRoute, routeRequest(c, state, snapshot), cache);
    });
  }

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
    fetch: (request, env) => app.fetch(request, env),
    request: app.request,
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
