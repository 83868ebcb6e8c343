/**
 * The prices of an offering: token prices (USD per 1M tokens, with context tiers), prices that are not per token
 * (per request, per image, per second of audio or video, per character, per 1K web searches) and the other
 * service rates a provider sells the same model at (batch, priority, flex).
 *
 * @module
 */
import { z } from "zod";
import type * as Types from "./types.gen.ts";

const tokens = z.number().int().nonnegative();
const usd = z.number().nonnegative().finite();

/** Prices in USD per 1M tokens. */
export const Prices = z.strictObject({
  input: usd.optional(),
  output: usd.optional(),
  reasoning: usd.optional(),
  cacheRead: usd.optional(),
  cacheWrite: usd.optional(),
  inputAudio: usd.optional(),
  outputAudio: usd.optional(),
  /** Input image tokens. */
  inputImage: usd.optional(),
  /** Output image tokens. */
  outputImage: usd.optional(),
  /** Writes to a one-hour prompt cache (`cacheWrite` is the default, shorter cache). */
  cacheWriteOneHour: usd.optional(),
  /** Cached audio input tokens read. */
  cacheReadAudio: usd.optional(),
  /** Audio input tokens written to the cache. */
  cacheWriteAudio: usd.optional(),
  /** Output video tokens. */
  outputVideo: usd.optional(),
  /** Citation tokens (search models that bill the sources they cite). */
  citation: usd.optional(),
});
/** Prices in USD per 1M tokens. */
export type Prices = Types.Prices;

/**
 * Prices that apply once the prompt exceeds `size` tokens: token prices, and the prices per image, character and
 * second of audio or video that some providers also raise past the same size.
 */
export const PriceTier = Prices.extend({
  size: tokens.positive(),
  /** USD per input image. */
  imageInput: usd.optional(),
  /** USD per input character. */
  inputPerCharacter: usd.optional(),
  /** USD per output character. */
  outputPerCharacter: usd.optional(),
  /** USD per second of input audio. */
  audioInputPerSecond: usd.optional(),
  /** USD per second of input video. */
  videoInputPerSecond: usd.optional(),
});
/** Prices that apply once the prompt exceeds `size` tokens. */
export type PriceTier = Types.PriceTier;

const orderedTiers = {
  check: (p: { tiers?: { size: number }[] | undefined }) =>
    !p.tiers || p.tiers.every((t, i, all) => i === 0 || t.size > all[i - 1]!.size),
  message: { message: "tiers must be ordered by increasing size", path: ["tiers"] },
};

/** The token prices of a service rate (batch, priority, flex), with its own context tiers. */
export const ServiceRate = Prices.extend({ tiers: z.array(PriceTier).optional() }).refine(
  orderedTiers.check,
  orderedTiers.message,
);
/** The token prices of a service rate, with its own context tiers. */
export type ServiceRate = Types.ServiceRate;

/** The currency of catalog prices (every source starmap reads prices in USD). */
export const Currency = z.literal("USD");
/** The currency of catalog prices. */
export type Currency = Types.Currency;

/** An offering's pricing: token prices with context tiers, non-token prices and other service rates. */
export const Pricing = Prices.extend({
  tiers: z.array(PriceTier).optional(),
  /** USD per request. */
  perRequest: usd.optional(),
  /** USD per input image. */
  imageInput: usd.optional(),
  /** USD per generated image. */
  imageOutput: usd.optional(),
  /** USD per second of input audio. */
  audioInputPerSecond: usd.optional(),
  /** USD per second of output audio. */
  audioOutputPerSecond: usd.optional(),
  /** USD per second of input video. */
  videoInputPerSecond: usd.optional(),
  /** USD per second of output video. */
  videoOutputPerSecond: usd.optional(),
  /** USD per input character. */
  inputPerCharacter: usd.optional(),
  /** USD per output character. */
  outputPerCharacter: usd.optional(),
  /** USD per 1M input pixels (image models priced by resolution). */
  pixelInput: usd.optional(),
  /** USD per 1M generated pixels. */
  pixelOutput: usd.optional(),
  /** USD per query (rerank and search models). */
  perQuery: usd.optional(),
  /** USD per page (OCR and document models). */
  perPage: usd.optional(),
  /** USD per page annotated (document models that price annotation beside reading). */
  annotationPerPage: usd.optional(),
  /** USD per 1K web searches. */
  webSearch: usd.optional(),
  /** Multipliers of every price when the request is processed in a region (`eu`: 1.1 is 10% more). */
  regionMultipliers: z.record(z.string(), z.number().positive().finite()).optional(),
  /** Token prices of the batch API. */
  batch: ServiceRate.optional(),
  /** Token prices of the priority tier. */
  priority: ServiceRate.optional(),
  /** Token prices of the flex tier. */
  flex: ServiceRate.optional(),
  /** The currency of every price here. @default "USD" */
  currency: Currency.optional(),
}).refine(orderedTiers.check, orderedTiers.message);
/** An offering's pricing. */
export type Pricing = Types.Pricing;
