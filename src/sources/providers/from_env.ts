/**
 * Builds the provider API sources from the catalog, the user's settings and an environment lookup. The library
 * never reads the environment itself: the CLI passes `ctx.io.env` (or a map in tests).
 *
 * @module
 */
import type { HttpClient } from "../../http/client.ts";
import { ProviderApiSource } from "./api.ts";
import { baseUrlEnv, KNOWN_PROVIDERS } from "./known.ts";
import type { ProviderProtocol } from "./protocol.ts";
import type { Provider } from "../../catalog/types.gen.ts";

/** The user's settings for one provider API (config `providers.<id>`, flags). */
export interface ProviderSetting {
  /** The API base URL. */
  baseUrl?: string | undefined;
  /** The environment variable holding the key. */
  apiKeyEnv?: string | undefined;
  /** The protocol, for providers the catalog does not describe. @default "openai" */
  protocol?: ProviderProtocol | undefined;
  /** The key itself (flags and tests; prefer `apiKeyEnv`). */
  apiKey?: string | undefined;
}

/** Reads an environment variable; `undefined` when unset or not permitted. */
export type EnvLookup = (name: string) => string | undefined;

/** Options of {@link providerSourcesFromEnv}. */
export interface ProviderSourcesOptions {
  /** The HTTP client. */
  http: HttpClient;
  /** The catalog's providers (their `api`, `endpoint` and `env`). */
  providers: readonly Provider[];
  /** The environment lookup (`ctx.io.env`); omit to read no environment. */
  env?: EnvLookup | undefined;
  /** User settings by provider id; they win over the environment, which wins over the catalog. */
  settings?: Readonly<Record<string, ProviderSetting>> | undefined;
  /** Only these provider ids (all that have an API otherwise). */
  only?: readonly string[] | undefined;
}

function protocolOf(p: Provider | undefined): ProviderProtocol | undefined {
  const type = p?.endpoint?.type;
  return type === "openai" || type === "anthropic" || type === "google" || type === "openrouter"
    ? type
    : undefined;
}

/**
 * The provider API ids a user may name: the built-in ones, every catalog provider with a list-models endpoint,
 * and every provider in `settings` (a provider may exist only in the config file).
 */
export function providerApiIds(
  providers: readonly Provider[],
  settings?: Readonly<Record<string, ProviderSetting>>,
): string[] {
  const apis = providers.filter((p) => p.endpoint && p.endpoint.type !== "none").map((p) => p.id);
  return [...new Set([...Object.keys(KNOWN_PROVIDERS), ...apis, ...Object.keys(settings ?? {})])];
}

/** Resolves the API of one provider, or `undefined` when it has no list-models API starmap can speak. */
export function resolveProviderSource(
  id: string,
  options: Omit<ProviderSourcesOptions, "only">,
): ProviderApiSource | undefined {
  const catalog = options.providers.find((p) => p.id === id);
  const known = KNOWN_PROVIDERS[id];
  const setting = options.settings?.[id] ?? {};
  const env = options.env ?? (() => undefined);
  const protocol = setting.protocol ?? protocolOf(catalog) ?? known?.protocol ??
    (setting.baseUrl ? "openai" : undefined);
  const baseUrl = setting.baseUrl ?? env(baseUrlEnv(id)) ?? catalog?.api ?? known?.baseUrl;
  if (!protocol || !baseUrl) return undefined;
  const candidates = setting.apiKeyEnv
    ? [setting.apiKeyEnv]
    : [...new Set([...(known ? [known.keyEnv] : []), ...(catalog?.env ?? [])])];
  const keyEnv = candidates.find((name) => env(name)) ?? candidates[0];
  const apiKey = setting.apiKey ?? (keyEnv ? env(keyEnv) : undefined);
  return new ProviderApiSource({
    http: options.http,
    provider: id,
    protocol,
    baseUrl,
    path: catalog?.endpoint?.path ?? known?.path,
    apiKey: apiKey || undefined,
    keyEnv,
  });
}

/**
 * The provider API sources: the built-in ones, every catalog provider with a list-models endpoint, and every
 * provider in `settings`. Base URLs: settings > `STARMAP_<ID>_BASE_URL` > catalog > built-in. Providers without a
 * key are still returned; their `fetch` skips with a note.
 */
export function providerSourcesFromEnv(options: ProviderSourcesOptions): ProviderApiSource[] {
  const ids = options.only ?? [
    ...new Set([
      ...Object.keys(KNOWN_PROVIDERS),
      ...options.providers.filter((p) => protocolOf(p)).map((p) => p.id),
      ...Object.keys(options.settings ?? {}),
    ]),
  ].sort();
  return ids.flatMap((id) => resolveProviderSource(id, options) ?? []);
}
