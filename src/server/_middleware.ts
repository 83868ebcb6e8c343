/**
 * The app's middleware: the client address (after `--trust-proxy`), the rate limit with its `RateLimit-*`
 * headers, refused path segments, and the WebSocket origin check.
 *
 * @module
 */
import type { Context, MiddlewareHandler, Next } from "hono";
import { type Cidr, clientAddress, inRanges } from "./_client_address.ts";
import { HttpError } from "./_errors.ts";
import { originAllowed, safePath } from "./_guards.ts";
import type { RateLimitOptions } from "./_options.ts";
import { type Admission, RateLimiter } from "./_rate_limit.ts";
import type { AppEnv } from "./_route.ts";

/** Settles the client address of each request and refuses paths with hidden `.`/`..` segments. */
export function clientAndPath(trusted: readonly Cidr[]): MiddlewareHandler<AppEnv> {
  return async (c: Context<AppEnv>, next: Next) => {
    c.set("client", clientAddress(c.env?.clientIp, c.req.header("x-forwarded-for") ?? null, trusted));
    const url = c.req.url;
    const start = url.indexOf("/", url.indexOf("://") + 3);
    const end = url.indexOf("?", start);
    safePath(url.slice(start, end < 0 ? undefined : end));
    await next();
  };
}

/**
 * A limiter consulted once per request (its `take`), so the fleet can swap in a shared one; `headers` are
 * added to every answer, 429s included.
 */
export interface Limiter {
  /** Takes one request from the client's budget. */
  take(client: string): Promise<Admission> | Admission;
}

/**
 * The `RateLimit-*` headers of an admission; a refusal counts through `onLimited` and throws 429 with them.
 *
 * @throws {HttpError} 429 `rate_limited` when the client's budget is spent.
 */
export function admitted(admission: Admission, onLimited: () => void): Record<string, string> {
  const headers = RateLimiter.headers(admission);
  if (admission.ok) return headers;
  onLimited();
  throw new HttpError(429, "rate_limited", `too many requests: retry in ${admission.retryAfter} s`, {
    headers: { ...headers, "retry-after": String(admission.retryAfter) },
  });
}

/** The rate-limit middleware: one budget per client; exempt ranges (none by default) are not counted. */
export function rateLimit(
  limits: RateLimitOptions,
  limiter: Limiter,
  onLimited: () => void = () => {},
): MiddlewareHandler<AppEnv> {
  const exempt = limits.exempt ?? [];
  return async (c: Context<AppEnv>, next: Next) => {
    const client = c.get("client");
    if (inRanges(client, exempt)) return await next();
    const headers = admitted(await limiter.take(client), onLimited);
    await next();
    for (const [k, v] of Object.entries(headers)) {
      try {
        c.res.headers.set(k, v);
      } catch {
        // a WebSocket upgrade's headers are immutable
      }
    }
  };
}

/** Refuses a WebSocket handshake from a browser origin that `--cors` does not allow. */
export function wsOrigin(cors: readonly string[] | undefined): MiddlewareHandler<AppEnv> {
  return async (c: Context<AppEnv>, next: Next) => {
    if (!originAllowed(c.req.header("origin") ?? null, new URL(c.req.url), cors)) {
      throw new HttpError(403, "forbidden_origin", "this origin may not open /ws (see --cors)");
    }
    await next();
  };
}

/**
 * Gives a HEAD answer the `content-length` its GET would have (RFC 9110 lets a server send it, and clients and
 * caches use it to size a download before fetching it); streams such as SSE have none.
 */
export function headLength(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (c.req.method !== "HEAD" || !c.res.body || c.res.headers.has("content-length")) return;
    if ((c.res.headers.get("content-type") ?? "").startsWith("text/event-stream")) return;
    const length = (await c.res.clone().arrayBuffer()).byteLength;
    c.res.headers.set("content-length", String(length));
  };
}
