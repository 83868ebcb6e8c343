/**
 * The loose schema of one entry of LiteLLM's price map, and the decision on every field the real map carries:
 * used (it reaches the catalog) or left out (with the reason). The fields test holds the real map against these
 * lists, so a field LiteLLM adds is a visible decision.
 *
 * @module
 */
import { z } from "zod";

const cost = z.union([z.number(), z.string()]).optional().catch(undefined);
const flag = z.boolean().optional().catch(undefined);
const strings = z.array(z.string()).optional().catch(undefined);

/** One tier of `tiered_pricing`: token prices for prompts in `[from, to)`. */
const TieredPrice = z.looseObject({
  input_cost_per_token: cost,
  output_cost_per_token: cost,
  cache_read_input_token_cost: cost,
  range: z.tuple([z.number(), z.number()]),
});

/**
 * One entry of the price map (loose: LiteLLM adds keys often). A field of the wrong type reads as absent (unknown)
 * instead of failing the entry; only an entry that is not an object or has no provider is malformed.
 */
export const LiteLLMEntry = z.looseObject({
  litellm_provider: z.string().min(1),
  mode: z.string().optional().catch(undefined),
  max_input_tokens: z.number().int().nonnegative().optional().catch(undefined),
  max_output_tokens: z.number().int().nonnegative().optional().catch(undefined),
  prompt_cache_min_tokens: z.number().int().nonnegative().optional().catch(undefined),
  output_vector_size: z.number().int().positive().optional().catch(undefined),
  bedrock_output_config_effort_ceiling: z.string().optional().catch(undefined),
  tiered_pricing: z.array(TieredPrice).optional().catch(undefined),
  search_context_cost_per_query: z.record(z.string(), z.unknown()).optional().catch(undefined),
  supported_regions: strings,
  supported_endpoints: strings,
  supported_modalities: strings,
  supported_output_modalities: strings,
  rpm: z.number().int().positive().optional().catch(undefined),
  tpm: z.number().int().positive().optional().catch(undefined),
  deprecation_date: z.string().optional().catch(undefined),
});
/** One entry of the price map. */
export type LiteLLMEntry = z.infer<typeof LiteLLMEntry>;

/** A cost field of an entry (a number, or a numeric string), `undefined` when absent or of another type. */
export function costOf(e: Readonly<Record<string, unknown>>, key: string): number | string | undefined {
  const v = e[key];
  return typeof v === "number" || typeof v === "string" ? v : undefined;
}

/** A `supports_*` flag of an entry: `true`, `false`, or `undefined` when the entry does not say. */
export function flagOf(e: LiteLLMEntry, key: string): boolean | undefined {
  return flag.parse(e[key]);
}

/**
 * Token price fields and the catalog price each one is (USD per token upstream, per 1M in the catalog), in the
 * order of the catalog's `Prices`, so that a translated price object has the key order the catalog writes.
 */
export const TOKEN_PRICE_FIELDS = {
  input_cost_per_token: "input",
  output_cost_per_token: "output",
  output_cost_per_reasoning_token: "reasoning",
  cache_read_input_token_cost: "cacheRead",
  cache_creation_input_token_cost: "cacheWrite",
  input_cost_per_audio_token: "inputAudio",
  output_cost_per_audio_token: "outputAudio",
  input_cost_per_image_token: "inputImage",
  output_cost_per_image_token: "outputImage",
  cache_creation_input_token_cost_above_1hr: "cacheWriteOneHour",
  cache_read_input_audio_token_cost: "cacheReadAudio",
  cache_creation_input_audio_token_cost: "cacheWriteAudio",
  output_cost_per_video_token: "outputVideo",
  citation_cost_per_token: "citation",
} as const;

/** Prices that are not per token but that LiteLLM also raises past a prompt size (`*_above_128k_tokens`). */
export const TIERED_UNIT_FIELDS = {
  input_cost_per_image: "imageInput",
  input_cost_per_character: "inputPerCharacter",
  output_cost_per_character: "outputPerCharacter",
  input_cost_per_audio_per_second: "audioInputPerSecond",
  input_cost_per_video_per_second: "videoInputPerSecond",
} as const;

