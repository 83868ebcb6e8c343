/**
 * The registry's use of the one HTTP core: a client made from the retry policy, and the headers that carry the
 * registry's credentials (a token as `Authorization: Bearer`, or the user and password of the URL as Basic
 * authentication). Credentials go only to the registry's own origin: the core refuses cross-origin redirects.
 *
 * @module
 */
import { HttpClient } from "../http/mod.ts";
import { redactUrl } from "../http/mod.ts";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { StarmapError } from "../errors.ts";
import { isLocalPath } from "../words/mod.ts";
import { homeDir } from "../runtime/mod.ts";

/** How to retry. */
export interface RetryPolicy {
  /** Retries after the first attempt. @default 3 */
  retries: number;
  /** The first retry delay in ms; later ones double, with jitter. @default 1000 */
  baseDelayMs: number;
  /** Abandon a transfer after this many ms without a byte. @default 30000 */
  stallMs: number;
  /** The longest `Retry-After` honoured, in ms. @default 60000 */
  maxRetryAfterMs: number;
}

/** The default retry policy. */
export const defaultRetryPolicy: RetryPolicy = {
  retries: 3,
  baseDelayMs: 1000,
  stallMs: 30_000,
  maxRetryAfterMs: 60_000,
};

/** The HTTP core configured for a registry: retries per the policy, no circuit breaker (one upstream). */
export function registryHttp(policy: RetryPolicy, fetchFn?: typeof fetch): HttpClient {
  return new HttpClient({
    ...(fetchFn ? { fetch: fetchFn } : {}),
    retries: policy.retries,
    retryBaseMs: policy.baseDelayMs,
    retryMaxMs: Math.max(policy.baseDelayMs * 8, 1),
    maxRetryAfterMs: policy.maxRetryAfterMs,
    timeoutMs: Math.max(policy.stallMs, 1),
    breakerThreshold: Number.MAX_SAFE_INTEGER,
    userAgent: "starmap-weights",
  });
}

/** A registry's base URL without credentials, and the headers that authenticate to it. */
export interface RegistryEndpoint {
  /** The base URL without user or password, for requests. */
  base: URL;
  /** The base URL fit for messages. */
  shown: string;
  /** Authentication headers (empty when anonymous). */
  headers: Record<string, string>;
}

/**
 * Splits a registry URL into a credential-free base and its authentication: `token` wins and is sent as a Bearer
 * token; otherwise a user and password in the URL become Basic authentication. A directory (a path, or a `file:`
 * URL) is a registry on disk: no authentication.
 *
 * @throws {StarmapError} `invalid` when the URL is not http(s).
 */
export function registryEndpoint(url: string, token?: string): RegistryEndpoint {
  let base: URL;
  try {
    base = isLocalPath(url) ? directoryUrl(url) : new URL(url);
  } catch {
    throw new StarmapError("invalid", `registry URL ${JSON.stringify(redactUrl(url))} is not a URL`);
  }
  if (base.protocol === "file:") {
    return { base: directoryUrl(fileURLToPath(base)), shown: base.href, headers: {} };
  }
  if (base.protocol !== "http:" && base.protocol !== "https:") {
    throw new StarmapError(
      "invalid",
      `registry URL ${redactUrl(base)} is not an http(s) URL, a file: URL or a directory`,
    );
  }
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  else if (base.username || base.password) {
    const user = decodeURIComponent(base.username);
    const pass = decodeURIComponent(base.password);
    headers.authorization = `Basic ${btoa(`${user}:${pass}`)}`;
  }
  base.username = "";
  base.password = "";
  return { base, shown: redactUrl(base), headers };
}

/** A directory as a `file:` URL ending in `/` (`~/` from the home directory, relative paths from the working one). */
function directoryUrl(path: string): URL {
  const home = /^~[\\/]/.test(path) ? homeDir() : undefined;
  const url = pathToFileURL(home ? join(home, path.slice(2)) : resolve(path));
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url;
}

/** The URL of an object under a registry base, keeping the base's path and query string. */
export function objectUrl(base: URL, path: string): string {
  const url = new URL(base.href);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/${path}`;
  return url.href;
}
