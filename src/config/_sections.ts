/**
 * The sections of the configuration file that other parts of starmap own: pricing, weights, sources, providers,
 * reconcile and server. They live here, beside the file's schema, so that reading a config file evaluates these
 * small schemas and not the modules of every part that uses them.
 *
 * @module
 */
import { z } from "zod";
import { LOCAL_PATH, PROVIDER_PROTOCOLS } from "../words/mod.ts";
import type * as Types from "./types.gen.ts";

/** Pricing settings: the override file (the `--pricing-file` flag and `STARMAP_PRICING_FILE` win over it). */
export const PricingConfig = z.strictObject({
  /** A YAML file of price overrides by `provider/model`. */
  file: z.string().min(1).optional(),
});
/** Pricing settings of the configuration file. */
export type PricingConfig = Types.PricingConfig;

/** Settings of the weights puller. */
export const WeightsConfig = z.strictObject({
  /** The registry: a base URL serving `models.json` and `data/<hash>`, or a directory holding them. */
  registry: z.union([
    z.url({ protocol: /^(https?|file)$/ }),
    z.string().regex(LOCAL_PATH),
  ])
    .optional(),
  /** Where installed models, the chunk cache and `registry.json` live. */
  dataDir: z.string().min(1).optional(),
  /** Parallel chunk downloads (1 to 16). */
  concurrency: z.number().int().min(1).max(16).optional(),
});
/** Settings of the weights puller. */
export type WeightsConfig = Types.WeightsConfig;

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

/** How the reconciler ranks sources. */
export const ReconcileStrategy = z.enum(["authority", "source-order"]);
/** How the reconciler ranks sources. */
export type ReconcileStrategy = Types.ReconcileStrategy;

const pattern = z.string().regex(
  /^(\*|existence|[A-Za-z]+(\.[A-Za-z]+)*(\.\*)?)$/,
  "expected a field path such as pricing.input, pricing.* or *",
);

/** The `reconcile` section of the configuration file. */
export const ReconcileConfig = z.strictObject({
  /** `authority` (per-field table, the default) or `source-order` (one fixed ranking for every field). */
  strategy: ReconcileStrategy.optional(),
  /** Field pattern → sources (ids or kinds), highest authority first. Merged over the defaults. */
  authority: z.record(pattern, z.array(z.string().min(1))).optional(),
  /** The ranking of the `source-order` strategy, highest first (ids or kinds). */
  order: z.array(z.string().min(1)).optional(),
});
/** The `reconcile` section of the configuration file. */
export type ReconcileConfig = Types.ReconcileConfig;

/** Settings of `starmap serve` (flags and `HOST`/`PORT` win over these). */
export const ServerConfig = z.strictObject({
  /** Interface to listen on. */
  host: z.string().min(1).optional(),
  /** Port to listen on. */
  port: z.number().int().min(0).max(65535).optional(),
  /** Path prefix of every route. */
  prefix: z.string().optional(),
  /** The environment variable holding the admin API key. */
  authKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected an environment variable name")
    .optional(),
  /** Origins allowed by CORS (`*` for any). */
  cors: z.array(z.string().min(1)).optional(),
  /** Requests per minute per client (`120`, `120/min`, `2/s`). */
  rateLimit: z.union([z.number().int().positive(), z.string()]).optional(),
  /** Client ranges (CIDR, or `loopback`) the rate limit does not count; none unless given. */
  rateLimitExempt: z.array(z.string().min(1)).optional(),
  /** Proxy ranges (CIDR) whose `X-Forwarded-For` names the client. */
  trustProxy: z.array(z.string().min(1)).optional(),
  /** Update interval (`15m`, `6h`). */
  autoUpdate: z.string().optional(),
  /** Redis URL of the fleet (`redis://host:6379/0`, `rediss://` for TLS). */
  redis: z.string().min(1).optional(),
});
/** Settings of `starmap serve`. */
export type ServerConfig = Types.ServerConfig;
