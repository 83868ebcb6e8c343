/**
 * Handlers of the service routes: health, readiness, events, WebSocket fallback and the admin update.
 *
 * @module
 */
import { requireKey } from "./_auth.ts";
import { readJson } from "./_body.ts";
import type { UpdateRequest } from "./_backend.ts";
import { badParameter, HttpError, resolveParameter } from "./_errors.ts";
import { parseQuery, UPDATE_QUERY, WS_QUERY } from "./_query.ts";
import type { RouteRequest } from "./_route.ts";
import { UpdateBody } from "./_schemas.ts";
import { sseStream } from "./_sse.ts";
import { STREAM_HEADERS } from "./_answer.ts";
import { catalogVersion } from "./_content_hash.ts";
import { sourceHealth } from "../http/mod.ts";

/** `GET /health`: the process answers. */
export function health(): unknown {
  return { status: "ok" };
}

/**
 * `GET /ready`: a catalog is loaded and the server is not draining; each source's circuit and last success. A fleet replica that cannot reach Redis is
 * `degraded` (200: it still serves its last generation).
 */
export function ready(r: RouteRequest): Response {
  const { backend } = r.state.options;
  const catalog = backend.snapshot();
  const degraded = backend.status?.().state === "degraded";
  const status = r.state.draining ? "draining" : !catalog ? "not_ready" : degraded ? "degraded" : "ready";
  const body = {
    status,
    version: catalog ? r.version() : null,
    models: catalog ? catalog.models.length : null,
    sources: sourceHealth(),
  };
  return Response.json(body, {
    status: status === "ready" || status === "degraded" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}

/**
 * `GET /events`: Server-Sent Events; the subscription is registered before the response is returned. A client
 * resuming with `Last-Event-ID` gets the events it missed from the broker's bounded history, or a `refetch` event
 * when they are no longer held.
 */
export function events(r: RouteRequest): Response {
  const { broker } = r.state;
  const sub = broker.subscribe(r.client);
  const first = [broker.event("ready", broker.heartbeatData())];
  const last = r.c.req.header("last-event-id");
  if (last !== undefined) first.push(...broker.resume(last));
  return new Response(sseStream(sub, first), { headers: STREAM_HEADERS });
}

/** `GET /ws` without an upgrade: says what to do (after refusing a query it does not take). */
export function wsFallback(r: RouteRequest): never {
  parseQuery(r.url.searchParams, WS_QUERY);
  if (!r.state.options.websocket) {
    throw new HttpError(
      501,
      "not_implemented",
      "WebSocket is not available in this runtime; use /events (SSE)",
    );
  }
  throw new HttpError(426, "upgrade_required", "this route speaks WebSocket: send Upgrade: websocket", {
    headers: { upgrade: "websocket" },
  });
}

/** The update a request asks for: the query (`?provider=&source=`) and the body agree, or it is a 400. */
function updateRequest(
  r: RouteRequest,
  body: { provider?: string | undefined; sources?: string[] | undefined },
): UpdateRequest {
  const query = parseQuery(r.url.searchParams, UPDATE_QUERY) as UpdateRequest;
  const provider = query.provider ?? body.provider;
  if (query.provider && body.provider && query.provider !== body.provider) {
    throw badParameter("provider", `the query says "${query.provider}", the body "${body.provider}"`);
  }
  const sources = query.sources ?? body.sources;
  if (query.sources && body.sources && query.sources.join() !== body.sources.join()) {
    throw badParameter("source", "the query and the body name different sources");
  }
  if (provider !== undefined) resolveParameter("provider", provider, (n) => r.catalog().resolveProvider(n));
  return { ...(provider ? { provider } : {}), ...(sources ? { sources } : {}) };
}

/** `POST /update` (admin): runs exactly the update asked for and returns what changed. */
export async function update(r: RouteRequest): Promise<unknown> {
  requireKey(r.c.req.raw.headers, r.state.options.authKey);
  const body = await readJson(r.c.req.raw, UpdateBody, {
    max: r.state.options.maxBodyBytes,
    emptyAsObject: true,
  });
  const request = updateRequest(r, body);
  if (!r.state.updater.canUpdate) {
    throw new HttpError(501, "not_implemented", "this server cannot update its catalog");
  }
  return await r.state.updater.run(request, r.state.options.updateTimeoutMs);
}

/** `GET /metrics`: Prometheus text. */
export function metrics(r: RouteRequest): Response {
  const { backend } = r.state.options;
  const text = r.state.metrics.render({
    streams: () => r.state.broker.size(),
    generation: () => {
      const c = backend.snapshot();
      return c ? catalogVersion(c) : null;
    },
    lease: () => {
      const s = backend.status?.();
      return s && "leaseHolder" in s
        ? { holder: s.leaseHolder ?? null, self: s.isLeaseHolder ?? false }
        : undefined;
    },
    degraded: () => backend.status?.().state === "degraded",
  });
  return new Response(text, {
    headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" },
  });
}
