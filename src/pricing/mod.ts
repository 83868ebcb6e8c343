/**
 * Pricing: the prices of every model (catalog plus overrides), an exact cost calculator, and price exports for
 * AI gateways.
 *
 * Costs are exact to the micro-dollar: prices (USD per 1M tokens) are read as the decimals they spell and
 * multiplied by token counts as integers; each component and the total are rounded once, half up, to six
 * decimals. See `calculator.ts` for the rules (prompt size for context tiers, reasoning tokens, free and unknown
 * prices).
 *
 * @example
 * ```ts
 * import { CostCalculator, PricingRegistry } from "./mod.ts";
 * const calc = new CostCalculator(new PricingRegistry(catalog));
 * calc.cost("openai/gpt-4o", { input: 1000, output: 500 }).total; // "0.007500"
 * ```
 *
 * @module
 */
export {
  type LoadPricingRegistryOptions,
  mergePricing,
  type PricedModel,
  PricingRegistry,
  type PricingRegistryOptions,
} from "./registry.ts";
export { compareCosts, CostCalculator, isFree, priceUsage, promptTokens, tierFor } from "./calculator.ts";
export {
  CostBreakdown,
  CostComponent,
  CostComponentName,
  CostRequest,
  type CostRequestInput,
  CostResponse,
  CostStatus,
  MAX_TOKENS,
  PriceOrigin,
  TokenUsage,
  type TokenUsageInput,
} from "./schema.ts";
export { loadPricingOverrides, parsePricingOverrides, type PricingOverrides } from "./overrides.ts";
export { PricingConfig } from "./config.ts";
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
export { upstreamPerMillion, upstreamPerUnit } from "./decimal.ts";
