/**
 * The hot path of a replica: a GET whose response is already cached for the snapshot served now is answered
 * from the body and headers prepared once, before any routing or middleware runs, with the same ETag, 304, rate
 * limit and metrics as the routed path. Everything else (a miss, another method, CORS, draining, request
 * logging) goes through the app. One decision serves two views of a request: a `Request` (in-process calls,
 * Bun) answered with a `Response`, and the runtime's {@link RequestView} answered with prepared parts.
 *
 * @module
 */
import type { RequestView, StaticAnswer } from "../runtime/mod.ts";
import { cachedAnswer } from "./_answer.ts";
import { clientAddress, inRanges } from "./_client_address.ts";
import { errorResponse, HttpError } from "./_errors.ts";
import { admitted, type Limiter } from "./_middleware.ts";
import type { Admission } from "./_rate_limit.ts";
import { type CachedResponse, pathAndQuery, type ResponseCache } from "./_response_cache.ts";
import type { AppState, ServerEnv } from "./_route.ts";
import { staticResponse } from "../runtime/mod.ts";

/** What the fast path answers: prepared parts, or a refusal as a `Response`; undefined for the app to route. */
export type FastAnswer = StaticAnswer | Response | Promise<StaticAnswer | Response> | undefined;

/** The cache-first answerer of an app, for both views of a request. */
export interface FastRead {
  /** Answers a `Request`, or returns `undefined` for the app to route it. */
  request(request: Request, env?: ServerEnv): Response | Promise<Response> | undefined;
  /** Answers the runtime's view of a request, or returns `undefined` for the app to route it. */
  view(view: RequestView): FastAnswer;
}

/** The headers of a request, as the decision reads them. */
type Headed = Pick<RequestView, "header">;

function asResponse(answer: StaticAnswer | Response): Response {
  return answer instanceof Response ? answer : staticResponse(answer);
}

/** Makes the cache-first answerer of `state`'s app; `limiter` is the app's own (the same budget as the routed path). */
export function fastRead(state: AppState, cache: ResponseCache, limiter: Limiter | undefined): FastRead {
  const { backend, corsOrigins, trustProxy = [], rateLimit, logRequests } = state.options;
  const cors = (corsOrigins?.length ?? 0) > 0;
  const exempt = rateLimit?.exempt ?? [];
  const metrics = state.metrics;
  const onLimited = () => metrics.rateLimited();

  const finish = (hit: CachedResponse, req: Headed, start: number, admission?: Admission) => {
    let answer: StaticAnswer | Response;
    let status: number;
    try {
      const extra = admission && admitted(admission, onLimited);
      answer = cachedAnswer(hit, req.header("if-none-match"), extra);
      status = answer.parts.status;
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      answer = errorResponse(error);
      answer.headers.set("x-content-type-options", "nosniff");
      status = answer.status;
    }
    // A refusal is counted before routing, as the routed path counts it.
    metrics.request(status === 429 ? "unmatched" : hit.route, status, (performance.now() - start) / 1000);
    return answer;
  };

  // The runtime's view gives its path and address as strings; a `Request` makes them only when they are read.
  const decide = (
    method: string,
    path: string | (() => string),
    req: Headed,
    clientIp: string | (() => string | undefined),
  ) => {
    if (method !== "GET" || state.draining || logRequests) return undefined;
    let snapshot;
    try {
      snapshot = backend.snapshot();
    } catch {
      return undefined; // the routed path maps the backend's failure to an answer
    }
    const hit = snapshot && cache.get(snapshot, typeof path === "string" ? path : path());
    if (!hit || (cors && req.header("origin") != null)) return undefined;
    const start = performance.now();
    if (!rateLimit || !limiter) return finish(hit, req, start);
    const ip = typeof clientIp === "string" ? clientIp : clientIp();
    const client = clientAddress(ip, req.header("x-forwarded-for"), trustProxy);
    if (inRanges(client, exempt)) return finish(hit, req, start);
    const admission = limiter.take(client);
    return admission instanceof Promise
      ? admission.then((a) => finish(hit, req, start, a))
      : finish(hit, req, start, admission);
  };

  return {
    request: (request, env) => {
      const headers = request.headers;
      const answer = decide(
        request.method,
        () => pathAndQuery(request.url),
        { header: (name) => headers.get(name) },
        () => env?.clientIp,
      );
      if (answer === undefined) return undefined;
      return answer instanceof Promise ? answer.then(asResponse) : asResponse(answer);
    },
    view: (view) => {
      // A target the URL parser would rewrite is not a cache key as sent: the app answers it.
      if (view.path.charCodeAt(0) !== 47 || view.path.includes("#")) return undefined;
      const path = view.path.endsWith("?") ? view.path.slice(0, -1) : view.path;
      return decide(view.method, path, view, view.clientIp);
    },
  };
}
