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

/** Token price fields and the catalog price each one is (USD per token upstream, per 1M in the catalog). */
export const TOKEN_PRICE_FIELDS = {
  input_cost_per_token: "input",
  output_cost_per_token: "output",
  cache_read_input_token_cost: "cacheRead",
  cache_creation_input_token_cost: "cacheWrite",
  cache_creation_input_token_cost_above_1hr: "cacheWriteOneHour",
  output_cost_per_reasoning_token: "reasoning",
  input_cost_per_audio_token: "inputAudio",
  output_cost_per_audio_token: "outputAudio",
  input_cost_per_image_token: "inputImage",
  output_cost_per_image_token: "outputImage",
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
  max_tokens: "legacy: LiteLLM fills it with either the input or the output limit",
  source: "the page LiteLLM took the price from, not a fact about the model",
  metadata: "free-text notes",
  comment: "free-text notes",
  rules: "LiteLLM's own routing rules",
  provider_specific_entry: "LiteLLM's per-provider request overrides",
  output_vector_size: "embedding dimensions; no catalog field",
  prompt_cache_min_tokens: "a caching threshold; no catalog field",
  web_search_billing_unit: "how LiteLLM counts searches internally",
  regional_processing_uplift_multiplier_eu: "a multiplier, not a price; no catalog field",
  regional_processing_uplift_multiplier_us: "a multiplier, not a price; no catalog field",
  input_dbu_cost_per_token: "Databricks units, not USD",
  output_dbu_cost_per_token: "Databricks units, not USD",
  ocr_cost_per_credit: "credits, not USD",
  annotation_cost_per_page: "a document-annotation price beside the OCR page price; no catalog field",
  code_interpreter_cost_per_session: "a tool session price; no catalog field",
  citation_cost_per_token: "a citation price; no catalog field",
  cache_creation_input_audio_token_cost: "audio cache prices; no catalog field",
  cache_read_input_audio_token_cost: "audio cache prices; no catalog field",
  output_cost_per_video_token: "video token prices; no catalog field",
  output_cost_per_second_1080p: "a per-resolution video price; no catalog field",
  input_cost_per_video_per_second_above_8s_interval: "a per-clip-length video price; no catalog field",
  input_cost_per_video_per_second_above_15s_interval: "a per-clip-length video price; no catalog field",
  input_cost_per_image_above_128k_tokens: "catalog tiers hold token prices only",
  input_cost_per_character_above_128k_tokens: "catalog tiers hold token prices only",
  output_cost_per_character_above_128k_tokens: "catalog tiers hold token prices only",
  input_cost_per_audio_per_second_above_128k_tokens: "catalog tiers hold token prices only",
  input_cost_per_video_per_second_above_128k_tokens: "catalog tiers hold token prices only",
  supports_adaptive_thinking: "an Anthropic request shape LiteLLM translates; no catalog field",
  supports_output_config: "an Anthropic request shape LiteLLM translates; no catalog field",
  supports_parallel_tool_use_config: "an Anthropic request shape LiteLLM translates; no catalog field",
  supports_mid_conversation_system: "LiteLLM's message rewriting",
  supports_image_size: "an image-size request option of LiteLLM",
  supports_speed: "a Bedrock latency option of LiteLLM",
  supports_multimodal: "vague: the modality lists say which",
  supports_nova_canvas_image_edit: "a Bedrock request shape LiteLLM translates",
  bedrock_converse_supports_strict_tools: "LiteLLM's Bedrock routing",
  bedrock_output_config_effort_ceiling: "LiteLLM's Bedrock routing",
  use_openai_responses_path: "LiteLLM's routing",
  uses_embed_content: "LiteLLM's routing",
  gemini_audio_only_live: "LiteLLM's routing",
  gemini_native_audio: "LiteLLM's routing",
  audio_transcription_config: "LiteLLM's request defaults",
  ...Object.fromEntries(
    [
      "input_cost_per_token_above_200k_tokens_priority",
      "output_cost_per_token_above_200k_tokens_priority",
      "cache_read_input_token_cost_above_200k_tokens_priority",
      "input_cost_per_token_above_272k_tokens_priority",
      "output_cost_per_token_above_272k_tokens_priority",
      "cache_read_input_token_cost_above_272k_tokens_priority",
    ].map((k) => [k, "catalog service rates (priority) have no context tiers"]),
  ),
};

/** A tiered token price key: `<token price field>_above_<N>k_tokens`. */
export const TIER_KEY = /^(.+)_above_(\d+)k_tokens$/;

/** Whether a key is a tiered token price the translator reads (`input_cost_per_token_above_200k_tokens`). */
export function isTierKey(key: string): boolean {
  const m = TIER_KEY.exec(key);
  return !!m && m[1]! in TOKEN_PRICE_FIELDS;
}
