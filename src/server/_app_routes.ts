/**
 * The app's routing: every route of the table registered on hono, the `/models/*` paths whose model ids hold
 * `/`, the read cache in front of catalog reads, and 404/405/OPTIONS for what matches no route.
 *
 * @module
 */
import type { Context, Hono } from "hono";
import type { Catalog } from "../catalog/mod.ts";
import { answer, answerCached, routeRequest } from "./_answer.ts";
import { isProvidersPath } from "./_catalog_handlers.ts";
import { errorResponse, HttpError, toHttpError } from "./_errors.ts";
import { wsOrigin } from "./_middleware.ts";
import { parseQuery, WS_QUERY } from "./_query.ts";
import { pathAndQuery, type ResponseCache } from "./_response_cache.ts";
import type { AppEnv, AppState } from "./_route.ts";
import { eventSocket, honoUpgrader } from "./_websocket.ts";

function toRegex(path: string): RegExp {
  const body = path.split(/(\{\w+\})/).map((part) =>
    part === "{model}" ? ".+" : part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  ).join("");
  return new RegExp(`^${body}$`);
}

function methodsOf(state: AppState) {
  const { prefix } = state.options;
  const matchers = state.routes.map((r) => ({
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
  return { allowed, allowHeader, notAllowed };
}

/** The WebSocket upgrade at `path`, when the runtime can upgrade: admitted like a stream, resumable with `since`. */
function registerWebSocket(app: Hono<AppEnv>, path: string, state: AppState): void {
  const { options: opts, broker } = state;
  if (!opts.websocket) return;
  app.get(path, wsOrigin(opts.corsOrigins), (c, next) => {
    if (c.req.header("upgrade")?.toLowerCase() === "websocket") {
      parseQuery(new URL(c.req.url).searchParams, WS_QUERY);
      broker.admit(c.get("client"));
    }
    return next();
  });
  app.get(
    path,
    honoUpgrader(opts.websocket)((c) => {
      const since = c.req.query("since");
      return eventSocket(broker, c.get("client"), () => [
        broker.event("ready", broker.heartbeatData()),
        ...(since === undefined ? [] : broker.resume(since)),
      ]);
    }),
  );
}

/** Registers every route of `state.routes` on `app`, with the read cache, 404, 405, OPTIONS and errors. */
export function registerRoutes(app: Hono<AppEnv>, state: AppState, cache: ResponseCache): void {
  const opts = state.options;
  const { prefix, logger, backend } = opts;
  const routes = state.routes;
  const { allowed, allowHeader, notAllowed } = methodsOf(state);
  // Catalog reads already answered on this snapshot are served from the cache: same bytes, same ETag.
  const cachedRead = (c: Context<AppEnv>, snapshot: Catalog | undefined): Response | undefined => {
    const hit = snapshot && cache.get(snapshot, pathAndQuery(c.req.url));
    if (!hit) return undefined;
    return answerCached(hit, c.req.header("if-none-match"));
  };
  const wild = routes.filter((r) => r.path.includes("{model}"));
  const providersRoute = wild.find((r) => r.path.endsWith("/providers"))!;
  const modelRoute = wild.find((r) => r.path.startsWith("/models/") && !r.path.endsWith("/providers"))!;
  const offeringRoute = wild.find((r) => r.path.startsWith("/offerings/"));
  for (const route of routes.filter((r) => !wild.includes(r))) {
    const path = `${prefix}${route.path.replace(/\{(\w+)\}/g, ":$1")}`;
    const handler = (c: Context<AppEnv>) => {
      c.set("route", route.operationId);
      const snapshot = backend.snapshot();
      return (route.kind === "read" && cachedRead(c, snapshot)) ||
        answer(route, routeRequest(c, state, snapshot), cache);
    };
    if (route.operationId === "websocket") registerWebSocket(app, path, state);
    if (route.method === "GET") app.get(path, handler);
    else app.post(path, handler);
  }
  app.get(`${prefix}/models/*`, (c) => {
    c.set("route", modelRoute.operationId);
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
      c.set("route", offeringRoute.operationId);
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
}
