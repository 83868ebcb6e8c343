/**
 * The `models.dev` source: the `/api.json` document (providers and their models) and, where the server has it,
 * the `models.json` document beside it (the author-level layer: one model per `<lab>/<model>`), both over HTTP and
 * revalidated with `ETag`/`Last-Modified` against a cache directory so an unchanged document costs a 304.
 *
 * @module
 */
import { ConditionalCache } from "../../http/mod.ts";
import type { HttpClient, HttpResponse } from "../../http/mod.ts";
import { isStarmapError } from "../../errors.ts";
import type { Source, SourceFetchOptions, SourceResult } from "../_source.ts";
import { parseDevApi } from "./_parse.ts";
import { devApiResult } from "./_records.ts";

/** The public models.dev endpoint. */
export const MODELS_DEV_URL = "https://models.dev/api.json";

/** Options of the {@link ModelsDevSource}. */
export interface ModelsDevOptions {
  /** The HTTP client. */
  http: HttpClient;
  /** The document URL (a mirror, a test server). @default MODELS_DEV_URL */
  url?: string | undefined;
  /**
   * The author-level document's URL; `null` skips it. @default `models.json` beside {@link ModelsDevOptions.url}
   */
  modelsUrl?: string | null | undefined;
  /** Where the last documents and their validators are kept; no cache without it. */
  cacheDir?: string | undefined;
}

/** models.dev's `/api.json` (and its `models.json`, when served) over HTTP. */
export class ModelsDevSource implements Source {
  /** `models.dev`. */
  readonly id = "models.dev";
  /** `models_dev`. */
  readonly kind = "models_dev" as const;
  readonly #http: HttpClient;
  readonly #url: string;
  readonly #modelsUrl: string | undefined;
  readonly #cache: ConditionalCache | undefined;
  readonly #modelsCache: ConditionalCache | undefined;

  /** Makes the source. */
  constructor(options: ModelsDevOptions) {
    this.#http = options.http;
    this.#url = options.url ?? MODELS_DEV_URL;
    this.#modelsUrl = options.modelsUrl === null
      ? undefined
      : options.modelsUrl ?? new URL("models.json", this.#url).toString();
    this.#cache = options.cacheDir ? new ConditionalCache(options.cacheDir, "models.dev-api") : undefined;
    this.#modelsCache = options.cacheDir
      ? new ConditionalCache(options.cacheDir, "models.dev-models")
      : undefined;
  }

  /** Fetches (or revalidates) the documents and translates them. */
  async fetch(options: SourceFetchOptions): Promise<SourceResult> {
    const notes: string[] = [];
    const res = await this.#get(this.#url, this.#cache, options.signal, notes);
    const api = parseDevApi(this.#http.parseJson(res, { source: this.id }), this.id, notes);
    const models = await this.#authorLevel(options.signal, notes);
    const only = options.providers ? new Set(options.providers) : undefined;
    const filtered = only ? Object.fromEntries(Object.entries(api).filter(([id]) => only.has(id))) : api;
    return devApiResult(filtered, new Map(), notes, models ? { models } : {});
  }

  /** One document, revalidated against its cached copy; the response carries the cached body on a 304. */
  async #get(
    url: string,
    cache: ConditionalCache | undefined,
    signal: AbortSignal | undefined,
    notes: string[],
  ): Promise<HttpResponse> {
    const cached = await cache?.read(url);
    const response = await this.#http.get(url, {
      source: this.id,
      signal,
      headers: ConditionalCache.conditionalHeaders(cached),
    });
    if (response.status === 304 && cached) {
      const name = url.slice(url.lastIndexOf("/") + 1);
      notes.push(
        `models.dev: ${name} not modified since the cached copy (${
          cached.meta.etag ?? cached.meta.lastModified
        })`,
      );
      return { ...response, body: cached.body };
    }
    await cache?.write(url, response.headers, response.body).catch((error: Error) => {
      notes.push(`models.dev: cache not written: ${error.message}`);
    });
    return response;
  }

  /**
   * The author-level models (`models.json`), or `undefined` when the server does not have them: a mirror of
   * `api.json` alone is still a whole source, so a failure here is a note, never the source's failure.
   */
  async #authorLevel(
    signal: AbortSignal | undefined,
    notes: string[],
  ): Promise<Record<string, unknown> | undefined> {
    if (!this.#modelsUrl) return undefined;
    try {
      const res = await this.#get(this.#modelsUrl, this.#modelsCache, signal, notes);
      const value = this.#http.parseJson(res, { source: this.id });
      // Author-level keys are `<lab>/<model>`: a server that answers every path with `api.json` has none.
      if (typeof value === "object" && value !== null && Object.keys(value).some((k) => k.includes("/"))) {
        return value as Record<string, unknown>;
      }
      notes.push("models.dev: models.json holds no author-level models (`<lab>/<model>` keys); skipped");
    } catch (error) {
      if (signal?.aborted || !isStarmapError(error, "network")) throw error;
      notes.push(`models.dev: author-level models not read (${(error as Error).message})`);
    }
    return undefined;
  }
}
