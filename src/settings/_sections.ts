/**
 * Every setting starmap reads, declared once per section with its flag, environment variables, config path,
 * default and schema. Faces resolve a section with {@link resolveSection} and hand the typed values on; no other
 * module spells a default again.
 *
 * @module
 */
import { z } from "zod";
import { type SectionSpec, setting, type SettingKey } from "./_key.ts";
import { commaList, durationMs, flagText, wholeNumber } from "./_text.ts";
import { LOCAL_PATH } from "../words/mod.ts";

const duration = z.number({ error: "expected a duration like 30s, 15m or 6h" }).int().positive();
const port = z.number({ error: "expected a port number" }).int().min(0, "expected a port number").max(
  65535,
  "expected a port number",
);
const path = z.string().min(1, "expected a path");
const httpUrl = z.url({ protocol: /^https?$/, error: "expected an http(s) URL" });
/** A weights registry: an http(s) URL, a `file:` URL or a directory (`./registry`, `/mnt/usb/registry`). */
const registryLocation = z.union([
  z.url({ protocol: /^(https?|file)$/ }),
  z.string().regex(LOCAL_PATH),
], { error: "expected an http(s) URL, a file: URL or a directory path" });
const redisUrl = z.url({ protocol: /^rediss?$/, error: "expected a redis:// or rediss:// URL" });
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected an environment variable name");
const list = z.array(z.string().min(1));

/** The defaults that more than one face or module needs to name. */
export const DEFAULTS: {
  readonly host: string;
  readonly port: number;
  readonly prefix: string;
  readonly sourceTimeoutMs: number;
  readonly sourceRetries: number;
  readonly drainTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly lockTimeoutMs: number;
  readonly weightsConcurrency: number;
} = {
  host: "127.0.0.1",
  port: 8080,
  prefix: "/api/v1",
  sourceTimeoutMs: 30_000,
  sourceRetries: 3,
  drainTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  lockTimeoutMs: 30_000,
  weightsConcurrency: 4,
};

/** How every command renders: the output format and colour. */
export const OUTPUT_SETTINGS = {
  format: setting({
    flag: "-o/--output",
    env: ["STARMAP_OUTPUT"],
    config: "output.format",
    default: "table",
    schema: z.string().min(1),
    doc: "output format",
  }),
  color: setting({
    flag: "--no-color",
    config: "output.color",
    default: true,
    text: flagText,
    schema: z.boolean(),
    doc: "colour on terminals (NO_COLOR always wins)",
  }),
} satisfies SectionSpec;

/** Where the user's catalog lives. */
export const CATALOG_SETTINGS = {
  dir: setting({
    flag: "--catalog-dir",
    env: ["STARMAP_CATALOG_DIR"],
    config: "catalog.dir",
    schema: path,
    doc: "the user's catalog directory",
  }),
} satisfies SectionSpec;

/** Where sources are fetched from and how patiently. */
export const SOURCES_SETTINGS = {
  modelsDevUrl: setting({
    flag: "--models-dev-url",
    env: ["STARMAP_MODELS_DEV_URL"],
    config: "sources.modelsDevUrl",
    schema: httpUrl,
    doc: "models.dev api.json URL",
  }),
  modelsDevArchiveUrl: setting({
    flag: "--models-dev-archive-url",
    env: ["STARMAP_MODELS_DEV_ARCHIVE_URL"],
    config: "sources.modelsDevArchiveUrl",
    schema: httpUrl,
    doc: "models.dev source archive URL",
  }),
  modelsDevRef: setting({
    flag: "--models-dev-ref",
    env: ["STARMAP_MODELS_DEV_REF"],
    config: "sources.modelsDevRef",
    schema: z.string().min(1),
    doc: "models.dev git ref of the archive",
  }),
  litellmUrl: setting({
    flag: "--litellm",
    env: ["STARMAP_LITELLM_URL"],
    config: "sources.litellmUrl",
    schema: z.string().min(1),
    doc: "LiteLLM price map URL or file",
  }),
  overridesDir: setting({
    flag: "--overrides-dir",
    env: ["STARMAP_OVERRIDES_DIR"],
    config: "sources.overridesDir",
    schema: path,
    doc: "directory of local override files",
  }),
  timeoutMs: setting({
    flag: "--timeout",
    env: ["STARMAP_SOURCE_TIMEOUT"],
    config: "sources.timeoutMs",
    default: DEFAULTS.sourceTimeoutMs,
    text: durationMs,
    schema: duration,
    doc: "time each source may take",
  }),
  retries: setting({
    env: ["STARMAP_SOURCE_RETRIES"],
    config: "sources.retries",
    default: DEFAULTS.sourceRetries,
    text: wholeNumber,
    schema: z.number().int().min(0).max(10),
    doc: "retries of a failed source request",
  }),
} satisfies SectionSpec;

