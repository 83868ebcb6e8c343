/**
 * Pricing: the prices of every model (catalog plus overrides), an exact cost calculator, and price exports for
 * AI gateways.
 *
 * Costs are exact to the micro-dollar: prices (USD per 1M tokens) are read as the decimals they spell and
 * multiplied by token counts as integers; each component and the total are rounded once, half up, to six
 * decimals. See `_calculator.ts` for the rules (prompt size for context tiers, reasoning tokens, free and unknown
 * prices).
 *
 * @example
 * ```ts
 * import { CostCalculator, PriceBook } from "./mod.ts";
 * const calc = new CostCalculator(new PriceBook(catalog));
 * calc.cost("openai/gpt-4o", { input: 1000, output: 500 }).total; // "0.007500"
 * ```
 *
 * @module
 */
export {
  type LoadPriceBookOptions,
  mergePricing,
  PriceBook,
  type PriceBookOptions,
  type PricedModel,
} from "./_price_book.ts";
export {
  compareCosts,
  CostCalculator,
  type CostOptions,
  isFree,
  priceUsage,
  promptTokens,
  tierFor,
} from "./_calculator.ts";
export { type ComponentPrice, COMPONENTS as COST_COMPONENTS } from "./_components.ts";
export {
  CostBreakdown,
  CostComponent,
  CostComponentName,
  CostRequest,
  type CostRequestInput,
  CostResponse,
  CostService,
  CostStatus,
  CostUnit,
  MAX_TOKENS,
  PriceOrigin,
  TokenUsage,
  type TokenUsageInput,
  Usage,
  type UsageInput,
} from "./_schema.ts";
export { loadPricingOverrides, parsePricingOverrides, type PricingOverrides } from "./_overrides.ts";
export { PricingConfig } from "../config/mod.ts";
export {
  exportPricing,
  type ExportPricingOptions,
  LITELLM_MODES,
  litellmKey,
  litellmProvider,
  openRouterPricing,
  type PriceExport,
  PriceExportFormat,
} from "./export/mod.ts";
export { upstreamPerMillion, upstreamPerUnit } from "./_decimal.ts";