/** The fields of a LiteLLM entry that reach the catalog (besides the tiered `*_above_<N>k_tokens` prices). */
export const LITELLM_FIELDS_USED = [
  "litellm_provider",
  "mode",
  "max_input_tokens",
  "max_output_tokens",
  ...Object.keys(TOKEN_PRICE_FIELDS),
  "input_cost_per_token_cache_hit",
  "input_cost_per_token_batches",
  "output_cost_per_token_batches",
  "input_cost_per_token_priority",
  "output_cost_per_token_priority",
  "cache_read_input_token_cost_priority",
  "cache_creation_input_token_cost_priority",
  "input_cost_per_audio_token_priority",
  "input_cost_per_token_flex",
  "output_cost_per_token_flex",
  "cache_read_input_token_cost_flex",
  "cache_creation_input_token_cost_flex",
  "tiered_pricing",
  "input_cost_per_request",
  "input_cost_per_image",
  "output_cost_per_image",
  "input_cost_per_pixel",
  "output_cost_per_pixel",
  "input_cost_per_second",
  "output_cost_per_second",
  "input_cost_per_audio_per_second",
  "input_cost_per_video_per_second",
  "output_cost_per_video_per_second",
  "input_cost_per_character",
  "output_cost_per_character",
  "input_cost_per_query",
  "search_context_cost_per_query",
  "ocr_cost_per_page",
  "annotation_cost_per_page",
  // Marks the Code Interpreter tool's container (`openai/container`): the entry is skipped, a tool is not a model.
  "code_interpreter_cost_per_session",
  "regional_processing_uplift_multiplier_eu",
  "regional_processing_uplift_multiplier_us",
  "prompt_cache_min_tokens",
  "output_vector_size",
  "supports_function_calling",
  "supports_tool_choice",
  "supports_parallel_function_calling",
  "supports_response_schema",
  "supports_native_structured_output",
  "supports_reasoning",
  "supports_low_reasoning_effort",
  "supports_minimal_reasoning_effort",
  "supports_none_reasoning_effort",
  "supports_xhigh_reasoning_effort",
  "supports_max_reasoning_effort",
  "supports_vision",
  "supports_image_input",
  "supports_embedding_image_input",
  "supports_pdf_input",
  "supports_audio_input",
  "supports_audio_output",
  "supports_video_input",
  "supports_web_search",
  "supports_url_context",
  "supports_computer_use",
  "supports_prompt_caching",
  "supports_system_messages",
  "supports_mid_conversation_system",
  "supports_adaptive_thinking",
  "supports_output_config",
  "bedrock_output_config_effort_ceiling",
  "supports_parallel_tool_use_config",
  "supports_speed",
  "supports_image_size",
  "supports_nova_canvas_image_edit",
  "supports_assistant_prefill",
  "supports_native_streaming",
  "supports_sampling_params",
  "supported_modalities",
  "supported_output_modalities",
  "supported_endpoints",
  "supported_regions",
  "deprecation_date",
  "rpm",
  "tpm",
] as const;

/** Fields of LiteLLM entries deliberately left out, with the reason. */
export const LITELLM_FIELDS_LEFT_OUT: Readonly<Record<string, string>> = {
  max_tokens:
    "legacy: on 2,497 of its 2,499 entries it repeats max_output_tokens or max_input_tokens (both " +
    "kept); LiteLLM documents it as either one, so where it stands alone it cannot be placed",
  source:
    "the web page LiteLLM copied the price from: where the figure came from, not a fact about the model",
  metadata:
    "LiteLLM's working notes (`notes`, `calculation`, `original_pricing_per_minute` from which the kept " +
    "per-second price was computed)",
  comment: "a free-text note on one routing entry",
  rules: "LiteLLM's own routing rules",
  provider_specific_entry: "LiteLLM's per-provider request overrides",
  web_search_billing_unit:
    "always `per_query`, which the kept price's own key (`search_context_cost_per_query`) " +
    "already says",
  input_dbu_cost_per_token: "Databricks units, not USD (catalog prices are USD)",
  output_dbu_cost_per_token: "Databricks units, not USD (catalog prices are USD)",
  ocr_cost_per_credit: "OCR credits, not USD (catalog prices are USD)",
  output_cost_per_second_1080p: "a second video price by output resolution beside the default one (kept as " +
    "videoOutputPerSecond); catalog prices are not split by resolution",
  input_cost_per_video_per_second_above_8s_interval:
    "a price by the clip's length in seconds; catalog tiers " +
    "are by prompt tokens",
  input_cost_per_video_per_second_above_15s_interval:
    "a price by the clip's length in seconds; catalog tiers " +
    "are by prompt tokens",
  supports_multimodal:
    "says that an embedding model takes more than text, not which kinds (its six entries " +
    "carry no modality list); catalog modalities name the kinds, so a guess would be invented",
  bedrock_converse_supports_strict_tools:
    "false on every entry: whether LiteLLM may send `strict` inside Bedrock " +
    "tool definitions, a detail of one request shape with no catalog field",
  use_openai_responses_path:
    "repeats supported_endpoints, which lists `/v1/responses` on each of its entries " +
    "(kept as the `responses` operation)",
  uses_embed_content: "LiteLLM's choice of which Gemini embedding method it calls; the `embedding` mode is " +
    "kept as the operation",
  gemini_audio_only_live: "LiteLLM's choice of Gemini Live session (audio-only replies); the offering's " +
    "output modalities come from supported_output_modalities",
  gemini_native_audio: "LiteLLM's choice of Gemini Live session; every entry that carries it also lists " +
    "audio among supported_output_modalities (kept)",
  audio_transcription_config: "the name of LiteLLM's transcription handler",
};

/** A priority-rate tier key: `<token price field>_above_<N>k_tokens_priority`. */
export const PRIORITY_TIER_KEY = /^(.+)_above_(\d+)k_tokens_priority$/;

/** A tiered token price key: `<token price field>_above_<N>k_tokens`. */
export const TIER_KEY = /^(.+)_above_(\d+)k_tokens$/;

/** Whether a key is a tiered price the translator reads (`input_cost_per_token_above_200k_tokens`, `…_priority`). */
export function isTierKey(key: string): boolean {
  const m = TIER_KEY.exec(key) ?? PRIORITY_TIER_KEY.exec(key);
  return !!m && (m[1]! in TOKEN_PRICE_FIELDS || m[1]! in TIERED_UNIT_FIELDS);
}
