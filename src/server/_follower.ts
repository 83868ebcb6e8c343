/**
 * A follower of any starmap server over HTTP: it reads `GET /catalog/manifest` (with its ETag), fetches a new
 * generation from `GET /catalog/generations/{id}`, verifies its size and SHA-256 against the manifest and
 * activates it (one reference swap) when it supersedes the one followed: a replica behind a balancer that
 * still serves an older generation is never followed back. The server's event stream wakes it at once; a slow
 * poll covers a lost stream. Every request goes through the one HTTP core (retries with backoff, time limits,
 * a size cap, redirects kept on the origin, credentials redacted from messages). It never updates anything
 * itself: a gateway that embeds the library stays current this way, and `starmap serve --follow <url>` serves
 * what it follows.
 *
 * @module
 */
import type { Catalog } from "../catalog/mod.ts";
import { StarmapError } from "../errors.ts";
import { HttpClient, redactUrl } from "../http/mod.ts";
import type { BackendStatus, CatalogBackend, UpdateListener } from "./_backend.ts";
import { type Generation, openGeneration, readManifest, supersedes } from "./_generation.ts";
import { scheduleRuns } from "../sync/mod.ts";

/** Options of {@link followServer}. */
export interface FollowOptions {
  /** Milliseconds between manifest polls besides the event stream's wake-ups. @default 30000 */
  pollMs?: number;
  /** Called with problems the follower recovers from (unreachable server, refused generation). */
  onError?: (error: unknown) => void;
  /** Longest wait for one request. @default 30000 */
  timeoutMs?: number;
  /** Largest generation accepted, in bytes. @default 512 MiB */
  maxBytes?: number;
  /** The HTTP client to use (its retries, limits and breaker). @default one made from the options above */
  http?: HttpClient;
}

/** The source name the HTTP core puts in its messages and keys its circuit breaker by. */
const SOURCE = "followed server";
/** An event stream that sends nothing for this long (heartbeats come every 15 s) is reopened. */
const STREAM_IDLE_MS = 45_000;
/** A failed check is tried again after this long rather than at the next poll. */
const RETRY_MS = 1000;

/** A following backend: serves what it follows; it cannot update. */
export interface Follower extends CatalogBackend {
  /** The snapshot followed now. */
  snapshot(): Catalog;
  /** The generation followed now. */
  generation(): Generation;
  /** Calls `fn` with each snapshot activated; returns the unsubscribe. */
  subscribe(listener: UpdateListener): () => void;
  /** Stops following. */
  close(): Promise<void>;
}

/**
 * Follows the starmap server at `url` (its API prefix, e.g. `http://host:8080/api/v1`). Resolves once the first
 * generation is verified and active.
 *
 * @throws {StarmapError} `network` when the first manifest or generation cannot be fetched, `verification`
 * when its bytes do not match.
 *
 * @example
 * ```ts
 * const follower = await followServer("http://catalog.internal:8080/api/v1");
 * follower.snapshot().model("openai/gpt-4o");
 * ```
 */
export async function followServer(url: string, options: FollowOptions = {}): Promise<Follower> {
  const base = url.replace(/\/+$/, "");
  const http = options.http ?? new HttpClient({
    timeoutMs: options.timeoutMs ?? 30_000,
    retries: 2,
    retryBaseMs: 200,
    retryMaxMs: 2000,
    maxBodyBytes: options.maxBytes ?? 512 * 1024 * 1024,
    breakerCooldownMs: 5000,
  });
  const stop = new AbortController();
  const listeners = new Set<UpdateListener>();
  let etag: string | undefined;
  let reachable = true;
  const fetchGeneration = async (): Promise<Generation | undefined> => {
    const res = await http.get(`${base}/catalog/manifest`, {
      source: SOURCE,
      signal: stop.signal,
      headers: etag ? { "if-none-match": etag } : {},
    });
    if (res.status === 304) return undefined;
    const manifest = readManifest(http.parseJson(res, { source: SOURCE }));
    // Behind a balancer, the replica asked may serve an older generation than the one followed: never go back.
    if (current && !supersedes(manifest, current.manifest)) {
      if (!supersedes(current.manifest, manifest)) etag = res.headers.get("etag") ?? undefined;
      return undefined;
    }
    const body = await http.get(`${base}/catalog/generations/${manifest.id}`, {
      source: SOURCE,
      signal: stop.signal,
    });
    const generation = openGeneration(manifest, new Uint8Array(body.body));
    etag = res.headers.get("etag") ?? undefined;
    return generation;
  };
  let current: Generation | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  current = await fetchGeneration().catch((error) => {
    throw prefixHint(error, base);
  });
  if (!current) throw new StarmapError("network", `${base}/catalog/manifest: no generation`);
  const check = async () => {
    try {
      const next = await fetchGeneration();
      reachable = true;
      if (!next || !current) return;
      const before = current;
      current = next;
      // The same catalog published again under a higher sequence changes nothing a client sees.
      if (next.manifest.id === before.manifest.id) return;
      const changes = next.manifest.previous === before.manifest.id ? next.changes : undefined;
      for (const fn of [...listeners]) fn({ catalog: next.catalog, changes });
    } catch (error) {
      if (stop.signal.aborted) return;
      reachable = false;
      options.onError?.(error);
      // Tried again soon: behind a balancer, the replica asked may simply not hold the newest generation yet.
      clearTimeout(retry);
      retry = setTimeout(() => polls.trigger(), RETRY_MS);
    }
  };
  const polls = scheduleRuns(options.pollMs ?? 30_000, check);
  const streaming = wakeOnEvents(http, base, stop.signal, polls.trigger);
  return {
    snapshot: () => current!.catalog,
    generation: () => current!,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    status: (): BackendStatus => ({ state: reachable ? "ok" : "degraded" }),
    async close() {
      stop.abort();
      clearTimeout(retry);
      polls.stop();
      await streaming;
      await polls.idle();
    },
  };
}

/** A 404 on the first manifest most often means the URL lacks the API prefix: the error says so. */
function prefixHint(error: unknown, base: string): unknown {
  if (!(error instanceof StarmapError) || error.hint || !/HTTP 404 from/.test(error.message)) return error;
  return new StarmapError(error.kind, error.message, {
    cause: error,
    hint: `give the server's API base URL, with its prefix (${redactUrl(`${base}/api/v1`)} by default)`,
  });
}

/**
 * Reads the server's event stream through the HTTP core and calls `wake` on every `catalog.updated`
 * (reconnecting until `signal`; a stream silent past its heartbeats is reopened).
 */
async function wakeOnEvents(
  http: HttpClient,
  base: string,
  signal: AbortSignal,
  wake: () => void,
): Promise<void> {
  while (!signal.aborted) {
    let opened = false;
    try {
      const res = await http.open(`${base}/events`, {
        source: SOURCE,
        signal,
        headers: { accept: "text/event-stream" },
        stallMs: STREAM_IDLE_MS,
        maxBodyBytes: Number.MAX_SAFE_INTEGER,
      });
      opened = true;
      wake();
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          if (/^event: catalog\.updated$/m.test(buffer.slice(0, end))) wake();
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // the server went away or we are closing: retry after a pause
    }
    // A stream that ends means the server went away or restarted: check now, not at the next poll.
    if (opened && !signal.aborted) wake();
    if (!signal.aborted) await new Promise((r) => setTimeout(r, 1000));
  }
}
