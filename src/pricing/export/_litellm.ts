/**
 * LiteLLM's price map (`model_prices_and_context_window.json`): per-token prices by model key.
 *
 * Keys follow LiteLLM's own convention: OpenAI and Anthropic models by bare id (`gpt-4o`), every other provider
 * as `<litellm_provider>/<model>` (`gemini/gemini-2.5-pro`, `azure/gpt-4o`). Context tiers become LiteLLM's
 * `*_above_<N>k_tokens` keys.
 *
 * @module
 */
import type { Offering as Model, Operation, Prices, Pricing } from "../../catalog/types.gen.ts";
import type { PricedModel } from "../_price_book.ts";
import { perToken } from "./_units.ts";

/** starmap provider ids that LiteLLM names differently. */
const providerNames: Record<string, string> = {
  google: "gemini",
  "google-vertex": "vertex_ai-language-models",
  "google-vertex-anthropic": "vertex_ai-anthropic_models",
  "amazon-bedrock": "bedrock_converse",
  togetherai: "together_ai",
  "fireworks-ai": "fireworks_ai",
  vercel: "vercel_ai_gateway",
  moonshotai: "moonshot",
  alibaba: "dashscope",
  "cloudflare-workers-ai": "cloudflare",
  "github-copilot": "github_copilot",
  "novita-ai": "novita",
  gmicloud: "gmi",
};

/** Providers whose models LiteLLM keys by bare id. */
const bareKeys = new Set(["openai", "anthropic"]);

/** The LiteLLM provider name of a starmap provider id. */
export function litellmProvider(provider: string): string {
  return providerNames[provider] ?? provider.replace(/-/g, "_");
}

/** The key LiteLLM uses for a model of a provider. */
export function litellmKey(provider: string, id: string): string {
  return bareKeys.has(provider) ? id : `${litellmProvider(provider)}/${id}`;
}

const fields: [keyof Prices, string][] = [
  ["input", "input_cost_per_token"],
  ["output", "output_cost_per_token"],
  ["cacheRead", "cache_read_input_token_cost"],
  ["cacheWrite", "cache_creation_input_token_cost"],
  ["reasoning", "output_cost_per_reasoning_token"],
  ["inputAudio", "input_cost_per_audio_token"],
  ["outputAudio", "output_cost_per_audio_token"],
  ["inputImage", "input_cost_per_image_token"],
  ["outputImage", "output_cost_per_image_token"],
  ["cacheWriteOneHour", "cache_creation_input_token_cost_above_1hr"],
];

function tierSuffix(size: number): string {
  return size % 1000 === 0 ? `${size / 1000}k` : String(size);
}

/** Non-token prices and the LiteLLM key of each (USD per unit as the catalog holds them; web search per 1K). */
const units: [keyof Pricing, string, number][] = [
  ["perRequest", "input_cost_per_request", 1],
  ["imageInput", "input_cost_per_image", 1],
  ["imageOutput", "output_cost_per_image", 1],
  ["audioInputPerSecond", "input_cost_per_audio_per_second", 1],
  ["audioOutputPerSecond", "output_cost_per_second", 1],
  ["videoInputPerSecond", "input_cost_per_video_per_second", 1],
  ["videoOutputPerSecond", "output_cost_per_video_per_second", 1],
  ["inputPerCharacter", "input_cost_per_character", 1],
  ["outputPerCharacter", "output_cost_per_character", 1],
  ["perQuery", "input_cost_per_query", 1],
  ["perPage", "ocr_cost_per_page", 1],
  ["pixelInput", "input_cost_per_pixel", 1e6],
  ["pixelOutput", "output_cost_per_pixel", 1e6],
];

/** Service tiers and the suffix LiteLLM gives their token prices. */
const rates: ["batch" | "priority" | "flex", string][] = [["batch", "batches"], ["priority", "priority"], [
  "flex",
  "flex",
]];

