/**
 * Turns usage (tokens and unit quantities) into cost, exactly.
 *
 * Rules:
 * - Token prices are USD per 1M tokens, so a token component costs `tokens × price` micro-dollars; web searches
 *   are priced per 1K searches; every other unit (request, image, second, character, page, query) per unit. Each price is read as the
 *   decimal its catalog text spells (see `_decimal.ts`) and multiplied as integers (`bigint`): there is no binary
 *   floating point anywhere between the catalog and the printed result.
 * - Rounding: each component and the total are rounded once, half up, to the micro-dollar (six decimals). The
 *   total is rounded from the exact sum of the unrounded components, so it can differ from the sum of the printed
 *   components by less than half a micro-dollar per component.
 * - The prompt is `input + cachedRead + cacheWrite + inputAudio` tokens. A context tier applies when the prompt is
 *   strictly greater than its `size`; the largest such tier wins. A price the tier does not list falls back to the
 *   base price.
 * - Reasoning tokens are output tokens: they cost the `reasoning` price when the model has one, else the output
 *   price.
 * - A service rate (`batch`, `priority`, `flex`) prices with that rate's prices and its own tiers only: a price
 *   the rate lacks is missing (never the standard price), and an offering without the rate is `unknown` with a
 *   note saying so.
 * - A region multiplies every price by the offering's multiplier for it; a region without one is noted and the
 *   prices stay as listed.
 * - A model whose prices are all zero is `free`. A model with no pricing is `unknown` (never free, never
 *   unsupported). A component with a quantity but no price is reported with a null cost and the result is
 *   `incomplete`: its total counts the priced components only.
 *
 * @module
 */
import { StarmapError } from "../errors.ts";
import { type Decimal, fixed, plain, roundTo, sum } from "./_decimal.ts";
import type { PriceBook, PricedModel } from "./_price_book.ts";
import { CostComponentName as ComponentNames, Usage } from "./_schema.ts";
import {
  allZero,
  catalogPrice,
  COMPONENTS,
  listsPrices,
  microDollars,
  type RatePrices,
  ratePrices,
  type Tier,
  tierOf,
} from "./_components.ts";
import type * as Types from "./types.gen.ts";
import type { PriceTier, Pricing } from "../catalog/types.gen.ts";
import type {
  CostBreakdown,
  CostComponent,
  CostComponentName,
  CostRequestInput,
  CostResponse,
  CostService,
  CostStatus,
  UsageInput,
} from "./types.gen.ts";

const MICRO = 6;

/** The prompt tokens that choose a context tier: input, cache reads, cache writes and audio input. */
export function promptTokens(usage: Types.TokenUsage): number {
  return usage.input + usage.cachedRead + usage.cacheWrite + usage.inputAudio;
}

/** The context tier of the standard rate that applies to a prompt: the largest tier whose size it exceeds. */
export function tierFor(pricing: Pricing, prompt: number): PriceTier | undefined {
  return tierOf(pricing.tiers ?? [], prompt) as PriceTier | undefined;
}

/** Whether every price a pricing lists, tiers included, is zero (and it lists some). */
export function isFree(pricing: Pricing | undefined): boolean {
  return !!pricing && allZero({ base: pricing, tiers: pricing.tiers ?? [] });
}

/** Formats an exact count of micro-dollars as USD with six decimals, rounded half up to a whole micro-dollar. */
function usd(microDollars: Decimal): string {
  return fixed(roundTo(microDollars, 0), MICRO);
}

/** Options of a cost: the service rate and the region. */
export interface CostOptions {
  /** The service rate to price at. @default "standard" */
  service?: CostService | undefined;
  /** The region the request is processed in; its price multiplier applies where the offering has one. */
  region?: string | undefined;
}

/** The region multiplier of a pricing, and the note that says what was done about the region. */
function regionOf(
  pricing: Pricing | undefined,
  region: string | undefined,
): { multiplier: number | undefined; note?: string } {
  if (region === undefined) return { multiplier: undefined };
  const multiplier = pricing?.regionMultipliers?.[region] ??
    pricing?.regionMultipliers?.[region.toLowerCase()];
  if (multiplier !== undefined) {
    return { multiplier, note: `region "${region}": every price × ${multiplier}` };
  }
  return {
    multiplier: undefined,
    note: `no price multiplier known for region "${region}": prices as listed`,
  };
}

function component(
  name: CostComponentName,
  quantity: number,
  found: { price: number; from: Types.PriceOrigin } | undefined,
  multiplier: number | undefined,
): { line: CostComponent; exact?: Decimal } {
  const { unit, per } = COMPONENTS[name];
  const exact = found && microDollars(quantity, found.price, per, multiplier);
  const price = !found
    ? null
    : multiplier === undefined
    ? found.price
    : Number(plain(microDollars(1, found.price, 1e6, multiplier)));
  const line: CostComponent = unit === "token"
    ? {
      component: name,
      unit,
      quantity,
      price,
      per,
      tokens: quantity,
      pricePerMillion: price,
      priceFrom: null,
      usd: null,
    }
    : { component: name, unit, quantity, price, per, priceFrom: null, usd: null };
  if (!found || !exact) return { line };
  line.priceFrom = found.from;
  line.usd = usd(exact);
  return { line, exact };
}

