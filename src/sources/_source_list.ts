/**
 * Builds the list of sources from one plain options object, so the sync pipeline, the CLI and the server share
 * one way of choosing and configuring sources.
 *
 * @example
 * ```ts
 * const settings = resolveSourceSettings({ env: (n) => Deno.env.get(n), config: {} });
 * const sources = buildSources({ ...settings, providers: catalog.providers });
 * ```
 *
 * @module
 */
import { join } from "node:path";
import { StarmapError } from "../errors.ts";
import { sharedBreaker } from "../http/mod.ts";
import { HttpClient, type HttpClientOptions } from "../http/mod.ts";
import { suggest } from "../words/mod.ts";
import { resolveSection, SOURCES_SETTINGS } from "../settings/mod.ts";
import { EmbeddedSource } from "./_embedded.ts";
import { LiteLLMSource } from "./_litellm.ts";
import { LocalSource, OVERRIDES_DIR } from "./_local.ts";
import { ModelsDevArchiveSource } from "./models_dev/_archive.ts";
import { ModelsDevSource } from "./models_dev/_http.ts";
import { baseUrlEnv, KNOWN_PROVIDERS } from "./providers/_known.ts";
import {
  type EnvAllowed,
  type EnvLookup,
  isProviderApiId,
  providerApiIds,
  type ProviderSetting,
  resolveProviderSource,
} from "./providers/_from_env.ts";
import type { Source } from "./_source.ts";
import type { CatalogData, Provider } from "../catalog/types.gen.ts";
import type { ProvidersConfig, SourcesConfig } from "../config/types.gen.ts";

/** The ids of the sources that are not provider APIs. */
export const GENERAL_SOURCE_IDS = [
  "embedded",
  "local",
  "models.dev",
  "models.dev-archive",
  "litellm",
] as const;

/** The sources used when none are named: the archive is opt-in, since it repeats `models.dev`. */
export const DEFAULT_SOURCE_IDS = ["embedded", "local", "models.dev", "litellm", "providers"] as const;

/** Everything {@link buildSources} needs, as plain values. */
export interface SourceRegistryOptions {
  /** The catalog's providers: which provider APIs exist, and where LiteLLM entries map. */
  providers: readonly Provider[];
  /**
   * The sources to build: general ids (`embedded`, `local`, `models.dev`, `models.dev-archive`, `litellm`),
   * provider ids, and `providers` for every provider API that can run. @default DEFAULT_SOURCE_IDS
   */
  ids?: readonly string[] | undefined;
  /**
   * The HTTP client shared by every source. When absent one is made from `http`, recording into
   * `http.breaker`, else the process-wide {@link sharedBreaker}, so breaker states outlive one run.
   */
  client?: HttpClient | undefined;
  /** Options of the HTTP client made when `client` is absent. */
  http?: HttpClientOptions | undefined;
  /** Environment lookup for provider keys and `STARMAP_<ID>_BASE_URL`; omit to read no environment. */
  env?: EnvLookup | undefined;
  /** Whether a variable may be read (runtime permission), so a denied key is told from a missing one. */
  envAllowed?: EnvAllowed | undefined;
  /** models.dev `/api.json` URL. */
  modelsDevUrl?: string | undefined;
  /** models.dev archive URL (`{ref}` is replaced). */
  modelsDevArchiveUrl?: string | undefined;
  /** models.dev archive ref. */
  modelsDevRef?: string | undefined;
  /** LiteLLM map URL or file. */
  litellm?: string | undefined;
  /** The override directory of the `local` source (no `local` source without it). */
  overridesDir?: string | undefined;
  /** The cache directory (models.dev ETag cache); no cache without it. */
  cacheDir?: string | undefined;
  /** Per-provider API settings (config `providers`, flags). */
  providerSettings?: Readonly<Record<string, ProviderSetting>> | undefined;
  /** The baseline document of the `embedded` source. @default the shipped catalog */
  embeddedData?: CatalogData | undefined;
}

/** The ids a user may name: general sources, `providers`, and every provider with a list-models API. */
export function knownSourceIds(
  options: Pick<SourceRegistryOptions, "providers" | "providerSettings">,
): string[] {
  return [
    ...new Set([
      ...GENERAL_SOURCE_IDS,
      "providers",
      ...providerApiIds(options.providers, options.providerSettings),
    ]),
  ];
}

/**
 * Builds the sources named by `ids`. `providers` adds the built-in provider APIs (skipped with a note when they
 * have no key) and every other catalog provider API that has a key or a user setting.
 *
 * @throws {StarmapError} `invalid` for an unknown source id, with suggestions.
 */
