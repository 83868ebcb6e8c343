/**
 * The shapes of cost requests and results, shared by the library, the CLI (`-o json|yaml`) and the server
 * (`POST /cost`). Money is a decimal string in USD with six places (micro-dollars), never a float.
 *
 * @module
 */
import { z } from "zod";
import { ModelId, Slug } from "../catalog/mod.ts";
import type * as Types from "./types.gen.ts";
import { COST_SERVICES, MAX_TOKENS } from "../limits.ts";

export { MAX_TOKENS };

const tokenCount = z.number().int("expected a whole number of tokens").nonnegative().max(MAX_TOKENS);

/**
 * Token usage of one request. `input` counts the uncached prompt tokens only: tokens read from or written to
 * the prompt cache go in `cachedRead` and `cacheWrite` (OpenAI's `prompt_tokens` includes cached tokens: subtract
 * them). `reasoning` counts reasoning tokens that are not already in `output`.
 */
export const TokenUsage = z.strictObject({
  input: tokenCount.default(0),
  output: tokenCount.default(0),
  cachedRead: tokenCount.default(0),
  cacheWrite: tokenCount.default(0),
  reasoning: tokenCount.default(0),
  inputAudio: tokenCount.default(0),
  outputAudio: tokenCount.default(0),
});
/** Token usage of one request (every count present, zero by default). */
export type TokenUsage = Types.TokenUsage;
/** Token usage as given, with counts that may be left out (zero). */
export type TokenUsageInput = Types.TokenUsageInput;

const quantity = z.number().int("expected a whole number").nonnegative().max(MAX_TOKENS);
const seconds = z.number().nonnegative().max(MAX_TOKENS).finite();

/**
 * Usage of one request or one batch of requests: the token counts of {@link TokenUsage} and the quantities that
 * providers price per unit (requests, images, seconds of audio or video, characters, web searches, pages read or
 * annotated, queries, pixels).
 */
export const Usage = TokenUsage.extend({
  requests: quantity.default(0),
  imagesIn: quantity.default(0),
  imagesOut: quantity.default(0),
  audioSecondsIn: seconds.default(0),
  audioSecondsOut: seconds.default(0),
  videoSecondsIn: seconds.default(0),
  videoSecondsOut: seconds.default(0),
  charactersIn: quantity.default(0),
  charactersOut: quantity.default(0),
  webSearches: quantity.default(0),
  pages: quantity.default(0),
  annotatedPages: quantity.default(0),
  queries: quantity.default(0),
  pixelsIn: quantity.default(0),
  pixelsOut: quantity.default(0),
});
/** Usage: token counts and unit quantities, every one present (zero by default). */
export type Usage = Types.Usage;
/** Usage as given, with counts that may be left out (zero). */
export type UsageInput = Types.UsageInput;

/** The components of a cost, named like the counts of {@link Usage}. */
export const CostComponentName = z.enum([
  "input",
  "output",
  "cachedRead",
  "cacheWrite",
  "reasoning",
  "inputAudio",
  "outputAudio",
  "requests",
  "imagesIn",
  "imagesOut",
  "audioSecondsIn",
  "audioSecondsOut",
  "videoSecondsIn",
  "videoSecondsOut",
  "charactersIn",
  "charactersOut",
  "webSearches",
  "pages",
  "annotatedPages",
  "queries",
  "pixelsIn",
  "pixelsOut",
]);
/** The components of a cost. */
export type CostComponentName = Types.CostComponentName;

/** What a component counts. */
export const CostUnit = z.enum([
  "token",
  "request",
  "image",
  "second",
  "character",
  "search",
  "page",
  "query",
  "pixel",
]);
/** What a component counts. */
export type CostUnit = Types.CostUnit;

/**
 * The service rate to price at: `standard`, or the batch API, the priority tier or the flex tier, each with its
 * own prices and context tiers where the offering has them.
 */
export const CostService = z.enum(COST_SERVICES);
/** The service rate to price at. */
export type CostService = Types.CostService;

