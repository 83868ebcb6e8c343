/**
 * The prices of one LiteLLM entry: token prices (per token upstream, USD per 1M tokens in the catalog, by exact
 * decimal shifting), context tiers (`*_above_<N>k_tokens` keys and `tiered_pricing` ranges), prices that are not
 * per token, and the batch, priority and flex rates.
 *
 * @module
 */
import type { Prices, PriceTier, Pricing, ServiceRate } from "../catalog/types.gen.ts";
import { upstreamPerMillion as perMillion, upstreamPerUnit as perUnit } from "../pricing/mod.ts";
import { compact } from "./_compact.ts";
import {
  costOf,
  type LiteLLMEntry,
  PRIORITY_TIER_KEY,
  TIER_KEY,
  TIERED_UNIT_FIELDS,
  TOKEN_PRICE_FIELDS,
} from "./_litellm_entry.ts";

function nonEmpty<T extends object>(value: T): T | undefined {
  return Object.keys(value).length ? value : undefined;
}

/** The token prices of an entry, each field read with `suffix` (`""`, `_batches`, `_above_200k_tokens`). */
function tokenPrices(e: LiteLLMEntry, suffix: string): Prices {
  const out: Record<string, number | undefined> = {};
  for (const [field, name] of Object.entries(TOKEN_PRICE_FIELDS)) {
    out[name] = perMillion(costOf(e, field + suffix));
  }
  return compact(out) as Prices;
}

/** The per-unit prices an entry raises past a prompt size, read with `suffix` (`_above_128k_tokens`). */
function tieredUnitPrices(e: LiteLLMEntry, suffix: string): Partial<PriceTier> {
  const out: Record<string, number | undefined> = {};
  for (const [field, name] of Object.entries(TIERED_UNIT_FIELDS)) {
    out[name] = perUnit(costOf(e, field + suffix));
  }
  return compact(out);
}

/** Context tiers from `*_above_<N>k_tokens` keys (`…_priority` ones with `key`), ordered by size. */
function keyedTiers(e: LiteLLMEntry, key = TIER_KEY, after = ""): PriceTier[] {
  const sizes = new Set<number>();
  for (const k of Object.keys(e)) {
    const m = key.exec(k);
    if (m && (m[1]! in TOKEN_PRICE_FIELDS || m[1]! in TIERED_UNIT_FIELDS)) sizes.add(Number(m[2]) * 1000);
  }
  return [...sizes].sort((a, b) => a - b).flatMap((size) => {
    const suffix = `_above_${size / 1000}k_tokens${after}`;
    const tokens = tokenPrices(e, suffix);
    const units = tieredUnitPrices(e, suffix);
    // The catalog's key order (`PriceTier`: token prices, size, unit prices), as a written catalog has it.
    return Object.keys(tokens).length + Object.keys(units).length ? [{ ...tokens, size, ...units }] : [];
  });
}

/**
 * A service rate (batch, priority, flex): LiteLLM spells batch input and output with `_batches`; the priority
 * rate has its own context tiers (`input_cost_per_token_above_200k_tokens_priority`).
 */
function rate(e: LiteLLMEntry, suffix: string): ServiceRate | undefined {
  const tiers = suffix === "_priority" ? keyedTiers(e, PRIORITY_TIER_KEY, suffix) : [];
  return nonEmpty(compact({
    input: perMillion(costOf(e, `input_cost_per_token${suffix}`)),
    output: perMillion(costOf(e, `output_cost_per_token${suffix}`)),
    cacheRead: perMillion(costOf(e, `cache_read_input_token_cost${suffix}`)),
    cacheWrite: perMillion(costOf(e, `cache_creation_input_token_cost${suffix}`)),
    inputAudio: perMillion(costOf(e, `input_cost_per_audio_token${suffix}`)),
    tiers: tiers.length ? tiers : undefined,
  }));
}

