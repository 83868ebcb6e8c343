/**
 * The cost components: which catalog price each usage count is billed at, in what unit, and the price that
 * applies to it at a service rate, a context tier and a region.
 *
 * @module
 */
import { type Decimal, decimalOf, product, shift, times } from "./_decimal.ts";
import type { Pricing } from "../catalog/types.gen.ts";
import type { CostComponentName, CostService, CostUnit, PriceOrigin } from "./types.gen.ts";

/** How one component is billed: the catalog field of its price, its unit, and how many units the price is for. */
export interface ComponentPrice {
  /** The catalog pricing field. */
  readonly field: string;
  /** What the quantity counts. */
  readonly unit: CostUnit;
  /** How many units the catalog price is for (the catalog holds tokens and pixels per 1M, web searches per 1K). */
  readonly per: number;
}

const token = (field: string): ComponentPrice => ({ field, unit: "token", per: 1_000_000 });
const each = (field: string, unit: CostUnit): ComponentPrice => ({ field, unit, per: 1 });

/** Every component and how it is billed, in breakdown order. */
export const COMPONENTS: Readonly<Record<CostComponentName, ComponentPrice>> = {
  input: token("input"),
  output: token("output"),
  cachedRead: token("cacheRead"),
  cacheWrite: token("cacheWrite"),
  reasoning: token("reasoning"),
  inputAudio: token("inputAudio"),
  outputAudio: token("outputAudio"),
  requests: each("perRequest", "request"),
  imagesIn: each("imageInput", "image"),
  imagesOut: each("imageOutput", "image"),
  audioSecondsIn: each("audioInputPerSecond", "second"),
  audioSecondsOut: each("audioOutputPerSecond", "second"),
  videoSecondsIn: each("videoInputPerSecond", "second"),
  videoSecondsOut: each("videoOutputPerSecond", "second"),
  charactersIn: each("inputPerCharacter", "character"),
  charactersOut: each("outputPerCharacter", "character"),
  webSearches: { field: "webSearch", unit: "search", per: 1000 },
  pages: each("perPage", "page"),
  annotatedPages: each("annotationPerPage", "page"),
  queries: each("perQuery", "query"),
  pixelsIn: { field: "pixelInput", unit: "pixel", per: 1_000_000 },
  pixelsOut: { field: "pixelOutput", unit: "pixel", per: 1_000_000 },
};

/** The catalog pricing fields that hold a price of some component. */
export const PRICE_FIELDS: readonly string[] = [...new Set(Object.values(COMPONENTS).map((c) => c.field))];

/** A price table as read by field name: base pricing, a service rate or a context tier. */
type PriceTable = Readonly<Record<string, unknown>>;

/** A context tier: its size and its prices. */
export interface Tier extends PriceTable {
  /** The prompt size past which the tier applies. */
  readonly size: number;
}

/** The prices one breakdown is read from: the base prices of the standard rate or of a service rate, and tiers. */
export interface RatePrices {
  /** The base prices. */
  readonly base: PriceTable;
  /** The context tiers of that rate. */
  readonly tiers: readonly Tier[];
}

/** The prices of a service rate of some pricing; undefined when the offering has no such rate. */
export function ratePrices(pricing: Pricing, service: CostService): RatePrices | undefined {
  if (service === "standard") return { base: pricing, tiers: pricing.tiers ?? [] };
  const rate = pricing[service];
  return rate ? { base: rate, tiers: rate.tiers ?? [] } : undefined;
}

/** The context tier that applies to a prompt: the largest tier whose size the prompt exceeds. */
export function tierOf(tiers: readonly Tier[], prompt: number): Tier | undefined {
  let chosen: Tier | undefined;
  for (const tier of tiers) if (prompt > tier.size) chosen = tier;
  return chosen;
}

function numberAt(table: PriceTable | undefined, field: string): number | undefined {
  const value = table?.[field];
  return typeof value === "number" ? value : undefined;
}

/**
 * The catalog price of a component from the tier, else the base; reasoning falls back to the output price.
 */
export function catalogPrice(
  prices: RatePrices,
  tier: Tier | undefined,
  name: CostComponentName,
): { price: number; from: PriceOrigin } | undefined {
  const field = COMPONENTS[name].field;
  const fromTier = numberAt(tier, field);
  if (fromTier !== undefined) return { price: fromTier, from: "tier" };
  const base = numberAt(prices.base, field);
  if (base !== undefined) return { price: base, from: "base" };
  if (name === "reasoning") {
    const output = catalogPrice(prices, tier, "output");
    return output && { price: output.price, from: "output" };
  }
  return undefined;
}

/** Whether a price table lists at least one price of some component. */
export function listsPrices(table: PriceTable | undefined): boolean {
  return !!table && PRICE_FIELDS.some((f) => numberAt(table, f) !== undefined);
}

/** Whether every price of a rate, tiers included, is zero (and it lists some). */
export function allZero(prices: RatePrices): boolean {
  if (!listsPrices(prices.base)) return false;
  return [prices.base, ...prices.tiers].every((t) => PRICE_FIELDS.every((f) => (numberAt(t, f) ?? 0) === 0));
}

/**
 * The exact cost in micro-dollars of `quantity` units at `price` USD per `per` units, times a multiplier.
 * `per` is a power of ten, so the division is a shift of the decimal point.
 */
export function microDollars(quantity: number, price: number, per: number, multiplier?: number): Decimal {
  const count = Number.isSafeInteger(quantity) ? times(decimalOf(price), BigInt(quantity)) : product(
    decimalOf(quantity),
    decimalOf(price),
  );
  const exact = per === 1_000_000 ? count : shift(count, 6 - Math.round(Math.log10(per)));
  return multiplier === undefined ? exact : product(exact, decimalOf(multiplier));
}
