/**
 * The `litellm` source: LiteLLM's price map (`model_prices_and_context_window.json`) from a URL or a file. Prices
 * per token become USD per 1M tokens by exact decimal shifting; `litellm_provider` is mapped to catalog provider
 * ids where one matches, and entries of other providers are left out.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { OfferingRecord, Operation } from "../catalog/types.gen.ts";
import { StarmapError } from "../errors.ts";
import type { HttpClient } from "../http/mod.ts";
import { decodeJson } from "../http/mod.ts";
import { upstreamPerMillion as perMillion, upstreamPerUnit as perUnit } from "../pricing/mod.ts";
import { LITELLM_MODES } from "../pricing/mod.ts";
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
  input_cost_per_token_batches: cost,
  output_cost_per_token_batches: cost,
  input_cost_per_token_priority: cost,
  output_cost_per_token_priority: cost,
  cache_read_input_token_cost_priority: cost,
  input_cost_per_token_flex: cost,
  output_cost_per_token_flex: cost,
  cache_read_input_token_cost_flex: cost,
  input_cost_per_request: cost,
  input_cost_per_image: cost,
  output_cost_per_image: cost,
  input_cost_per_second: cost,
  output_cost_per_second: cost,
  input_cost_per_audio_per_second: cost,
  input_cost_per_video_per_second: cost,
  output_cost_per_video_per_second: cost,
  input_cost_per_character: cost,
  output_cost_per_character: cost,
  search_context_cost_per_query: z.unknown().optional(),
  supports_function_calling: z.boolean().optional(),
  supports_tool_choice: z.boolean().optional(),
  supports_parallel_function_calling: z.boolean().optional(),
  supports_reasoning: z.boolean().optional(),
  supports_response_schema: z.boolean().optional(),
  supports_vision: z.boolean().optional(),
  supports_pdf_input: z.boolean().optional(),
  supports_web_search: z.boolean().optional(),
  supported_regions: z.array(z.string()).optional().catch(undefined),
  rpm: z.number().int().positive().optional().catch(undefined),
  tpm: z.number().int().positive().optional().catch(undefined),
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

/** LiteLLM modes and the catalog operation each one is. */
const OPERATION_OF: Readonly<Record<string, Operation>> = Object.fromEntries(
  Object.entries(LITELLM_MODES).map(([operation, mode]) => [mode, operation as Operation]),
);

/** The request parameters a `supports_*` flag of LiteLLM names (only `true` says anything). */
function paramsOf(e: z.infer<typeof LiteLLMEntry>): string[] {
  const out: string[] = [];
  if (e.supports_function_calling) out.push("tools");
  if (e.supports_tool_choice) out.push("tool_choice");
  if (e.supports_parallel_function_calling) out.push("parallel_tool_calls");
  if (e.supports_response_schema) out.push("response_format");
  if (e.supports_reasoning) out.push("reasoning_effort");
  if (e.supports_web_search) out.push("web_search_options");
  return out.sort();
}

function tokenPrices(
  input: string | number | undefined,
  output: string | number | undefined,
  cacheRead?: string | number,
) {
  const p = compact({
    input: perMillion(input),
    output: perMillion(output),
    cacheRead: perMillion(cacheRead),
  });
  return Object.keys(p).length ? p : undefined;
}

/** The prices of an entry that are not per token, and its batch, priority and flex rates. */
function nonTokenPrices(e: z.infer<typeof LiteLLMEntry>) {
  const search = e.search_context_cost_per_query;
  const perSearch = typeof search === "object" && search !== null
    ? (search as Record<string, unknown>)["search_context_size_medium"]
    : undefined;
  const audioIn = e.mode === "audio_transcription" ? e.input_cost_per_second : undefined;
  const audioOut = e.mode === "audio_speech" ? e.output_cost_per_second : undefined;
  const videoOut = e.mode === "video_generation" ? e.output_cost_per_second : undefined;
  return compact({
    perRequest: perUnit(e.input_cost_per_request),
    imageInput: perUnit(e.input_cost_per_image),
    imageOutput: perUnit(e.output_cost_per_image),
    audioInputPerSecond: perUnit(e.input_cost_per_audio_per_second ?? audioIn),
    audioOutputPerSecond: perUnit(audioOut),
    videoInputPerSecond: perUnit(e.input_cost_per_video_per_second),
    videoOutputPerSecond: perUnit(e.output_cost_per_video_per_second ?? videoOut),
    inputPerCharacter: perUnit(e.input_cost_per_character),
    outputPerCharacter: perUnit(e.output_cost_per_character),
    webSearch: typeof perSearch === "number" ? perUnit(perSearch, 1000) : undefined,
    batch: tokenPrices(e.input_cost_per_token_batches, e.output_cost_per_token_batches),
    priority: tokenPrices(
      e.input_cost_per_token_priority,
      e.output_cost_per_token_priority,
      e.cache_read_input_token_cost_priority,
    ),
    flex: tokenPrices(
      e.input_cost_per_token_flex,
      e.output_cost_per_token_flex,
      e.cache_read_input_token_cost_flex,
    ),
  });
}

/** Translates one price-map entry keyed `key` into a model record of a catalog provider. */
export function fromLiteLLM(key: string, e: z.infer<typeof LiteLLMEntry>, provider: string): OfferingRecord {
  const prefixes = [`${e.litellm_provider}/`, `${provider}/`];
  const id = prefixes.reduce((k, p) => (k.startsWith(p) ? k.slice(p.length) : k), key);
  const pricing = compact({
    ...nonTokenPrices(e),
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
  const deprecationDate = e.deprecation_date && /^\d{4}-\d{2}-\d{2}$/.test(e.deprecation_date)
    ? e.deprecation_date
    : undefined;
  const operation = e.mode ? OPERATION_OF[e.mode] : undefined;
  const params = paramsOf(e);
  const rateLimits = compact({ rpm: e.rpm, tpm: e.tpm });
  return compact({
    id,
    provider,
    pricing: Object.keys(pricing).length ? pricing : undefined,
    limits: Object.keys(limits).length ? limits : undefined,
    capabilities: Object.keys(capabilities).length ? capabilities : undefined,
    params: params.length ? params : undefined,
    operations: operation ? [operation] : undefined,
    lifecycle: deprecationDate ? { deprecationDate } : undefined,
    regions: e.supported_regions?.length ? [...e.supported_regions].sort() : undefined,
    rateLimits: Object.keys(rateLimits).length ? rateLimits : undefined,
  });
}

/** Translates the whole price map; entries that do not parse or map to no catalog provider are counted. */
export function translateLiteLLM(value: unknown, providerIds: readonly string[]): SourceResult {
  const known = new Set(providerIds);
  const map = z.record(z.string(), z.unknown()).safeParse(value);
  if (!map.success) {
    throw new StarmapError("network", `cannot read source "litellm": the price map is not an object`);
  }
  const models: OfferingRecord[] = [];
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
  return { providers: [], authors: [], offerings: models, complete: [], notes };
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
    return { ...result, offerings: result.offerings.filter((m) => only.has(m.provider)) };
  }
}