export function buildSources(options: SourceRegistryOptions): Source[] {
  const ids = options.ids ?? DEFAULT_SOURCE_IDS;
  const known = knownSourceIds(options);
  for (const id of ids) {
    if (
      !known.includes(id) && !isProviderApiId(id, options.providers, options.providerSettings, options.env)
    ) {
      throw new StarmapError("invalid", `unknown source "${id}"`, {
        code: "unknown_source",
        resource: id,
        suggestions: suggest(id, known),
        hint: `sources: ${GENERAL_SOURCE_IDS.join(", ")}, providers, or a provider id`,
      });
    }
  }
  const http = options.client ??
    new HttpClient({ ...options.http, breaker: options.http?.breaker ?? sharedBreaker() });
  const out: Source[] = [];
  const seen = new Set<string>();
  const add = (s: Source | undefined) => {
    if (s && !seen.has(s.id)) {
      seen.add(s.id);
      out.push(s);
    }
  };
  for (const id of ids) {
    if (id === "embedded") add(new EmbeddedSource({ data: options.embeddedData }));
    else if (id === "local") {
      add(options.overridesDir ? new LocalSource({ dir: options.overridesDir }) : undefined);
    } else if (id === "models.dev") {
      add(new ModelsDevSource({ http, url: options.modelsDevUrl, cacheDir: options.cacheDir }));
    } else if (id === "models.dev-archive") {
      add(new ModelsDevArchiveSource({ http, url: options.modelsDevArchiveUrl, ref: options.modelsDevRef }));
    } else if (id === "litellm") {
      add(
        new LiteLLMSource({
          http,
          location: options.litellm,
          providerIds: options.providers.map((p) => p.id),
        }),
      );
    } else if (id === "providers") {
      for (const s of defaultProviderSources(options, http)) add(s);
    } else add(resolveProviderSource(id, { ...options, http, settings: options.providerSettings }));
  }
  return out;
}

function defaultProviderSources(options: SourceRegistryOptions, http: HttpClient): Source[] {
  const ids = providerApiIds(options.providers, options.providerSettings).sort();
  const out: Source[] = [];
  for (const id of ids) {
    const source = resolveProviderSource(id, { ...options, http, settings: options.providerSettings });
    if (!source) continue;
    const known = KNOWN_PROVIDERS[id];
    const configured = id in (options.providerSettings ?? {});
    // A local server (Ollama) joins `providers` only when the user points at it: an update must not probe ports.
    if (known?.optInEnv && !configured && !known.optInEnv.some((n) => options.env?.(n))) continue;
    // A catalog provider on this machine (LM Studio) needs no key, so the key does not say the user runs it either:
    // it joins when the user sets its key or its base URL.
    const pointed = Boolean(source.key?.value) || Boolean(options.env?.(baseUrlEnv(id)));
    if (known || configured || (source.usable && (!source.keyOptional || pointed))) out.push(source);
  }
  return out;
}

/** Source settings from flags, the environment and the config file (in that order of precedence). */
export interface SourceSettingsInput {
  /** Values given as flags. */
  flags?: Partial<
    Pick<
      SourceRegistryOptions,
      "modelsDevUrl" | "modelsDevArchiveUrl" | "modelsDevRef" | "litellm" | "overridesDir"
    >
  >;
  /** The environment lookup (`ctx.io.env`). */
  env?: EnvLookup | undefined;
  /** The config file's `sources` and `providers` sections. */
  config?: { sources?: SourcesConfig | undefined; providers?: ProvidersConfig | undefined };
  /** The user's catalog directory: overrides default to `<catalogDir>/overrides`. */
  catalogDir?: string | undefined;
}

/**
 * Resolves the source settings through the one settings resolver: flags > `STARMAP_MODELS_DEV_URL`,
 * `STARMAP_MODELS_DEV_ARCHIVE_URL`, `STARMAP_MODELS_DEV_REF`, `STARMAP_LITELLM_URL`, `STARMAP_OVERRIDES_DIR`,
 * `STARMAP_SOURCE_TIMEOUT`, `STARMAP_SOURCE_RETRIES` > config `sources.*` > defaults.
 *
 * @throws {StarmapError} `invalid` naming the setting's origin when a value is malformed.
 */
export function resolveSourceSettings(input: SourceSettingsInput): Omit<SourceRegistryOptions, "providers"> {
  const { litellm, ...flags } = input.flags ?? {};
  const { values } = resolveSection(SOURCES_SETTINGS, {
    flags: { ...flags, litellmUrl: litellm },
    env: input.env,
    config: { sources: input.config?.sources },
  });
  const defaultOverrides = input.catalogDir ? join(input.catalogDir, OVERRIDES_DIR) : undefined;
  return {
    env: input.env,
    modelsDevUrl: values.modelsDevUrl,
    modelsDevArchiveUrl: values.modelsDevArchiveUrl,
    modelsDevRef: values.modelsDevRef,
    litellm: values.litellmUrl,
    overridesDir: values.overridesDir ?? defaultOverrides,
    providerSettings: input.config?.providers,
    http: { timeoutMs: values.timeoutMs, retries: values.retries },
  };
}
