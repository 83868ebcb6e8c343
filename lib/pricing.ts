/**
 * `@starmap/cli/pricing`: exact costs, price overrides and the price exports AI gateways load.
 *
 * @example
 * ```ts
 * import { embeddedCatalog } from "@starmap/cli";
 * import { exportPricing, PricingRegistry } from "@starmap/cli/pricing";
 * const registry = await PricingRegistry.load(embeddedCatalog());
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
  CostStatus,
  PriceExportFormat,
  PriceOrigin,
  PricingConfig,
  TokenUsage,
  TokenUsageInput,
} from "../src/pricing/types.gen.ts";
export {
  compareCosts,
  CostCalculator,
  exportPricing,
  type ExportPricingOptions,
  isFree,
  litellmKey,
  litellmProvider,
  loadPricingOverrides,
  type LoadPricingRegistryOptions,
  MAX_TOKENS,
  mergePricing,
  parsePricingOverrides,
  type PricedModel,
  type PriceExport,
  priceUsage,
  type PricingOverrides,
  PricingRegistry,
  type PricingRegistryOptions,
  promptTokens,
  tierFor,
} from "../src/pricing/mod.ts";
