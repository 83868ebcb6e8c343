/**
 * Builds the provider API sources from the catalog, the user's settings and an environment lookup. The library
 * never reads the environment itself: the CLI passes `ctx.io.env` (or a map in tests).
 *
 * @module
 */
import { join } from "node:path";
import type { HttpClient } from "../../http/mod.ts";
import { ProviderApiSource } from "./_api.ts";
import { type EnvAllowed, type EnvLookup, resolveKey } from "./_keys.ts";
import { baseUrlEnv, KNOWN_PROVIDERS, type ProviderEndpoint, starmapKeyEnv } from "./_known.ts";
import type { ProviderProtocol } from "./_protocol.ts";
import type { Provider, ProviderRecord } from "../../catalog/types.gen.ts";

export type { EnvAllowed, EnvLookup } from "./_keys.ts";

/** The user's settings for one provider API (config `providers.<id>`, flags). */
export interface ProviderSetting {
  /** The API base URL. */
  baseUrl?: string | undefined;
  /** The environment variable holding the key; looked at before the documented ones. */
  apiKeyEnv?: string | undefined;
  /** The key, or a reference to it: `env:NAME`, `file:/path`. Looked at after every variable. */
  apiKey?: string | undefined;
  /** The protocol, for providers the catalog does not describe. @default "openai" */
  protocol?: ProviderProtocol | undefined;
  /** Provider-specific settings (`project`, `location`, `apiVersion`, `endpoint`, `host`). */
  params?: Readonly<Record<string, string>> | undefined;
}

/** Options of {@link providerSourcesFromEnv}. */
export interface ProviderSourcesOptions {
  /** The HTTP client. */
  http: HttpClient;
  /** The catalog's providers (their `api`, `endpoint` and `env`). */
  providers: readonly Provider[];
  /** The environment lookup (`ctx.io.env`); omit to read no environment. */
  env?: EnvLookup | undefined;
  /** Whether a variable may be read; lets `auth status` tell "not permitted" from "missing". */
  envAllowed?: EnvAllowed | undefined;
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
  const apis = providers.filter((p) => protocolOf(p)).map((p) => p.id);
  return [...new Set([...Object.keys(KNOWN_PROVIDERS), ...apis, ...Object.keys(settings ?? {})])];
}

/**
 * Whether `id` names a provider API: one of {@link providerApiIds}, or a provider the user reaches with nothing
 * but `STARMAP_<ID>_BASE_URL` (an OpenAI-compatible server starmap has never heard of).
 */
export function isProviderApiId(
  id: string,
  providers: readonly Provider[],
  settings?: Readonly<Record<string, ProviderSetting>>,
  env?: EnvLookup,
): boolean {
  return providerApiIds(providers, settings).includes(id) || !!env?.(baseUrlEnv(id));
}

function resolveParams(
  known: ProviderEndpoint | undefined,
  setting: ProviderSetting,
  env: EnvLookup,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(known?.params ?? {})) {
    const value = spec.env.map((n) => env(n)).find(Boolean) ?? spec.default;
    if (value) out[name] = value;
  }
  return { ...out, ...setting.params };
}

/** Replaces `${NAME}` in a catalog base URL with the variable; `undefined` when one is unset. */
function expandVariables(url: string, env: EnvLookup): string | undefined {
  let missing = false;
  const out = url.replace(/\$\{([A-Z][A-Z0-9_]*)\}/g, (_, name: string) => {
    const value = env(name);
    if (!value) missing = true;
    return value ?? "";
  });
  return missing ? undefined : out;
}

function adcFile(env: EnvLookup): string | undefined {
  const appData = env("APPDATA");
  if (appData) return join(appData, "gcloud", "application_default_credentials.json");
  const home = env("HOME");
  return home ? join(home, ".config", "gcloud", "application_default_credentials.json") : undefined;
}

/** Whether a base URL points at this machine (`localhost`, `127.0.0.0/8`, `[::1]`). */
function isLoopback(url: string | undefined): boolean {
  if (!url || !URL.canParse(url)) return false;
  const host = new URL(url).hostname;
  return host === "localhost" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The provider record of a provider only the user knows: its base URL and key variable, where they are valid. */
function userProvider(id: string, keyEnv: string, baseUrl: string | undefined): ProviderRecord {
  return {
    id,
    env: /^[A-Z0-9][A-Z0-9_]*$/.test(keyEnv) ? [keyEnv] : [],
    ...(baseUrl && /^https?:\/\/\S+$/.test(baseUrl) ? { api: baseUrl } : {}),
  };
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
  const protocol = setting.protocol ?? known?.protocol ?? protocolOf(catalog) ??
    (setting.baseUrl || env(baseUrlEnv(id)) ? "openai" : undefined);
  if (!protocol) return undefined;
  const params = resolveParams(known, setting, env);
  const builtIn = typeof known?.baseUrl === "function" ? known.baseUrl(params) : known?.baseUrl;
  const catalogUrl = catalog?.api && protocolOf(catalog) ? expandVariables(catalog.api, env) : undefined;
  const baseUrl = setting.baseUrl ?? env(baseUrlEnv(id)) ?? builtIn ?? catalogUrl;
  const missing = known?.needs ??
    (catalog?.api?.includes("${")
      ? catalog.env.filter((n) => catalog.api!.includes(n)).join(" and ")
      : undefined);
  if (!baseUrl && !missing && !catalog?.api) return undefined;
  const key = resolveKey({
    provider: id,
    known,
    catalogEnv: catalog?.env ?? [],
    apiKeyEnv: setting.apiKeyEnv,
    configKey: setting.apiKey,
    env,
    envAllowed: options.envAllowed,
    defaultFile: known?.keyIsFile ? adcFile(env) : undefined,
  });
  // A server on this machine (vLLM, llama.cpp, LM Studio) often runs without a key: unless the user names a key
  // setting, one is sent when set and not required.
  const ownLocal = !known && !setting.apiKeyEnv && !setting.apiKey && isLoopback(baseUrl);
  return new ProviderApiSource({
    http: options.http,
    provider: id,
    protocol,
    baseUrl,
    ...(ownLocal ? { keyOptional: true } : {}),
    missing,
    path: known?.path ?? catalog?.endpoint?.path,
    key,
    params,
    providerRecord: catalog ? undefined : known
      ? {
        id,
        name: known.name,
        env: [...known.keyEnv],
        ...(typeof known.baseUrl === "string" ? { api: known.baseUrl } : {}),
      }
      // A provider only the user knows: the catalog records where it was reached and which variable holds its key.
      : userProvider(id, setting.apiKeyEnv ?? starmapKeyEnv(id), baseUrl),
  });
}

/**
 * The provider API sources: the built-in ones, every catalog provider with a list-models endpoint, and every
 * provider in `settings`. Base URLs: settings > `STARMAP_<ID>_BASE_URL` > built-in > catalog. Providers without a
 * key are still returned; their `fetch` skips with a note.
 */
export function providerSourcesFromEnv(options: ProviderSourcesOptions): ProviderApiSource[] {
  const ids = options.only ?? providerApiIds(options.providers, options.settings).sort();
  return ids.flatMap((id) => resolveProviderSource(id, options) ?? []);
}
