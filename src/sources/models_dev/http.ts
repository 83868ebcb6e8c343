/**
 * The `models.dev` source: the `/api.json` document over HTTP, revalidated with `ETag`/`Last-Modified` against a
 * cache directory so an unchanged document costs a 304.
 *
 * @module
 */
import { ConditionalCache } from "../../http/mod.ts";
import type { HttpClient } from "../../http/mod.ts";
import type { Source, SourceFetchOptions, SourceResult } from "../source.ts";
import { parseDevApi } from "./parse.ts";
import { devApiResult } from "./records.ts";

/** The public models.dev endpoint. */
export const MODELS_DEV_URL = "https://models.dev/api.json";

/** Options of the {@link ModelsDevSource}. */
export interface ModelsDevOptions {
  /** The HTTP client. */
  http: HttpClient;
  /** The document URL (a mirror, a test server). @default MODELS_DEV_URL */
  url?: string | undefined;
  /** Where the last document and its validators are kept; no cache without it. */
  cacheDir?: string | undefined;
}

/** models.dev's `/api.json` over HTTP. */
export class ModelsDevSource implements Source {
  /** `models.dev`. */
  readonly id = "models.dev";
  /** `models_dev`. */
  readonly kind = "models_dev" as const;
  readonly #http: HttpClient;
  readonly #url: string;
  readonly #cache: ConditionalCache | undefined;

  /** Makes the source. */
  constructor(options: ModelsDevOptions) {
    this.#http = options.http;
    this.#url = options.url ?? MODELS_DEV_URL;
    this.#cache = options.cacheDir ? new ConditionalCache(options.cacheDir, "models.dev-api") : undefined;
  }

  /** Fetches (or revalidates) the document and translates it. */
  async fetch(options: SourceFetchOptions): Promise<SourceResult> {
    const notes: string[] = [];
    const cached = await this.#cache?.read(this.#url);
    const response = await this.#http.get(this.#url, {
      source: this.id,
      signal: options.signal,
      headers: ConditionalCache.conditionalHeaders(cached),
    });
    let res = response;
    if (response.status === 304 && cached) {
      notes.push(
        `models.dev: not modified since the cached copy (${cached.meta.etag ?? cached.meta.lastModified})`,
      );
      res = { ...response, body: cached.body };
    }
    const value = this.#http.parseJson(res, { source: this.id });
    const api = parseDevApi(value, this.id, notes);
    if (response.status !== 304) {
      await this.#cache?.write(this.#url, response.headers, response.body).catch((error: Error) => {
        notes.push(`models.dev: cache not written: ${error.message}`);
      });
    }
    const only = options.providers ? new Set(options.providers) : undefined;
    const filtered = only ? Object.fromEntries(Object.entries(api).filter(([id]) => only.has(id))) : api;
    return devApiResult(filtered, new Map(), notes);
  }
}
