/**
 * The price fields of a LiteLLM price-map entry, written from catalog pricing: token prices per token, prices
 * per unit (request, image, second, character, query, page, pixel), web search per query, context tiers
 * (`*_above_<N>k_tokens`), the batch, priority and flex rates (priority with its own tiers) and regional
 * multipliers. Every field name is one LiteLLM's published map uses.
 *
 * @module
 */
import type { Prices, PriceTier, Pricing, ServiceRate } from "../../catalog/types.gen.ts";
import { perThousand, perToken } from "./_units.ts";

type Out = Record<string, number | Record<string, number>>;

/** Token prices (USD per 1M in the catalog, per token in LiteLLM). */
const tokenFields: [keyof Prices, string][] = [
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
  ["cacheReadAudio", "cache_read_input_audio_token_cost"],
  ["cacheWriteAudio", "cache_creation_input_audio_token_cost"],
  ["outputVideo", "output_cost_per_video_token"],
  ["citation", "citation_cost_per_token"],
];

/** Prices per unit that LiteLLM also raises past a prompt size. */
const tieredUnitFields: [keyof PriceTier, string][] = [
  ["imageInput", "input_cost_per_image"],
  ["inputPerCharacter", "input_cost_per_character"],
  ["outputPerCharacter", "output_cost_per_character"],
  ["audioInputPerSecond", "input_cost_per_audio_per_second"],
  ["videoInputPerSecond", "input_cost_per_video_per_second"],
];

/** Other prices per unit (USD per unit in both). */
const unitFields: [keyof Pricing, string][] = [
  ["perRequest", "input_cost_per_request"],
  ["imageOutput", "output_cost_per_image"],
  ["perQuery", "input_cost_per_query"],
  ["perPage", "ocr_cost_per_page"],
  ["annotationPerPage", "annotation_cost_per_page"],
];

/** The token prices each service rate has in LiteLLM's map, and the suffix of their names. */
const rates: ["batch" | "priority" | "flex", string, (keyof Prices)[]][] = [
  ["batch", "_batches", ["input", "output"]],
  ["priority", "_priority", ["input", "output", "cacheRead", "cacheWrite", "inputAudio"]],
  ["flex", "_flex", ["input", "output", "cacheRead", "cacheWrite"]],
];

/** The token prices LiteLLM lists in the priority rate's context tiers. */
const priorityTierFields: (keyof Prices)[] = ["input", "output", "cacheRead"];

const tokenName = new Map(tokenFields);

function tierSuffix(size: number): string {
  return size % 1000 === 0 ? `${size / 1000}k` : String(size);
}

function put(out: Out, name: string, value: number | undefined): void {
  if (value !== undefined) out[name] = value;
}

function tiers(out: Out, list: readonly PriceTier[]): void {
  for (const tier of list) {
    const suffix = `_above_${tierSuffix(tier.size)}_tokens`;
    for (const [field, name] of tokenFields) {
      const v = tier[field];
      if (v !== undefined) out[`${name}${suffix}`] = perToken(v);
    }
    for (const [field, name] of tieredUnitFields) {
      put(out, `${name}${suffix}`, tier[field] as number | undefined);
    }
  }
}

function rate(out: Out, p: ServiceRate | undefined, suffix: string, fields: (keyof Prices)[]): void {
  if (!p) return;
  for (const field of fields) {
    const v = p[field];
    if (v !== undefined) out[`${tokenName.get(field)}${suffix}`] = perToken(v);
  }
  if (suffix !== "_priority") return;
  for (const tier of p.tiers ?? []) {
    for (const field of priorityTierFields) {
      const v = tier[field];
      if (v !== undefined) {
        out[`${tokenName.get(field)}_above_${tierSuffix(tier.size)}_tokens${suffix}`] = perToken(v);
      }
    }
  }
}

/**
 * Every price of catalog pricing under its LiteLLM name. `mode` is the entry's LiteLLM mode: transcription
 * models price input audio with `input_cost_per_second` and speech models output audio with
 * `output_cost_per_second`, as LiteLLM's map does; video models have their output price under both names.
 */
export function litellmPrices(pricing: Pricing, mode: string): Out {
  const out: Out = {};
  for (const [field, name] of tokenFields) {
    const v = pricing[field];
    if (v !== undefined) out[name] = perToken(v);
  }
  for (const [field, name] of [...tieredUnitFields, ...unitFields]) {
    put(out, name, (pricing as Record<string, unknown>)[field] as number | undefined);
  }
  if (pricing.audioInputPerSecond !== undefined && mode === "audio_transcription") {
    delete out.input_cost_per_audio_per_second;
    out.input_cost_per_second = pricing.audioInputPerSecond;
  }
  put(out, "output_cost_per_second", pricing.audioOutputPerSecond);
  put(out, "output_cost_per_video_per_second", pricing.videoOutputPerSecond);
  // LiteLLM's video models spell it either way (about half each), so a video model gets both.
  if (mode === "video_generation") put(out, "output_cost_per_second", pricing.videoOutputPerSecond);
  // The catalog holds pixel prices per 1M pixels and web search per 1K searches; LiteLLM per pixel and per query.
  if (pricing.pixelInput !== undefined) out.input_cost_per_pixel = perToken(pricing.pixelInput);
  if (pricing.pixelOutput !== undefined) out.output_cost_per_pixel = perToken(pricing.pixelOutput);
  if (pricing.webSearch !== undefined) {
    out.search_context_cost_per_query = { search_context_size_medium: perThousand(pricing.webSearch) };
  }
  for (const [region, multiplier] of Object.entries(pricing.regionMultipliers ?? {})) {
    out[`regional_processing_uplift_multiplier_${region}`] = multiplier;
  }
  for (const [name, suffix, fields] of rates) rate(out, pricing[name], suffix, fields);
  tiers(out, pricing.tiers ?? []);
  return out;
}
