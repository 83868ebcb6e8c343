/**
 * LiteLLM's price map (`model_prices_and_context_window.json`): per-token prices by model key.
 *
 * Keys follow LiteLLM's own convention: OpenAI and Anthropic models by bare id (`gpt-4o`), every other provider
 * as `<litellm_provider>/<model>` (`gemini/gemini-2.5-pro`, `azure/gpt-4o`). The prices are in
 * `_litellm_prices.ts`.
 *
 * @module
 */
import type { Offering as Model, Operation, Pricing } from "../../catalog/types.gen.ts";
import type { PricedModel } from "../_price_book.ts";
import { litellmPrices } from "./_litellm_prices.ts";

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
  const modeName = mode(entry.model);
  return {
    litellm_provider: litellmProvider(entry.provider),
    mode: modeName,
    ...limits(entry.model),
    ...litellmPrices(entry.pricing, modeName),
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
