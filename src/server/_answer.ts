/**
 * How a matched route is answered: the request view a handler gets, conditional requests, the time limit, and
 * the serialisation of read responses (made once per snapshot and path, then served from the cache).
 *
 * @module
 */
import type { Context } from "hono";
import type { Catalog } from "../catalog/mod.ts";
import { withDeadline } from "../http/mod.ts";
import { type StaticAnswer, staticParts, staticResponse } from "../runtime/mod.ts";
import { HttpError } from "./_errors.ts";
import { noQuery } from "./_guards.ts";
import type { CachedResponse, ResponseCache } from "./_response_cache.ts";
import type { AppEnv, AppState, RouteRequest, RouteSpec } from "./_route.ts";
import { catalogVersion, fnv1a } from "./_content_hash.ts";

const JSON_TYPE = "application/json; charset=utf-8";
const encoder = new TextEncoder();

/** The headers of an event stream (also answered to `HEAD`, which opens no stream). */
export const STREAM_HEADERS: Record<string, string> = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-store",
  "x-accel-buffering": "no",
};

/**
 * Whether `If-None-Match` names `etag`. `*` matches only when `exists`: a representation is known to exist (a
 * cached or just-made response), never before the handler has found the resource.
 */
export function etagMatches(header: string | null | undefined, etag: string, exists: boolean): boolean {
  if (!header) return false;
  return header.split(",").some((t) => {
    const tag = t.trim().replace(/^W\//, "");
    return tag === "*" ? exists : tag === etag;
  });
}

async function withTimeout<T>(ms: number, work: () => T | Promise<T>): Promise<T> {
  const started = work();
  // A synchronous handler has finished before any timer could fire: no timer needed.
  if (!(started instanceof Promise)) return started;
  return await withDeadline(ms, () => started, {
    reason: () => new HttpError(503, "timeout", `the request took longer than ${ms} ms`),
  });
}

/** The view of a request a handler gets. */
export function routeRequest(
  c: Context<AppEnv>,
  state: AppState,
  snapshot: Catalog | undefined,
): RouteRequest {
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
    client: c.get("client") ?? c.env?.clientIp ?? "unknown",
  };
}

function readHeaders(etag: string, version: string, maxAge: number): Record<string, string> {
  return {
    etag,
    "cache-control": `public, max-age=${maxAge}`,
    "x-catalog-version": version,
    "x-content-type-options": "nosniff",
  };
}

/** 304 when the request's `If-None-Match` names `etag` (or is `*` and the representation exists). */
export function notModified(
  header: string | null | undefined,
  cached: { etag: string; version: string },
  maxAge: number,
  exists: boolean,
): Response | undefined {
  if (!etagMatches(header, cached.etag, exists)) return undefined;
  return new Response(null, { status: 304, headers: readHeaders(cached.etag, cached.version, maxAge) });
}

/** The cached form of a read response: its body once, and the headers of its 200 and 304 answers made once. */
export function cachedResponse(
  body: string,
  made: { etag: string; version: string; route: string },
  maxAge: number,
): CachedResponse {
  const notModified = readHeaders(made.etag, made.version, maxAge);
  const headers = { "content-type": JSON_TYPE, ...notModified };
  return {
    body,
    bytes: encoder.encode(body).byteLength,
    ...made,
    headers,
    notModified,
    ok: staticParts(body, headers),
    unchanged: staticParts("", notModified, 304),
  };
}

/**
 * The prepared answer of a cached response: 304 when `If-None-Match` names its ETag, else its body. `extra`
 * headers (the rate limit's) are added when the answer is written, never to the shared parts.
 */
export function cachedAnswer(
  hit: CachedResponse,
  ifNoneMatch: string | null | undefined,
  extra?: Record<string, string>,
): StaticAnswer {
  const unchanged = !!ifNoneMatch && etagMatches(ifNoneMatch, hit.etag, true);
  return { parts: unchanged ? hit.unchanged : hit.ok, extra };
}

/** {@link cachedAnswer} as a `Response`. */
export function answerCached(
  hit: CachedResponse,
  ifNoneMatch: string | null | undefined,
  extra?: Record<string, string>,
): Response {
  return staticResponse(cachedAnswer(hit, ifNoneMatch, extra));
}

async function read(route: RouteSpec, r: RouteRequest, cache: ResponseCache): Promise<Response> {
  const { options } = r.state;
  const key = r.url.pathname + r.url.search;
  const version = r.version();
  const made = { etag: `"${version}-${fnv1a(key)}"`, version, route: r.c.get("route") ?? route.operationId };
  const ifNoneMatch = r.c.req.header("if-none-match");
  const unchanged = notModified(ifNoneMatch, made, options.cacheMaxAge, false);
  if (unchanged) return unchanged;
  const value = await withTimeout(options.requestTimeoutMs, () => route.handle(r));
  const response = cachedResponse(JSON.stringify(value), made, options.cacheMaxAge);
  cache.set(r.catalog(), key, response);
  return answerCached(response, ifNoneMatch);
}

/** Answers a matched route: reads through the cache, streams and admin routes without the time limit. */
export async function answer(route: RouteSpec, r: RouteRequest, cache: ResponseCache): Promise<Response> {
  if (!route.query) noQuery(r.url);
  if (route.kind === "read") return await read(route, r, cache);
  // HEAD describes a stream without opening one: nothing is subscribed.
  if (route.kind === "stream" && r.c.req.method === "HEAD") {
    return new Response(null, { headers: STREAM_HEADERS });
  }
  const { options } = r.state;
  const work = () => route.handle(r);
  const result = route.kind === "stream" || route.kind === "admin"
    ? await work()
    : await withTimeout(options.requestTimeoutMs, work);
  if (result instanceof Response) return result;
  const headers: Record<string, string> = { "content-type": JSON_TYPE, "cache-control": "no-store" };
  if (route.kind === "search") headers["x-catalog-version"] = r.version();
  return new Response(JSON.stringify(result), { status: route.response.status, headers });
}
