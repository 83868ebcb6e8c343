/**
 * Turns token usage into cost, exactly.
 *
 * Rules:
 * - Prices are USD per 1M tokens, so a component costs `tokens × price` micro-dollars. Each price is read as the
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
 * - A model whose prices are all zero is `free`. A model with no pricing is `unknown` (never free, never
 *   unsupported). A component with tokens but no price is reported with a null cost and the result is
 *   `incomplete`: its total counts the priced components only.
 *
 * @module
 */
import { StarmapError } from "../errors.ts";
import { type Decimal, decimalOf, fixed, roundTo, sum, times } from "./_decimal.ts";
import type { PriceBook, PricedModel } from "./_price_book.ts";
import { CostComponentName as ComponentNames, TokenUsage } from "./_schema.ts";
import type * as Types from "./types.gen.ts";
import type { Prices, PriceTier, Pricing } from "../catalog/types.gen.ts";
import type {
  CostBreakdown,
  CostComponent,
  CostComponentName,
  CostRequestInput,
  CostResponse,
  CostStatus,
  PriceOrigin,
  TokenUsageInput,
} from "./types.gen.ts";

const priceField: Record<CostComponentName, keyof Prices> = {
  input: "input",
  output: "output",
  cachedRead: "cacheRead",
  cacheWrite: "cacheWrite",
  reasoning: "reasoning",
  inputAudio: "inputAudio",
  outputAudio: "outputAudio",
};

const MICRO = 6;

/** The prompt tokens that choose a context tier: input, cache reads, cache writes and audio input. */
export function promptTokens(usage: Types.TokenUsage): number {
  return usage.input + usage.cachedRead + usage.cacheWrite + usage.inputAudio;
}

/** The context tier that applies to a prompt: the largest tier whose size the prompt exceeds. */
export function tierFor(pricing: Pricing, prompt: number): PriceTier | undefined {
  let chosen: PriceTier | undefined;
  for (const tier of pricing.tiers ?? []) if (prompt > tier.size) chosen = tier;
  return chosen;
}

function priceOf(
  pricing: Pricing,
  tier: Prices | undefined,
  name: CostComponentName,
): { price: number; from: PriceOrigin } | undefined {
  const field = priceField[name];
  const fromTier = tier?.[field];
  if (fromTier !== undefined) return { price: fromTier, from: "tier" };
  const base = pricing[field];
  if (base !== undefined) return { price: base, from: "base" };
  if (name === "reasoning") {
    const output = priceOf(pricing, tier, "output");
    return output && { price: output.price, from: "output" };
  }
  return undefined;
}

/** Whether pricing lists at least one price. */
function hasPrices(pricing: Pricing | undefined): pricing is Pricing {
  if (!pricing) return false;
  return Object.values(priceField).some((f) => pricing[f] !== undefined);
}

/** Whether every price a pricing lists, tiers included, is zero (and it lists some). */
export function isFree(pricing: Pricing | undefined): boolean {
  if (!hasPrices(pricing)) return false;
  const all = [pricing, ...(pricing.tiers ?? [])];
  return all.every((p) => Object.values(priceField).every((f) => (p[f] ?? 0) === 0));
}

/** Formats an exact count of micro-dollars as USD with six decimals, rounded half up to a whole micro-dollar. */
function usd(microDollars: Decimal): string {
  return fixed(roundTo(microDollars, 0), MICRO);
}

/**
 * Prices one usage on one priced model. Pure: the same input always gives the same breakdown.
 *
 * @example
 * ```ts
 * const entry = registry.get("openai/gpt-4o")!;
 * priceUsage(entry, TokenUsage.parse({ input: 1000, output: 500 })).total; // "0.007500"
 * ```
 */
export function priceUsage(entry: PricedModel, usage: Types.TokenUsage): CostBreakdown {
  const prompt = promptTokens(usage);
  const pricing = hasPrices(entry.pricing) ? entry.pricing : undefined;
  const tier = pricing ? tierFor(pricing, prompt) : undefined;
  const components: CostComponent[] = [];
  const known: Decimal[] = [];
  let missing = false;
  for (const name of ComponentNames.options) {
    const tokens = usage[name];
    if (tokens === 0) continue;
    const price = pricing ? priceOf(pricing, tier, name) : undefined;
    if (!price) {
      missing = true;
      components.push({ component: name, tokens, pricePerMillion: null, priceFrom: null, usd: null });
      continue;
    }
    // USD per 1M tokens × tokens = micro-dollars, exactly.
    const exact = times(decimalOf(price.price), BigInt(tokens));
    known.push(exact);
    components.push({
      component: name,
      tokens,
      pricePerMillion: price.price,
      priceFrom: price.from,
      usd: usd(exact),
    });
  }
  const status: CostStatus = !pricing
    ? "unknown"
    : missing
    ? "incomplete"
    : isFree(pricing)
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
  cost(ref: string, usage: TokenUsageInput, provider?: string): CostBreakdown {
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
    return priceUsage(found[0]!, TokenUsage.parse(usage));
  }

  /**
   * The cost of usage on every provider a reference names, cheapest first (unknown prices last).
   *
   * @throws {StarmapError} `not_found`.
   */
  compare(ref: string, usage: TokenUsageInput, provider?: string): CostBreakdown[] {
    const parsed = TokenUsage.parse(usage);
    return this.registry.resolve(ref, provider).map((m) => priceUsage(m, parsed)).sort(compareCosts);
  }

  /**
   * Answers a cost request (the body of `POST /cost`): one result, or one per provider for a bare id.
   *
   * @throws {StarmapError} `not_found`.
   */
  calculate(request: CostRequestInput): CostResponse {
    const { model, provider, ...counts } = request;
    const usage = TokenUsage.parse(counts);
    return { model, usage, results: this.compare(model, usage, provider) };
  }
}
