/**
 * The `litellm` source: LiteLLM's price map (`model_prices_and_context_window.json`) from a URL or a file. Prices
 * per token become USD per 1M tokens by exact decimal shifting; `litellm_provider` is mapped to catalog provider
 * ids where one matches, and entries of other providers are left out.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { ModelRecord } from "../catalog/schema.ts";
import { StarmapError } from "../errors.ts";
import type { HttpClient } from "../http/client.ts";
import { decodeJson } from "../http/body.ts";
import { upstreamPerMillion as perMillion } from "../pricing/decimal.ts";
import { compact } from "./models_dev/translate.ts";
import type { Source, SourceFetchOptions, SourceResult } from "./source.ts";

/** LiteLLM's published price map. */
export const LITELLM_URL =
  "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json";

/** LiteLLM provider names that differ from catalog provider ids. */
export const LITELLM_PROVIDER_IDS: Readonly<Record<string, string>> = {
  gemini: "google",
  "vertex_ai-language-models": "google-vertex",
  "vertex_ai-anthropic_models": "google-vertex-anthropic",
  bedrock: "amazon-bedrock",
  bedrock_converse: "amazon-bedrock",
  together_ai: "togetherai",
  fireworks_ai: "fireworks-ai",
  novita: "novita-ai",
  moonshot: "moonshotai",
  github_copilot: "github-copilot",
  cloudflare: "cloudflare-workers-ai",
  azure_ai: "azure",
  dashscope: "alibaba",
  vercel_ai_gateway: "vercel",
  perplexity: "perplexity",
  ovhcloud: "ovhcloud",
  snowflake: "snowflake-cortex",
};

const cost = z.union([z.number(), z.string()]).optional();
/** One entry of the price map (loose: LiteLLM adds keys often). */
export const LiteLLMEntry = z.looseObject({
  litellm_provider: z.string(),
  mode: z.string().optional(),
  max_input_tokens: z.number().int().nonnegative().optional().catch(undefined),
  max_output_tokens: z.number().int().nonnegative().optional().catch(undefined),
  input_cost_per_token: cost,
  output_cost_per_token: cost,
  cache_read_input_token_cost: cost,
  cache_creation_input_token_cost: cost,
  output_cost_per_reasoning_token: cost,
  input_cost_per_audio_token: cost,
  output_cost_per_audio_token: cost,
  supports_function_calling: z.boolean().optional(),
  supports_reasoning: z.boolean().optional(),
  supports_response_schema: z.boolean().optional(),
  supports_vision: z.boolean().optional(),
  deprecation_date: z.string().optional(),
});

/** Options of the {@link LiteLLMSource}. */
export interface LiteLLMOptions {
  /** The HTTP client (for URLs). */
  http: HttpClient;
  /** A URL (`http(s)://…`) or a file path. @default LITELLM_URL */
  location?: string | undefined;
  /** Catalog provider ids that entries may map to; entries of other providers are skipped. */
  providerIds: readonly string[];
}

/** Translates one price-map entry keyed `key` into a model record of a catalog provider. */
export function fromLiteLLM(key: string, e: z.infer<typeof LiteLLMEntry>, provider: string): ModelRecord {
  const prefixes = [`${e.litellm_provider}/`, `${provider}/`];
  const id = prefixes.reduce((k, p) => (k.startsWith(p) ? k.slice(p.length) : k), key);
  const pricing = compact({
    input: perMillion(e.input_cost_per_token),
    output: perMillion(e.output_cost_per_token),
    cacheRead: perMillion(e.cache_read_input_token_cost),
    cacheWrite: perMillion(e.cache_creation_input_token_cost),
    reasoning: perMillion(e.output_cost_per_reasoning_token),
    inputAudio: perMillion(e.input_cost_per_audio_token),
    outputAudio: perMillion(e.output_cost_per_audio_token),
  });
  const limits = compact({
    input: e.max_input_tokens || undefined,
    output: e.max_output_tokens || undefined,
  });
  const capabilities = compact({
    toolCalls: e.supports_function_calling,
    reasoning: e.supports_reasoning,
    structuredOutput: e.supports_response_schema,
  });
  const deprecation = e.deprecation_date && /^\d{4}-\d{2}-\d{2}$/.test(e.deprecation_date)
    ? { date: e.deprecation_date }
    : undefined;
  return compact({
    id,
    provider,
    pricing: Object.keys(pricing).length ? pricing : undefined,
    limits: Object.keys(limits).length ? limits : undefined,
    capabilities: Object.keys(capabilities).length ? capabilities : undefined,
    deprecation,
  });
}

/** Translates the whole price map; entries that do not parse or map to no catalog provider are counted. */
export function translateLiteLLM(value: unknown, providerIds: readonly string[]): SourceResult {
  const known = new Set(providerIds);
  const map = z.record(z.string(), z.unknown()).safeParse(value);
  if (!map.success) {
    throw new StarmapError("network", `cannot read source "litellm": the price map is not an object`);
  }
  const models: ModelRecord[] = [];
  const seen = new Set<string>();
  let unmapped = 0;
  let invalid = 0;
  for (const [key, raw] of Object.entries(map.data)) {
    if (key === "sample_spec") continue;
    const entry = LiteLLMEntry.safeParse(raw);
    if (!entry.success) {
      invalid++;
      continue;
    }
    const name = entry.data.litellm_provider;
    const provider = LITELLM_PROVIDER_IDS[name] ?? name.replace(/_/g, "-");
    if (!known.has(provider)) {
      unmapped++;
      continue;
    }
    const record = fromLiteLLM(key, entry.data, provider);
    const k = `${record.provider}/${record.id}`;
    if (seen.has(k)) continue;
    seen.add(k);
    models.push(record);
  }
  const notes = [`litellm: ${models.length} models mapped, ${unmapped} of unmapped providers skipped`];
  if (invalid) notes.push(`litellm: ${invalid} entries skipped as malformed`);
  return { providers: [], authors: [], models, complete: [], notes };
}

/** LiteLLM's price map. */
export class LiteLLMSource implements Source {
  /** `litellm`. */
  readonly id = "litellm";
  /** `litellm`. */
  readonly kind = "litellm" as const;
  readonly #options: LiteLLMOptions;

  /** Makes the source. */
  constructor(options: LiteLLMOptions) {
    this.#options = options;
  }

  /** Reads the map (URL or file) and translates it. */
  async fetch(options: SourceFetchOptions): Promise<SourceResult> {
    const location = this.#options.location ?? LITELLM_URL;
    let value: unknown;
    if (/^https?:\/\//i.test(location)) {
      value = (await this.#options.http.getJson(location, { source: this.id, signal: options.signal })).value;
    } else {
      let text: string;
      try {
        text = await readFile(location, "utf8");
      } catch (error) {
        throw new StarmapError("storage", `cannot read source "litellm": ${(error as Error).message}`, {
          cause: error,
        });
      }
      const decoded = decodeJson(text, null);
      if ("error" in decoded) throw new StarmapError("invalid", `cannot read ${location}: ${decoded.error}`);
      value = decoded.value;
    }
    const result = translateLiteLLM(value, this.#options.providerIds);
    if (!options.providers) return result;
    const only = new Set(options.providers);
    return { ...result, models: result.models.filter((m) => only.has(m.provider)) };
  }
}
