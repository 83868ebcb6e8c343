/**
 * Handlers of the service routes: health, readiness, events, WebSocket fallback and the admin update.
 *
 * @module
 */
import { requireKey } from "./auth.ts";
import { readJson } from "./body.ts";
import { HttpError } from "./errors.ts";
import type { RouteRequest } from "./route.ts";
import { UpdateBody } from "./schemas.ts";
import { sseStream } from "./sse.ts";

/** `GET /health`: the process answers. */
export function health(): unknown {
  return { status: "ok" };
}

/** `GET /ready`: a catalog is loaded and the server is not draining. */
export function ready(r: RouteRequest): Response {
  const catalog = r.state.options.backend.snapshot();
  const status = r.state.draining ? "draining" : catalog ? "ready" : "not_ready";
  const body = {
    status,
    version: catalog ? r.version() : null,
    models: catalog ? catalog.models.length : null,
  };
  return Response.json(body, {
    status: status === "ready" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}

/** `GET /events`: Server-Sent Events; the subscription is registered before the response is returned. */
export function events(r: RouteRequest): Response {
  const { broker } = r.state;
  const sub = broker.subscribe();
  const first = broker.event("ready", broker.heartbeatData());
  return new Response(sseStream(sub, first), {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
    },
  });
}

/** `GET /ws` without an upgrade: says what to do. */
export function wsFallback(r: RouteRequest): never {
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

/** `POST /update` (admin): runs one update and returns what changed. */
export async function update(r: RouteRequest): Promise<unknown> {
  requireKey(r.c.req.raw.headers, r.state.options.authKey);
  const body = await readJson(r.c.req.raw, UpdateBody, {
    max: r.state.options.maxBodyBytes,
    emptyAsObject: true,
  });
  if (!r.state.updater.canUpdate) {
    throw new HttpError(501, "not_implemented", "this server cannot update its catalog");
  }
  return await r.state.updater.run(body, r.state.options.updateTimeoutMs);
}