function prices(pricing: Pricing): Record<string, number | Record<string, number>> {
  const out: Record<string, number | Record<string, number>> = {};
  for (const [field, name] of fields) {
    const value = pricing[field];
    if (value !== undefined) out[name] = perToken(value);
  }
  for (const [field, name, scale] of units) {
    const value = pricing[field];
    if (typeof value === "number") out[name] = value / scale;
  }
  if (pricing.webSearch !== undefined) {
    out.search_context_cost_per_query = { search_context_size_medium: pricing.webSearch / 1000 };
  }
  for (const [rate, suffix] of rates) {
    const p = pricing[rate];
    if (p?.input !== undefined) out[`input_cost_per_token_${suffix}`] = perToken(p.input);
    if (p?.output !== undefined) out[`output_cost_per_token_${suffix}`] = perToken(p.output);
  }
  for (const tier of pricing.tiers ?? []) {
    for (const [field, name] of fields) {
      const value = tier[field];
      if (value !== undefined) out[`${name}_above_${tierSuffix(tier.size)}_tokens`] = perToken(value);
    }
  }
  return out;
}

/** The LiteLLM `mode` of each catalog operation (the LiteLLM source reads them back). */
export const LITELLM_MODES: Readonly<Record<Operation, string>> = {
  chat: "chat",
  responses: "responses",
  completion: "completion",
  embeddings: "embedding",
  image_generation: "image_generation",
  image_edit: "image_edit",
  audio_transcription: "audio_transcription",
  audio_speech: "audio_speech",
  realtime: "realtime",
  rerank: "rerank",
  moderation: "moderation",
  ocr: "ocr",
  video: "video_generation",
};

function mode(model: Model | undefined): string {
  const operation = model?.operations?.[0];
  if (operation) return LITELLM_MODES[operation];
  const output = model?.modalities.output ?? ["text"];
  if (output.includes("text")) return "chat";
  if (output.includes("embedding")) return "embedding";
  if (output.includes("image")) return "image_generation";
  if (output.includes("audio")) return "audio_speech";
  if (output.includes("video")) return "video_generation";
  return "chat";
}

function limits(model: Model | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  const input = model?.limits.input ?? model?.limits.context;
  if (input !== undefined) out.max_input_tokens = input;
  if (model?.limits.output !== undefined) {
    out.max_output_tokens = model.limits.output;
    out.max_tokens = model.limits.output;
  }
  return out;
}

function supports(model: Model | undefined, pricing: Pricing): Record<string, boolean> {
  if (!model) return pricing.cacheRead !== undefined ? { supports_prompt_caching: true } : {};
  const input = model.modalities.input;
  const params = model.params;
  const out: Record<string, boolean> = {
    supports_vision: input.includes("image"),
    supports_pdf_input: input.includes("pdf"),
    supports_audio_input: input.includes("audio"),
    supports_audio_output: model.modalities.output.includes("audio"),
    supports_prompt_caching: pricing.cacheRead !== undefined || pricing.cacheWrite !== undefined,
  };
  // Unknown capabilities are left out rather than written as false.
  const tools = model.capabilities.toolCalls ?? (params ? params.includes("tools") : undefined);
  if (tools !== undefined) out.supports_function_calling = tools;
  const toolChoice = params ? params.includes("tool_choice") : tools;
  if (toolChoice !== undefined) out.supports_tool_choice = toolChoice;
  if (model.capabilities.reasoning !== undefined) out.supports_reasoning = model.capabilities.reasoning;
  if (params?.includes("web_search_options")) out.supports_web_search = true;
  if (model.capabilities.structuredOutput !== undefined) {
    out.supports_response_schema = model.capabilities.structuredOutput;
  }
  return out;
}

/** One LiteLLM price-map entry of a priced model. */
export function litellmEntry(entry: PricedModel & { pricing: Pricing }): Record<string, unknown> {
  return {
    litellm_provider: litellmProvider(entry.provider),
    mode: mode(entry.model),
    ...limits(entry.model),
    ...prices(entry.pricing),
    ...supports(entry.model, entry.pricing),
  };
}

/** LiteLLM's price map of priced models, keyed as LiteLLM keys them (the first entry of a duplicate key wins). */
export function toLitellm(entries: readonly (PricedModel & { pricing: Pricing })[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of entries) {
    const key = litellmKey(e.provider, e.id);
    if (!(key in out)) out[key] = litellmEntry(e);
  }
  return out;
}
