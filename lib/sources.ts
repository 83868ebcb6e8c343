/**
 * `@starmap/cli/sources`: where catalog data comes from (provider list-models APIs, models.dev, OpenRouter,
 * LiteLLM, local overrides) and the HTTP client with retries and a circuit breaker that reads them.
 *
 * @example
 * ```ts
 * import { embeddedCatalog } from "@starmap/cli/catalog";
 * import { knownSourceIds } from "@starmap/cli/sources";
 * knownSourceIds({ providers: embeddedCatalog().providers }).includes("models.dev");
 * ```
 *
 * @module
 */
export type { ProviderApiConfig, ProvidersConfig, SourcesConfig } from "../src/config/types.gen.ts";
export {
  buildSources,
  DEFAULT_SOURCE_IDS,
  type EnvAllowed,
  type EnvLookup,
  GENERAL_SOURCE_IDS,
  KNOWN_PROVIDERS,
  knownSourceIds,
  type LinkHints,
  type ParamSpec,
  PROVIDER_PROTOCOLS,
  type ProviderApiOptions,
  type ProviderApiSource,
  type ProviderEndpoint,
  type ProviderProtocol,
  type ProviderSetting,
  providerSourcesFromEnv,
  type ProviderSourcesOptions,
  type ResolvedKey,
  resolveProviderSource,
  resolveSourceSettings,
  type Source,
  type SourceFetchOptions,
  type SourceKind,
  type SourceRegistryOptions,
  type SourceResult,
  type SourceSettingsInput,
} from "../src/sources/mod.ts";
export {
  type BreakerState,
  CircuitBreaker,
  type FetchFn,
  HttpClient,
  type HttpClientOptions,
  type HttpResponse,
  type HttpStream,
  loadBreaker,
  type RequestOptions,
  saveBreaker,
  sharedBreaker,
  type SourceHealth,
  sourceHealth,
} from "../src/http/mod.ts";
