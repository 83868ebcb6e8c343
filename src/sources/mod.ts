/**
 * The public door of `sources/`: what other folders use of it.
 *
 * @module
 */
export { authorRules } from "./_authors.ts";
export { ProvidersConfig, SourcesConfig } from "../config/mod.ts";
export { OVERRIDES_DIR, scanOverrides } from "./_local.ts";
export { type DevApi, MODELS_DEV_FIELDS_USED } from "./models_dev/_upstream.ts";
export type { ProviderApiOptions, ProviderApiSource } from "./providers/_api.ts";
export {
  type EnvAllowed,
  type EnvLookup,
  isProviderApiId,
  providerApiIds,
  type ProviderSetting,
  providerSourcesFromEnv,
  type ProviderSourcesOptions,
  resolveProviderSource,
} from "./providers/_from_env.ts";
export type { ResolvedKey } from "./providers/_keys.ts";
export { KNOWN_PROVIDERS, type ParamSpec, type ProviderEndpoint } from "./providers/_known.ts";
export { PROVIDER_PROTOCOLS, type ProviderProtocol } from "./providers/_protocol.ts";
export {
  buildSources,
  DEFAULT_SOURCE_IDS,
  GENERAL_SOURCE_IDS,
  knownSourceIds,
  resolveSourceSettings,
  type SourceRegistryOptions,
  type SourceSettingsInput,
} from "./_source_list.ts";
export { screenResult } from "./_screen.ts";
export type { KnownModel, LinkLimits, LinkOffering } from "./_link_input.ts";
export type { LinkHints, Source, SourceFetchOptions, SourceKind, SourceResult } from "./_source.ts";
export type { ProviderApiConfig } from "../config/mod.ts";
