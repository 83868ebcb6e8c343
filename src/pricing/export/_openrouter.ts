/**
 * OpenRouter's models shape (`GET /api/v1/models`): `{data: [{id, name, context_length, architecture, pricing,
 * top_provider}]}` with prices as decimal strings in USD per token.
 *
 * @module
 */
import type { Offering as Model, Pricing } from "../../catalog/types.gen.ts";
import type { PricedModel } from "../_price_book.ts";
import { perThousandText, perTokenText } from "./_units.ts";

/** An OpenRouter-shaped model entry. */
export interface OpenRouterModel {
  /** `provider/model`. */
  id: string;
  /** The display name. */
  name: string;
  /** The context window, when known. */
  context_length: number | null;
  /** Modalities in OpenRouter's words. */
  architecture: { modality: string; input_modalities: string[]; output_modalities: string[] };
  /** USD per token as decimal strings. */
  pricing: Record<string, string>;
  /** Limits of the serving provider. */
  top_provider: { context_length: number | null; max_completion_tokens: number | null };
}

const fields: [keyof Pricing & string, string][] = [
  ["input", "prompt"],
  ["output", "completion"],
  ["cacheRead", "input_cache_read"],
  ["cacheWrite", "input_cache_write"],
  ["reasoning", "internal_reasoning"],
  ["inputAudio", "audio"],
  ["inputImage", "image"],
];

/**
 * OpenRouter's prices of catalog pricing: decimal strings in USD per token, and per web search. Only the keys
 * OpenRouter's models listing uses are written.
 */
export function openRouterPricing(p: Pricing): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, name] of fields) {
    const value = p[field];
    if (typeof value === "number") out[name] = perTokenText(value);
  }
  // OpenRouter prices a web search per search; the catalog per 1K searches.
  if (p.webSearch !== undefined) out.web_search = perThousandText(p.webSearch);
  return out;
}

function architecture(model: Model | undefined): OpenRouterModel["architecture"] {
  const input = [...(model?.modalities.input ?? ["text"])];
  const output = [...(model?.modalities.output ?? ["text"])];
  return {
    modality: `${input.join("+")}->${output.join("+")}`,
    input_modalities: input,
    output_modalities: output,
  };
}

/** The OpenRouter models document of priced models. */
export function toOpenRouter(
  entries: readonly (PricedModel & { pricing: Pricing })[],
): { data: OpenRouterModel[] } {
  return {
    data: entries.map((e) => ({
      id: e.key,
      name: e.model?.name ?? e.id,
      context_length: e.model?.limits.context ?? null,
      architecture: architecture(e.model),
      pricing: openRouterPricing(e.pricing),
      top_provider: {
        context_length: e.model?.limits.context ?? null,
        max_completion_tokens: e.model?.limits.output ?? null,
      },
    })),
  };
}
