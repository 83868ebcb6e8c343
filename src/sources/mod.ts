/**
 * The public door of `sources/`: what other folders use of it.
 *
 * @module
 */
export { authorRules } from "./authors.ts";
export { ProvidersConfig, SourcesConfig } from "./config.ts";
export { OVERRIDES_DIR, scanOverrides } from "./local.ts";
export type { DevApi } from "./models_dev/upstream.ts";
export type { ProviderApiOptions, ProviderApiSource } from "./providers/api.ts";
export {
  type EnvAllowed,
  type EnvLookup,
  providerApiIds,
  type ProviderSetting,
  providerSourcesFromEnv,
  type ProviderSourcesOptions,
  resolveProviderSource,
} from "./providers/from_env.ts";
export type { ResolvedKey } from "./providers/keys.ts";
export { KNOWN_PROVIDERS, type ParamSpec, type ProviderEndpoint } from "./providers/known.ts";
export { PROVIDER_PROTOCOLS, type ProviderProtocol } from "./providers/protocol.ts";
export {
  buildSources,
  DEFAULT_SOURCE_IDS,
  GENERAL_SOURCE_IDS,
  knownSourceIds,
  resolveSourceSettings,
  type SourceRegistryOptions,
  type SourceSettingsInput,
} from "./registry.ts";
export { screenResult } from "./screen.ts";
export type { KnownModel, LinkLimits, LinkOffering } from "./link_input.ts";
export type { LinkHints, Source, SourceFetchOptions, SourceKind, SourceResult } from "./source.ts";
export type { ProviderApiConfig } from "./types.gen.ts";
