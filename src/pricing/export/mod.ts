/**
 * Price exports in the shapes AI gateways read: LiteLLM's price map, OpenRouter's models document, a YAML price
 * table (USD per 1K tokens) and CSV. Models without pricing are left out (an unknown price is not a zero price);
 * LiteLLM's map also keeps models priced only per unit (image, second, character, …), the others need a token
 * price.
 *
 * @module
 */
import { z } from "zod";
import { PRICE_EXPORT_FORMATS } from "../../limits.ts";
import type { Pricing } from "../../catalog/types.gen.ts";
import type { PriceBook, PricedModel } from "../_price_book.ts";
import { listsPrices } from "../_components.ts";
import { toLitellm } from "./_litellm.ts";
import { toOpenRouter } from "./_openrouter.ts";
import { renderPriceCsv, renderPriceTable, toPriceTable } from "./_table.ts";
import type * as Types from "../types.gen.ts";

export { LITELLM_MODES, litellmKey, litellmProvider } from "./_litellm.ts";
export { openRouterPricing } from "./_openrouter.ts";

/** The export formats. */
export const PriceExportFormat = z.enum(PRICE_EXPORT_FORMATS);
/** The export formats. */
export type PriceExportFormat = Types.PriceExportFormat;

/** Options of {@link exportPricing}. */
export interface ExportPricingOptions {
  /** Only these providers (ids or aliases). @default every provider */
  providers?: readonly string[];
}

/** The text of an export and what it holds. */
export interface PriceExport {
  /** The document, newline-terminated. */
  text: string;
  /** How many models it prices. */
  models: number;
  /** How many models were left out for lack of pricing. */
  skipped: number;
}

function hasPricing(e: PricedModel): e is PricedModel & { pricing: Pricing } {
  const p = e.pricing;
  return p !== undefined && (p.input !== undefined || p.output !== undefined);
}

/** LiteLLM has a place for prices that are not per token, so a model priced per image or second is kept. */
function hasAnyPrice(e: PricedModel): e is PricedModel & { pricing: Pricing } {
  return hasPricing(e) || listsPrices(e.pricing);
}

/**
 * Exports the registry's prices in one format.
 *
 * @example
 * ```ts
 * const { text } = exportPricing(new PriceBook(embeddedCatalog()), "litellm", { providers: ["openai"] });
 * JSON.parse(text)["gpt-4o"].input_cost_per_token; // 0.0000025
 * ```
 * @throws {StarmapError} `not_found` for an unknown provider.
 */
export function exportPricing(
  registry: PriceBook,
  format: Types.PriceExportFormat,
  options: ExportPricingOptions = {},
): PriceExport {
  const all = registry.entries(options.providers);
  const priced = all.filter(format === "litellm" ? hasAnyPrice : hasPricing);
  const text = format === "litellm"
    ? `${JSON.stringify(toLitellm(priced), null, 2)}\n`
    : format === "openrouter"
    ? `${JSON.stringify(toOpenRouter(priced), null, 2)}\n`
    : format === "yaml"
    ? renderPriceTable(toPriceTable(priced))
    : renderPriceCsv(priced);
  return { text, models: priced.length, skipped: all.length - priced.length };
}
