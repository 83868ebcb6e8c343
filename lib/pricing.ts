/**
 * `@starmap/cli/pricing`: exact costs, price overrides and the price exports AI gateways load.
 *
 * @example
 * ```ts
 * import { embeddedCatalog } from "@starmap/cli";
 * import { exportPricing, PriceBook } from "@starmap/cli/pricing";
 * const registry = await PriceBook.load(embeddedCatalog());
 * exportPricing(registry, "litellm", { providers: ["openai"] }).text.length;
 * ```
 *
 * @module
 */
export type {
  CostBreakdown,
  CostComponent,
  CostComponentName,
  CostRequest,
  CostRequestInput,
  CostResponse,
  CostService,
  CostStatus,
  CostUnit,
  PriceExportFormat,
  PriceOrigin,
  TokenUsage,
  TokenUsageInput,
  Usage,
  UsageInput,
} from "../src/pricing/types.gen.ts";
export type { PricingConfig } from "../src/config/types.gen.ts";
export {
  compareCosts,
  type ComponentPrice,
  COST_COMPONENTS,
  CostCalculator,
  type CostOptions,
  exportPricing,
  type ExportPricingOptions,
  isFree,
  litellmKey,
  litellmProvider,
  type LoadPriceBookOptions,
  loadPricingOverrides,
  MAX_TOKENS,
  mergePricing,
  parsePricingOverrides,
  PriceBook,
  type PriceBookOptions,
  type PricedModel,
  type PriceExport,
  priceUsage,
  type PricingOverrides,
  promptTokens,
  tierFor,
} from "../src/pricing/mod.ts";