/** Why prices are missing or changed: a service rate the offering lacks or does not fully list, a region. */
function notesOf(
  entry: PricedModel,
  service: CostService,
  rate: RatePrices | undefined,
  missing: string[],
  regionNote: string | undefined,
): string[] {
  const notes: string[] = [];
  if (service !== "standard" && entry.pricing) {
    if (!rate) {
      notes.push(`${entry.key} has no ${service} rate in the catalog: the cost at that rate is unknown`);
    } else if (missing.length) notes.push(`the ${service} rate lists no price for ${missing.join(", ")}`);
  }
  if (regionNote) notes.push(regionNote);
  return notes;
}

/**
 * Prices one usage on one priced model at a service rate and region. Pure: the same input always gives the same
 * breakdown.
 *
 * @example
 * ```ts
 * const entry = registry.get("openai/gpt-4o")!;
 * priceUsage(entry, Usage.parse({ input: 1000, output: 500 })).total; // "0.007500"
 * ```
 */
export function priceUsage(entry: PricedModel, usage: Types.Usage, options: CostOptions = {}): CostBreakdown {
  const service = options.service ?? "standard";
  const prompt = promptTokens(usage);
  const pricing = entry.pricing;
  const listed = pricing && ratePrices(pricing, service);
  const rate = listed && (listsPrices(listed.base) || listed.tiers.length) ? listed : undefined;
  const tier: Tier | undefined = rate && tierOf(rate.tiers, prompt);
  const region = regionOf(pricing, options.region);
  const components: CostComponent[] = [];
  const known: Decimal[] = [];
  const missing: string[] = [];
  for (const name of ComponentNames.options) {
    const quantity = usage[name];
    if (quantity === 0) continue;
    const priced = component(name, quantity, rate && catalogPrice(rate, tier, name), region.multiplier);
    components.push(priced.line);
    if (priced.exact) known.push(priced.exact);
    else missing.push(name);
  }
  const status: CostStatus = !rate
    ? "unknown"
    : missing.length
    ? "incomplete"
    : allZero(rate)
    ? "free"
    : "priced";
  return {
    key: entry.key,
    provider: entry.provider,
    model: entry.id,
    ...(entry.model ? { name: entry.model.name } : {}),
    status,
    currency: "USD",
    promptTokens: prompt,
    tier: tier?.size ?? null,
    overridden: entry.overridden,
    service,
    region: options.region ?? null,
    regionMultiplier: region.multiplier ?? null,
    notes: notesOf(entry, service, rate, missing, pricing && region.note),
    components,
    total: status === "unknown" ? null : usd(sum(known)),
    complete: status === "priced" || status === "free",
  };
}

const statusRank: Record<CostStatus, number> = { free: 0, priced: 0, incomplete: 1, unknown: 2 };

/** Orders breakdowns cheapest first: complete totals, then incomplete ones, then unknown prices; ties by key. */
export function compareCosts(a: CostBreakdown, b: CostBreakdown): number {
  const rank = statusRank[a.status] - statusRank[b.status];
  if (rank !== 0) return rank;
  if (a.total !== null && b.total !== null && a.total !== b.total) {
    const x = BigInt(a.total.replace(".", ""));
    const y = BigInt(b.total.replace(".", ""));
    return x < y ? -1 : 1;
  }
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Costs of token usage over a {@link PriceBook}.
 *
 * @example
 * ```ts
 * const calc = new CostCalculator(new PriceBook(embeddedCatalog()));
 * calc.cost("openai/gpt-4o", { input: 1000, output: 500 }).total; // "0.007500"
 * calc.compare("gpt-4o", { input: 1000 }).map((r) => r.key); // cheapest provider first
 * ```
 */
export class CostCalculator {
  /** The prices used. */
  readonly registry: PriceBook;

  /** Makes a calculator over a registry. */
  constructor(registry: PriceBook) {
    this.registry = registry;
  }

  /**
   * The cost of usage on exactly one model.
   *
   * @throws {StarmapError} `not_found`, or `invalid` when a bare id is served by several providers.
   */
  cost(ref: string, usage: UsageInput, provider?: string, options: CostOptions = {}): CostBreakdown {
    // Exactly one: a text that is both a model id and an offering key (`openai/gpt-4o`) names the offering here.
    const direct = provider === undefined ? this.registry.get(ref) : undefined;
    const found = direct ? [direct] : this.registry.resolve(ref, provider);
    if (found.length > 1) {
      const keys = found.map((m) => m.key);
      throw new StarmapError("invalid", `model "${ref}" is served by ${keys.length} providers`, {
        hint: `name one of them as provider/model, or compare them:\n${keys.map((k) => `  ${k}`).join("\n")}`,
        suggestions: keys,
      });
    }
    return priceUsage(found[0]!, Usage.parse(usage), options);
  }

  /**
   * The cost of usage on every provider a reference names, cheapest first (unknown prices last).
   *
   * @throws {StarmapError} `not_found`.
   */
  compare(ref: string, usage: UsageInput, provider?: string, options: CostOptions = {}): CostBreakdown[] {
    const parsed = Usage.parse(usage);
    return this.registry.resolve(ref, provider).map((m) => priceUsage(m, parsed, options)).sort(compareCosts);
  }

  /**
   * Answers a cost request (the body of `POST /cost`): one result, or one per provider for a bare id.
   *
   * @throws {StarmapError} `not_found`.
   */
  calculate(request: CostRequestInput): CostResponse {
    const { model, provider, service = "standard", region, ...counts } = request;
    const usage = Usage.parse(counts);
    const results = this.compare(model, usage, provider, { service, region });
    return { model, usage, service, ...(region !== undefined ? { region } : {}), results };
  }
}