/** Price multipliers by region (`regional_processing_uplift_multiplier_<region>`). */
function regionMultipliers(e: LiteLLMEntry): Record<string, number> | undefined {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(e)) {
    const m = /^regional_processing_uplift_multiplier_([a-z]+)$/.exec(k);
    if (m && typeof v === "number" && v > 0 && Number.isFinite(v)) out[m[1]!] = v;
  }
  return nonEmpty(out);
}

/** `tiered_pricing` ranges: the range from 0 holds the base prices, each later range a tier from its start. */
function rangedTiers(e: LiteLLMEntry): { base: Prices; tiers: PriceTier[] } {
  const base: Prices = {};
  const tiers: PriceTier[] = [];
  for (const t of [...(e.tiered_pricing ?? [])].sort((a, b) => a.range[0] - b.range[0])) {
    const prices = compact({
      input: perMillion(costOf(t, "input_cost_per_token")),
      output: perMillion(costOf(t, "output_cost_per_token")),
      cacheRead: perMillion(costOf(t, "cache_read_input_token_cost")),
    });
    if (t.range[0] <= 0) Object.assign(base, prices);
    else if (Number.isInteger(t.range[0]) && Object.keys(prices).length) {
      tiers.push({ ...prices, size: t.range[0] });
    }
  }
  return { base, tiers };
}

/** Prices that are not per token; per-second prices are read by what the mode says the seconds are of. */
function unitPrices(e: LiteLLMEntry): Partial<Pricing> {
  const search = e.search_context_cost_per_query?.["search_context_size_medium"];
  const perSecondIn = e.mode === "audio_transcription" ? costOf(e, "input_cost_per_second") : undefined;
  const perSecondOut = costOf(e, "output_cost_per_second");
  return compact({
    perRequest: perUnit(costOf(e, "input_cost_per_request")),
    imageInput: perUnit(costOf(e, "input_cost_per_image")),
    imageOutput: perUnit(costOf(e, "output_cost_per_image")),
    pixelInput: perMillion(costOf(e, "input_cost_per_pixel")),
    pixelOutput: perMillion(costOf(e, "output_cost_per_pixel")),
    audioInputPerSecond: perUnit(costOf(e, "input_cost_per_audio_per_second") ?? perSecondIn),
    audioOutputPerSecond: perUnit(e.mode === "audio_speech" ? perSecondOut : undefined),
    videoInputPerSecond: perUnit(costOf(e, "input_cost_per_video_per_second")),
    videoOutputPerSecond: perUnit(
      costOf(e, "output_cost_per_video_per_second") ??
        (e.mode === "video_generation" ? perSecondOut : undefined),
    ),
    inputPerCharacter: perUnit(costOf(e, "input_cost_per_character")),
    outputPerCharacter: perUnit(costOf(e, "output_cost_per_character")),
    perQuery: perUnit(costOf(e, "input_cost_per_query")),
    perPage: perUnit(costOf(e, "ocr_cost_per_page")),
    annotationPerPage: perUnit(costOf(e, "annotation_cost_per_page")),
    // LiteLLM prices a search per query; the catalog per 1K searches.
    webSearch: typeof search === "number" || typeof search === "string" ? perUnit(search, 1000) : undefined,
  });
}

/** Every price of an entry, or `undefined` when it states none. */
export function pricingOf(e: LiteLLMEntry): Pricing | undefined {
  const ranged = rangedTiers(e);
  const base = { ...ranged.base, ...tokenPrices(e, "") };
  base.cacheRead ??= perMillion(costOf(e, "input_cost_per_token_cache_hit"));
  const keyed = keyedTiers(e);
  const tiers = keyed.length ? keyed : ranged.tiers;
  return nonEmpty(compact({
    ...compact(base),
    tiers: tiers.length ? tiers : undefined,
    ...unitPrices(e),
    regionMultipliers: regionMultipliers(e),
    batch: rate(e, "_batches"),
    priority: rate(e, "_priority"),
    flex: rate(e, "_flex"),
  }) as Pricing);
}
