/**
 * The shapes of cost requests and results, shared by the library, the CLI (`-o json|yaml`) and the server
 * (`POST /cost`). Money is a decimal string in USD with six places (micro-dollars), never a float.
 *
 * @module
 */
import { z } from "zod";
import { ModelId, Slug } from "../catalog/mod.ts";
import type * as Types from "./types.gen.ts";
import { MAX_TOKENS } from "../limits.ts";

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

/** The components of a cost, named like the token counts of {@link TokenUsage}. */
export const CostComponentName = z.enum([
  "input",
  "output",
  "cachedRead",
  "cacheWrite",
  "reasoning",
  "inputAudio",
  "outputAudio",
]);
/** The components of a cost. */
export type CostComponentName = Types.CostComponentName;

/** A request for the cost of some usage: a model reference, an optional provider, and the token counts. */
export const CostRequest = TokenUsage.extend({
  /** `provider/model`, or a bare model id (every provider serving it is compared). */
  model: z.string().min(1, "model is empty").max(300),
  /** The provider, when `model` is a bare id. */
  provider: Slug.optional(),
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
  tokens: z.number().int().nonnegative(),
  /** The price applied, USD per 1M tokens; null when the model has no price for this component. */
  pricePerMillion: z.number().nonnegative().nullable(),
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
  /** One entry per component with tokens. */
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
  usage: TokenUsage,
  results: z.array(CostBreakdown),
});
/** The answer to a cost request. */
export type CostResponse = Types.CostResponse;
