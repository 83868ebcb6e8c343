/**
 * The hot path of a replica: a GET whose response is already cached for the snapshot served now is answered
 * from the body and headers prepared once, before any routing or middleware runs, with the same ETag, 304, rate
 * limit and metrics as the routed path. Everything else (a miss, another method, CORS, draining, request
 * logging) goes through the app.
 *
 * @module
 */
import { answerCached } from "./_answer.ts";
import { clientAddress, inRanges } from "./_client_address.ts";
import { errorResponse, HttpError } from "./_errors.ts";
import { admitted, type Limiter } from "./_middleware.ts";
import type { Admission } from "./_rate_limit.ts";
import { type CachedResponse, pathAndQuery, type ResponseCache } from "./_response_cache.ts";
import type { AppState, ServerEnv } from "./_route.ts";

/** Answers a request from the read cache, or returns `undefined` for the app to route it. */
export type FastRead = (request: Request, env?: ServerEnv) => Response | Promise<Response> | undefined;

/** Makes the cache-first answerer of `state`'s app; `limiter` is the app's own (the same budget as the routed path). */
export function fastRead(state: AppState, cache: ResponseCache, limiter: Limiter | undefined): FastRead {
  const { backend, corsOrigins, trustProxy = [], rateLimit, logRequests } = state.options;
  const cors = (corsOrigins?.length ?? 0) > 0;
  const exempt = rateLimit?.exempt ?? [];
  const metrics = state.metrics;
  const onLimited = () => metrics.rateLimited();

  const finish = (hit: CachedResponse, request: Request, start: number, admission?: Admission) => {
    let res: Response;
    try {
      const extra = admission && admitted(admission, onLimited);
      res = answerCached(hit, request.headers.get("if-none-match"), extra);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      res = errorResponse(error);
      res.headers.set("x-content-type-options", "nosniff");
    }
    // A refusal is counted before routing, as the routed path counts it.
    metrics.request(
      res.status === 429 ? "unmatched" : hit.route,
      res.status,
      (performance.now() - start) / 1000,
    );
    return res;
  };

  return (request, env) => {
    if (request.method !== "GET" || state.draining || logRequests) return undefined;
    let snapshot;
    try {
      snapshot = backend.snapshot();
    } catch {
      return undefined; // the routed path maps the backend's failure to an answer
    }
    const hit = snapshot && cache.get(snapshot, pathAndQuery(request.url));
    if (!hit || (cors && request.headers.has("origin"))) return undefined;
    const start = performance.now();
    if (!rateLimit || !limiter) return finish(hit, request, start);
    const client = clientAddress(env?.clientIp, request.headers.get("x-forwarded-for"), trustProxy);
    if (inRanges(client, exempt)) return finish(hit, request, start);
    const admission = limiter.take(client);
    return admission instanceof Promise
      ? admission.then((a) => finish(hit, request, start, a))
      : finish(hit, request, start, admission);
  };
}
