/**
 * The cache of serialised catalog-read responses: per snapshot, keyed by path and query, bounded by entries and
 * bytes with least-recently-used eviction. A new snapshot starts an empty cache, so a swap invalidates every
 * entry at once; the caches of snapshots nobody holds are garbage-collected with them.
 *
 * @module
 */
import type { Catalog } from "../catalog/mod.ts";
import type { StaticParts } from "../runtime/mod.ts";

/**
 * One cached response: the JSON body as a string, its size in UTF-8 bytes, and the headers of its 200 and 304
 * answers, made once so a hit allocates nothing but the answer; `ok` and `unchanged` are the same answers in
 * the form the running runtime writes fastest.
 */
export interface CachedResponse {
  /** The JSON body. */
  body: string;
  /** The body's size in UTF-8 bytes. */
  bytes: number;
  /** The quoted ETag. */
  etag: string;
  /** The catalog version of the snapshot it was made from. */
  version: string;
  /** The route label the metrics count it under. */
  route: string;
  /** The headers of a 200 answer. */
  headers: Record<string, string>;
  /** The headers of a 304 answer. */
  notModified: Record<string, string>;
  /** The 200 answer, prepared for the runtime. */
  ok: StaticParts;
  /** The 304 answer, prepared for the runtime. */
  unchanged: StaticParts;
}

/** Bounds of a {@link ResponseCache}, per snapshot. */
export interface ResponseCacheOptions {
  /** Most responses held per snapshot; 0 turns the cache off. @default 1000 */
  maxEntries?: number;
  /** Most body bytes held per snapshot. @default 32 MiB */
  maxBytes?: number;
}

/** A cached response and when it was last used (a tick of its cache's clock). */
interface Slot {
  response: CachedResponse;
  used: number;
}

interface Shelf {
  entries: Map<string, Slot>;
  bytes: number;
}

/** Serialised read responses per snapshot, least recently used first out. */
export class ResponseCache {
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  readonly #shelves = new WeakMap<Catalog, Shelf>();
  #clock = 0;

  /** Makes a cache with the given bounds. */
  constructor(options: ResponseCacheOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 1000;
    this.#maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  }

  /**
   * The response cached for `key` on `catalog`, marked as just used. A hit only stamps the entry (it is the hot
   * path of every cached read); the eviction, which is rare, looks for the oldest stamp.
   */
  get(catalog: Catalog, key: string): CachedResponse | undefined {
    const slot = this.#shelves.get(catalog)?.entries.get(key);
    if (!slot) return undefined;
    slot.used = ++this.#clock;
    return slot.response;
  }

  /** Caches a response; bodies larger than the byte bound are not kept. */
  set(catalog: Catalog, key: string, response: CachedResponse): void {
    const size = response.bytes;
    if (this.#maxEntries <= 0 || size > this.#maxBytes) return;
    let shelf = this.#shelves.get(catalog);
    if (!shelf) {
      shelf = { entries: new Map(), bytes: 0 };
      this.#shelves.set(catalog, shelf);
    }
    const old = shelf.entries.get(key);
    if (old) {
      shelf.entries.delete(key);
      shelf.bytes -= old.response.bytes;
    }
    shelf.entries.set(key, { response, used: ++this.#clock });
    shelf.bytes += size;
    while (shelf.entries.size > this.#maxEntries || shelf.bytes > this.#maxBytes) this.#evictOldest(shelf);
  }

  /** Drops the least recently used entry of `shelf`. */
  #evictOldest(shelf: Shelf): void {
    let oldest: string | undefined;
    let at = Infinity;
    for (const [k, slot] of shelf.entries) {
      if (slot.used < at) [oldest, at] = [k, slot.used];
    }
    if (oldest === undefined) return;
    shelf.bytes -= shelf.entries.get(oldest)!.response.bytes;
    shelf.entries.delete(oldest);
  }

  /** How many responses, and how many body bytes, are cached for `catalog`. */
  size(catalog: Catalog): { entries: number; bytes: number } {
    const shelf = this.#shelves.get(catalog);
    return { entries: shelf?.entries.size ?? 0, bytes: shelf?.bytes ?? 0 };
  }
}

/**
 * The path and query of a request URL as `URL.pathname + URL.search` would give them, without parsing: a
 * request's URL is already normalised, so slicing from the first `/` after the authority is enough.
 */
export function pathAndQuery(url: string): string {
  const scheme = url.indexOf("://");
  const slash = scheme < 0 ? -1 : url.indexOf("/", scheme + 3);
  if (slash < 0 || url.includes("#")) {
    const u = new URL(url);
    return u.pathname + u.search;
  }
  const rest = url.slice(slash);
  return rest.indexOf("?") === rest.length - 1 ? rest.slice(0, -1) : rest;
}
