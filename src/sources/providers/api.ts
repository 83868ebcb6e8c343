/**
 * A provider's list-models API as a source: the authority for which models that provider serves.
 *
 * @module
 */
import type { HttpClient } from "../../http/client.ts";
import type { Source, SourceFetchOptions, SourceResult } from "../source.ts";
import { anthropicProtocol } from "./anthropic.ts";
import { googleProtocol } from "./google.ts";
import { openaiProtocol } from "./openai_compatible.ts";
import { openrouterProtocol } from "./openrouter.ts";
import { joinUrl, type Protocol, type ProviderProtocol } from "./protocol.ts";

/** The protocols by name. */
export const PROTOCOLS: Readonly<Record<ProviderProtocol, Protocol>> = {
  openai: openaiProtocol,
  anthropic: anthropicProtocol,
  google: googleProtocol,
  openrouter: openrouterProtocol,
};

/** Options of a {@link ProviderApiSource}. */
export interface ProviderApiOptions {
  /** The HTTP client. */
  http: HttpClient;
  /** The provider id in the catalog. */
  provider: string;
  /** The protocol its list-models API speaks. */
  protocol: ProviderProtocol;
  /** The API base URL. */
  baseUrl: string;
  /** The list path under the base URL. @default "/models" */
  path?: string | undefined;
  /** The API key (never logged, never in messages). */
  apiKey?: string | undefined;
  /** The variable the key comes from (or would), named in messages. */
  keyEnv?: string | undefined;
  /** Page size for paged protocols. @default 100 */
  pageSize?: number | undefined;
  /** The most pages read. @default 50 */
  maxPages?: number | undefined;
}

/** One provider's list-models API. */
export class ProviderApiSource implements Source {
  /** The provider id. */
  readonly id: string;
  /** `provider_api`. */
  readonly kind = "provider_api" as const;
  /** The list URL (for display; carries no key). */
  readonly url: string;
  /** The variable the key comes from (or would), for messages. */
  readonly keyEnv: string | undefined;
  readonly #options: ProviderApiOptions;
  readonly #protocol: Protocol;

  /** Makes the source. */
  constructor(options: ProviderApiOptions) {
    this.id = options.provider;
    this.#options = options;
    this.#protocol = PROTOCOLS[options.protocol];
    this.url = joinUrl(options.baseUrl, options.path ?? "/models");
    this.keyEnv = options.keyEnv;
  }

  /** Whether the source can run: it has a key, or its protocol needs none. */
  get usable(): boolean {
    return Boolean(this.#options.apiKey) || this.#protocol.keyOptional;
  }

  /** The raw pages the API returns, in order (for `providers fetch --raw`). */
  async fetchRaw(signal: AbortSignal): Promise<unknown[]> {
    return await this.#protocol.pages({
      http: this.#options.http,
      provider: this.id,
      url: this.url,
      apiKey: this.#options.apiKey,
      keyEnv: this.#options.keyEnv,
      signal,
      pageSize: this.#options.pageSize ?? 100,
      maxPages: this.#options.maxPages ?? 50,
    });
  }

  /** Translates raw pages into a result that is authoritative for this provider's models. */
  translate(pages: readonly unknown[]): SourceResult {
    const offerings = this.#protocol.translate(this.id, pages);
    const hints = this.#protocol.hints?.(this.id, pages);
    return { providers: [{ id: this.id }], authors: [], offerings, complete: [this.id], notes: [], hints };
  }

  /** Fetches every page and translates; a provider without a key is skipped with a note. */
  async fetch(options: SourceFetchOptions): Promise<SourceResult> {
    if (options.providers && !options.providers.includes(this.id)) return empty([]);
    if (!this.usable) {
      const env = this.#options.keyEnv ? ` (set ${this.#options.keyEnv})` : "";
      return empty([`${this.id}: skipped, no API key${env}`]);
    }
    return this.translate(await this.fetchRaw(options.signal));
  }
}

function empty(notes: string[]): SourceResult {
  return { providers: [], authors: [], offerings: [], complete: [], notes };
}