/** How `starmap serve` listens and behaves. */
export const SERVER_SETTINGS = {
  host: setting({
    flag: "--host",
    env: ["STARMAP_HOST", "HOST"],
    config: "server.host",
    default: DEFAULTS.host,
    schema: z.string().min(1),
    doc: "interface to listen on",
  }),
  port: setting({
    flag: "--port",
    env: ["STARMAP_PORT", "PORT"],
    config: "server.port",
    default: DEFAULTS.port,
    text: wholeNumber,
    schema: port,
    doc: "port to listen on (0 picks one)",
  }),
  prefix: setting({
    flag: "--prefix",
    env: ["STARMAP_PREFIX"],
    config: "server.prefix",
    default: DEFAULTS.prefix,
    schema: z.string(),
    doc: "path prefix of every route",
  }),
  authKeyEnv: setting({
    flag: "--auth-key-env",
    config: "server.authKeyEnv",
    schema: envName,
    doc: "environment variable holding the admin API key",
  }),
  cors: setting({
    flag: "--cors",
    env: ["STARMAP_CORS"],
    config: "server.cors",
    text: commaList,
    schema: list,
    doc: "origins allowed by CORS (* for any)",
  }),
  rateLimit: setting({
    flag: "--rate-limit",
    env: ["STARMAP_RATE_LIMIT"],
    config: "server.rateLimit",
    schema: z.union([z.number().int().positive(), z.string().min(1)]),
    doc: "requests per minute per client (120, 2/s)",
  }),
  rateLimitExempt: setting({
    flag: "--rate-limit-exempt",
    env: ["STARMAP_RATE_LIMIT_EXEMPT"],
    config: "server.rateLimitExempt",
    text: commaList,
    schema: list,
    doc: "client ranges the rate limit does not count",
  }),
  autoUpdateMs: setting({
    flag: "--auto-update",
    env: ["STARMAP_AUTO_UPDATE"],
    config: "server.autoUpdate",
    text: durationMs,
    schema: duration,
    doc: "update interval",
  }),
  drainTimeoutMs: setting({
    flag: "--drain-timeout",
    env: ["STARMAP_DRAIN_TIMEOUT"],
    default: DEFAULTS.drainTimeoutMs,
    text: durationMs,
    schema: duration,
    doc: "longest wait for requests in flight on shutdown",
  }),
  trustProxy: setting({
    flag: "--trust-proxy",
    env: ["STARMAP_TRUST_PROXY"],
    config: "server.trustProxy",
    text: commaList,
    schema: list,
    doc: "proxies (CIDR) whose X-Forwarded-For names the client",
  }),
  redis: setting({
    flag: "--redis",
    env: ["STARMAP_REDIS_URL"],
    config: "server.redis",
    schema: redisUrl,
    doc: "Redis of a fleet of replicas",
  }),
  follow: setting({
    flag: "--follow",
    env: ["STARMAP_FOLLOW"],
    schema: httpUrl,
    doc: "a starmap server to follow read-only",
  }),
} satisfies SectionSpec;

/** Where weights come from and where they are kept. */
export const WEIGHTS_SETTINGS = {
  registry: setting({
    flag: "--registry",
    env: ["STARMAP_REGISTRY_URL"],
    config: "weights.registry",
    schema: registryLocation,
    doc: "the weights registry URL",
  }),
  dataDir: setting({
    flag: "--models-dir",
    env: ["STARMAP_MODELS_DIR"],
    config: "weights.dataDir",
    schema: path,
    doc: "where installed weights are kept",
  }),
  concurrency: setting({
    flag: "--concurrency",
    env: ["STARMAP_CONCURRENCY"],
    config: "weights.concurrency",
    default: DEFAULTS.weightsConcurrency,
    text: wholeNumber,
    schema: z.number({ error: "expected a whole number from 1 to 16" }).int(
      "expected a whole number from 1 to 16",
    )
      .min(1, "expected a whole number from 1 to 16").max(16, "expected a whole number from 1 to 16"),
    doc: "parallel chunk downloads",
  }),
  token: setting({
    flag: "--token",
    env: ["STARMAP_REGISTRY_TOKEN"],
    config: "weights.token",
    schema: z.string().min(1),
    doc: "registry bearer token",
  }),
} satisfies SectionSpec;

/** Where local price overrides live. */
export const PRICING_SETTINGS = {
  file: setting({
    flag: "--pricing-file",
    env: ["STARMAP_PRICING_FILE"],
    config: "pricing.file",
    schema: path,
    doc: "price overrides file",
  }),
} satisfies SectionSpec;

const SECTIONS: readonly SectionSpec[] = [
  OUTPUT_SETTINGS,
  CATALOG_SETTINGS,
  SOURCES_SETTINGS,
  SERVER_SETTINGS,
  WEIGHTS_SETTINGS,
  PRICING_SETTINGS,
];

/**
 * The declaration of the setting at a config path (`weights.registry`), so a face can name its flag and
 * variables for a `StarmapError` whose `setting` names it; `undefined` for a path no setting declares.
 */
export function settingAt(path: string): SettingKey<unknown> | undefined {
  for (const section of SECTIONS) {
    for (const key of Object.values(section)) if (key.config === path) return key;
  }
  return undefined;
}
