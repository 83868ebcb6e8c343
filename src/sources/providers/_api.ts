/**
 * A provider's list-models API as a source: the authority for which models that provider serves.
 *
 * @module
 */
import type { ProviderRecord } from "../../catalog/types.gen.ts";
import type { HttpClient } from "../../http/mod.ts";
import type { Source, SourceFetchOptions, SourceResult } from "../_source.ts";
import { anthropicProtocol } from "./_anthropic.ts";
import { azureProtocol } from "./_azure.ts";
import type { Translated } from "./_entries.ts";
import { googleProtocol } from "./_google.ts";
import type { ResolvedKey } from "./_keys.ts";
import { ollamaProtocol } from "./_ollama.ts";
import { openaiProtocol } from "./_openai_compatible.ts";
import { openrouterProtocol } from "./_openrouter.ts";
import { joinUrl, type Protocol, type ProviderProtocol } from "./_protocol.ts";
import { vertexProtocol } from "./_vertex.ts";

/** The protocols by name. */
export const PROTOCOLS: Readonly<Record<ProviderProtocol, Protocol>> = {
  openai: openaiProtocol,
  anthropic: anthropicProtocol,
  google: googleProtocol,
  openrouter: openrouterProtocol,
  vertex: vertexProtocol,
  azure: azureProtocol,
  ollama: ollamaProtocol,
};

/** Options of a {@link ProviderApiSource}. */
export interface ProviderApiOptions {
  /** The HTTP client. */
  http: HttpClient;
  /** The provider id in the catalog. */
  provider: string;
  /** The protocol its list-models API speaks. */
  protocol: ProviderProtocol;
  /** The API base URL; `undefined` when a setting it needs is missing (see `missing`). */
  baseUrl: string | undefined;
  /** What to set when the base URL cannot be built. */
  missing?: string | undefined;
  /** The list path under the base URL. @default "/models" */
  path?: string | undefined;
  /** The API key (never logged, never in messages). */
  apiKey?: string | undefined;
  /** The variable the key comes from (or would), named in messages. */
  keyEnv?: string | undefined;
  /** The whole key resolution (origin, denied variables, shape problem). */
  key?: ResolvedKey | undefined;
  /** Provider-specific settings (`project`, `location`, `apiVersion`). */
  params?: Readonly<Record<string, string>> | undefined;
  /** What the source tells about the provider itself (a built-in provider the catalog does not have yet). */
  providerRecord?: ProviderRecord | undefined;
  /** The list can be read without a key even though the protocol usually needs one. @default the protocol's */
  keyOptional?: boolean | undefined;
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
  /** The list URL (for display; carries no key); empty when the base URL cannot be built. */
  readonly url: string;
  /** The variable the key comes from (or would), for messages. */
  readonly keyEnv: string | undefined;
  /** The protocol. */
  readonly protocol: ProviderProtocol;
  /** How the key was resolved (never holds the key for display). */
  readonly key: ResolvedKey | undefined;
  readonly #options: ProviderApiOptions;
  readonly #protocol: Protocol;

  /** Makes the source. */
  constructor(options: ProviderApiOptions) {
    this.id = options.provider;
    this.#options = options;
    this.protocol = options.protocol;
    this.#protocol = PROTOCOLS[options.protocol];
    this.url = options.baseUrl ? joinUrl(options.baseUrl, options.path ?? "/models") : "";
    this.keyEnv = options.key?.keyEnv ?? options.keyEnv;
    this.key = options.key;
  }

  /** Whether the list can be read without a key (OpenRouter, Ollama, a server of your own on this machine). */
  get keyOptional(): boolean {
    return this.#options.keyOptional ?? this.#protocol.keyOptional;
  }

  /** Whether the source can run: it has a URL and a key, or it needs none. */
  get usable(): boolean {
    return Boolean(this.url) && (Boolean(this.#apiKey) || this.keyOptional);
  }

  /** Why the source cannot run, for notes and errors; `undefined` when it can. */
  get blocker(): string | undefined {
    if (!this.url) return `needs ${this.#options.missing ?? "a base URL"}`;
    if (this.usable) return undefined;
    if (this.key?.problem) return this.key.problem;
    return this.keyEnv ? `no API key (set ${this.keyEnv})` : "no API key";
  }

  get #apiKey(): string | undefined {
    return this.#options.key?.value ?? this.#options.apiKey ?? undefined;
  }

  /** The raw pages the API returns, in order (for `providers fetch --raw`). */
  async fetchRaw(signal: AbortSignal): Promise<unknown[]> {
    return await this.#protocol.pages({
      http: this.#options.http,
      provider: this.id,
      url: this.url,
      apiKey: this.#apiKey,
      keyEnv: this.keyEnv,
      params: this.#options.params ?? {},
      signal,
      pageSize: this.#options.pageSize ?? 100,
      maxPages: this.#options.maxPages ?? 50,
    });
  }

  /** Translates raw pages into a result that is authoritative for this provider's models. */
  translate(pages: readonly unknown[]): SourceResult {
    const { offerings, notes }: Translated = this.#protocol.translate(this.id, pages);
    const hints = this.#protocol.hints?.(this.id, pages);
    const keyNote = this.key?.value && this.key.problem ? [`${this.id}: ${this.key.problem}`] : [];
    return {
      providers: [this.#options.providerRecord ?? { id: this.id }],
      authors: [],
      offerings,
      complete: [this.id],
      notes: [...keyNote, ...notes],
      hints,
    };
  }

  /** Fetches every page and translates; a provider without a key or a needed setting is skipped with a note. */
  async fetch(options: SourceFetchOptions): Promise<SourceResult> {
    if (options.providers && !options.providers.includes(this.id)) return empty([]);
    const blocker = this.blocker;
    if (blocker) return empty([`${this.id}: skipped, ${blocker}`]);
    return this.translate(await this.fetchRaw(options.signal));
  }
}

function empty(notes: string[]): SourceResult {
  return { providers: [], authors: [], offerings: [], complete: [], notes };
}