/** A request for the cost of some usage: a model reference, an optional provider, service and region, and usage. */
export const CostRequest = Usage.extend({
  /** `provider/model`, or a bare model id (every provider serving it is compared). */
  model: z.string().min(1, "model is empty").max(300),
  /** The provider, when `model` is a bare id. */
  provider: Slug.optional(),
  /** The service rate. @default "standard" */
  service: CostService.default("standard"),
  /** The region the request is processed in (its price multiplier applies where the offering has one). */
  region: z.string().min(1, "region is empty").max(64).optional(),
});
/** A request for the cost of some usage. */
export type CostRequest = Types.CostRequest;
/** A request for the cost of some usage, with counts that may be left out (zero). */
export type CostRequestInput = Types.CostRequestInput;

/** Where a component's price came from: the base prices, the context tier, or the output price (reasoning). */
export const PriceOrigin = z.enum(["base", "tier", "output"]);
/** Where a component's price came from. */
export type PriceOrigin = Types.PriceOrigin;

/** One line of a cost breakdown. */
export const CostComponent = z.strictObject({
  component: CostComponentName,
  /** What `quantity` counts. */
  unit: CostUnit,
  /** The tokens, requests, images, seconds, characters, searches, pages, queries or pixels used. */
  quantity: z.number().nonnegative(),
  /** The price applied in USD per `per` units (after the region multiplier); null when unknown. */
  price: z.number().nonnegative().nullable(),
  /** How many units `price` is for: 1000000 for tokens and pixels, 1000 for web searches, 1 otherwise. */
  per: z.number().int().positive(),
  /** The tokens of a token component (the same as `quantity`). */
  tokens: z.number().int().nonnegative().optional(),
  /** The price of a token component, USD per 1M tokens; null when the model has no price for it. */
  pricePerMillion: z.number().nonnegative().nullable().optional(),
  /** Where the price came from; null when unknown. */
  priceFrom: PriceOrigin.nullable(),
  /** The cost in USD with six decimals (rounded half up); null when the price is unknown. */
  usd: z.string().regex(/^\d+\.\d{6}$/).nullable(),
});
/** One line of a cost breakdown. */
export type CostComponent = Types.CostComponent;

/**
 * How a cost is known: `priced` (every component has a price), `free` (every price is zero), `incomplete` (some
 * component with tokens has no price: the total counts the others only), `unknown` (the model has no pricing).
 */
export const CostStatus = z.enum(["priced", "free", "incomplete", "unknown"]);
/** How a cost is known. */
export type CostStatus = Types.CostStatus;

/** The cost of some usage on one model of one provider. */
export const CostBreakdown = z.strictObject({
  /** `provider/model`. */
  key: z.string(),
  provider: Slug,
  model: ModelId,
  /** The model's display name, when the catalog knows it. */
  name: z.string().optional(),
  status: CostStatus,
  currency: z.literal("USD"),
  /** Prompt tokens used to pick a context tier: input + cachedRead + cacheWrite + inputAudio. */
  promptTokens: z.number().int().nonnegative(),
  /** The `size` of the context tier applied, or null for the base prices. */
  tier: z.number().int().positive().nullable(),
  /** Whether a pricing override file set some of the prices. */
  overridden: z.boolean(),
  /** The service rate priced. */
  service: CostService,
  /** The region asked for, or null. */
  region: z.string().nullable(),
  /** The multiplier applied for the region, or null when none applies (no region, or none known for it). */
  regionMultiplier: z.number().positive().nullable(),
  /** Why a price is missing or was adjusted: an absent service rate, an unknown region. */
  notes: z.array(z.string()),
  /** One entry per component with a quantity. */
  components: z.array(CostComponent),
  /** The total in USD with six decimals, rounded half up from the exact sum; null when the price is unknown. */
  total: z.string().regex(/^\d+\.\d{6}$/).nullable(),
  /** Whether the total covers every component (false for `incomplete` and `unknown`). */
  complete: z.boolean(),
});
/** The cost of some usage on one model of one provider. */
export type CostBreakdown = Types.CostBreakdown;

/** The answer to a {@link CostRequest}: one result per provider, cheapest first, unknown prices last. */
export const CostResponse = z.strictObject({
  /** The model reference as asked. */
  model: z.string(),
  usage: Usage,
  service: CostService,
  region: z.string().optional(),
  results: z.array(CostBreakdown),
});
/** The answer to a cost request. */
export type CostResponse = Types.CostResponse;
