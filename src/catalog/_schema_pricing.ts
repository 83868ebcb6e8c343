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
});
/** Prices in USD per 1M tokens. */
export type Prices = Types.Prices;

/** Prices that apply once the prompt exceeds `size` tokens. */
export const PriceTier = Prices.extend({ size: tokens.positive() });
/** Prices that apply once the prompt exceeds `size` tokens. */
export type PriceTier = Types.PriceTier;

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
  /** USD per 1K web searches. */
  webSearch: usd.optional(),
  /** Token prices of the batch API. */
  batch: Prices.optional(),
  /** Token prices of the priority tier. */
  priority: Prices.optional(),
  /** Token prices of the flex tier. */
  flex: Prices.optional(),
  /** The currency of every price here. @default "USD" */
  currency: Currency.optional(),
}).refine(
  (p) => !p.tiers || p.tiers.every((t, i, all) => i === 0 || t.size > all[i - 1]!.size),
  { message: "tiers must be ordered by increasing size", path: ["tiers"] },
);
/** An offering's pricing. */
export type Pricing = Types.Pricing;
