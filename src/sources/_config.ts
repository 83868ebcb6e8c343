/**
 * The configuration sections of the sources: `sources` (URLs and directories) and `providers` (per-provider API
 * base URL and key variable). The config schema imports these.
 *
 * @module
 */
import { z } from "zod";
import type * as Types from "./types.gen.ts";
import { PROVIDER_PROTOCOLS } from "./providers/_protocol.ts";

/** The `sources` section of the config file. */
export const SourcesConfig = z.strictObject({
  /** models.dev `/api.json` URL (a mirror). */
  modelsDevUrl: z.url().optional(),
  /** models.dev source tarball URL; `{ref}` is replaced by `modelsDevRef`. */
  modelsDevArchiveUrl: z.url().optional(),
  /** The git ref of the models.dev archive. */
  modelsDevRef: z.string().min(1).optional(),
  /** LiteLLM's price map: a URL or a file path. */
  litellmUrl: z.string().min(1).optional(),
  /** The override directory of the `local` source. */
  overridesDir: z.string().min(1).optional(),
  /** Per-request timeout of source fetches, in milliseconds. */
  timeoutMs: z.number().int().positive().optional(),
  /** Retries of a failing request. */
  retries: z.number().int().nonnegative().max(10).optional(),
});
/** The `sources` section of the config file. */
export type SourcesConfig = Types.SourcesConfig;

/** One provider's API settings. */
export const ProviderApiConfig = z.strictObject({
  /** The API base URL (`https://gateway.example.com/v1`). */
  baseUrl: z.url().optional(),
  /** The environment variable holding the key, looked at before the provider's documented ones. */
  apiKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected an environment variable name").optional(),
  /** The key, looked at after every variable: `env:NAME`, `file:/path/to/key`, or the key itself. */
  apiKey: z.string().min(1).optional(),
  /** The list-models protocol, for providers the catalog does not describe. */
  protocol: z.enum(PROVIDER_PROTOCOLS).optional(),
  /** Provider-specific settings: `project` and `location` (Vertex), `endpoint` and `apiVersion` (Azure), `host` (Ollama). */
  params: z.record(z.string().min(1), z.string().min(1)).optional(),
});

/** The `providers` section: API settings by provider id. */
export const ProvidersConfig = z.record(
  z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "expected a provider id"),
  ProviderApiConfig,
);
/** The `providers` section: API settings by provider id. */
export type ProvidersConfig = Types.ProvidersConfig;
