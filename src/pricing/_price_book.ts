/**
 * The prices of every model: the catalog snapshot's pricing with the override file's prices laid over it.
 *
 * @module
 */
import { type Catalog, modelKey } from "../catalog/mod.ts";
import { suggest } from "../words/mod.ts";
import { StarmapError } from "../errors.ts";
import { loadPricingOverrides, type PricingOverrides } from "./_overrides.ts";
import type { Offering, Pricing } from "../catalog/types.gen.ts";

/** A model and the prices that apply to it. */
export interface PricedModel {
  /** `provider/model`. */
  readonly key: string;
  /** The provider id. */
  readonly provider: string;
  /** The model id as the provider names it. */
  readonly id: string;
  /** The catalog's offering; undefined for a model only the override file names. */
  readonly model: Offering | undefined;
  /** The prices in USD per 1M tokens; undefined when nobody knows them. */
  readonly pricing: Pricing | undefined;
  /** Whether an override file set some of the prices. */
  readonly overridden: boolean;
}

/** Options of {@link PriceBook}. */
export interface PriceBookOptions {
  /** Prices that replace the catalog's field by field (`tiers` as a whole), or add models. */
  overrides?: PricingOverrides;
}

/** Options of {@link PriceBook.load}. */
export interface LoadPriceBookOptions extends PriceBookOptions {
  /** A YAML override file to read (ignored when `overrides` is given). */
  file?: string | undefined;
}

/** Lays override prices over catalog prices: the override's fields win; `tiers` is replaced as a whole. */
export function mergePricing(base: Pricing | undefined, override: Pricing | undefined): Pricing | undefined {
  if (!override) return base;
  return { ...base, ...override } as Pricing;
}

function splitKey(key: string): [string, string] {
  const slash = key.indexOf("/");
  return [key.slice(0, slash), key.slice(slash + 1)];
}

/**
 * Prices by `provider/model` and by bare model id, in O(1) through the catalog's indexes and a map of the
 * override file's keys.
 *
 * @example
 * ```ts
 * const registry = new PriceBook(embeddedCatalog());
 * registry.get("openai/gpt-4o")?.pricing?.input; // 2.5
 * registry.lookup("gpt-4o").length; // every provider serving gpt-4o
 * ```
 */
export class PriceBook {
  /** The catalog snapshot the prices come from. */
  readonly catalog: Catalog;
  readonly #overrides: PricingOverrides;
  /** Override keys the catalog does not have, by bare id. */
  readonly #extraById = new Map<string, string[]>();

  /** Makes a registry over a catalog snapshot and optional overrides. */
  constructor(catalog: Catalog, options: PriceBookOptions = {}) {
    this.catalog = catalog;
    this.#overrides = options.overrides ?? new Map();
    for (const key of this.#overrides.keys()) {
      if (catalog.offering(key)) continue;
      const [, id] = splitKey(key);
      const list = this.#extraById.get(id);
      if (list) list.push(key);
      else this.#extraById.set(id, [key]);
    }
  }

  /**
   * Makes a registry, reading the override file when one is named.
   *
   * @throws {StarmapError} `invalid` for a bad override file.
   */
  static async load(catalog: Catalog, options: LoadPriceBookOptions = {}): Promise<PriceBook> {
    const overrides = options.overrides ??
      (options.file ? await loadPricingOverrides(options.file) : undefined);
    return new PriceBook(catalog, overrides ? { overrides } : {});
  }

  #priced(key: string, model: Offering | undefined): PricedModel {
    const override = this.#overrides.get(key);
    const [provider, id] = model ? [model.provider, model.id] : splitKey(key);
    return {
      key,
      provider,
      id,
      model,
      pricing: mergePricing(model?.pricing, override),
      overridden: !!override,
    };
  }

  /** The prices of one model by its exact `provider/model` key. */
  get(key: string): PricedModel | undefined {
    const model = this.catalog.offering(key);
    if (model) return this.#priced(modelKey(model), model);
    return this.#overrides.has(key) ? this.#priced(key, undefined) : undefined;
  }

  /**
   * Every priced offering a reference names: a canonical model id `author/slug` (every offering of the model and
   * of its date-pinned snapshots, cheapest first, even where the same text is also one provider's offering key, as
   * `anthropic/claude-sonnet-4-5` is), an offering key `provider/model` (provider aliases allowed), a provider's
   * bare id, or a model by any other spelling.
   */
  lookup(ref: string): PricedModel[] {
    if (this.catalog.model(ref)?.id === ref) {
      return this.catalog.offerings(ref).map((m) => this.#priced(modelKey(m), m));
    }
    const direct = this.get(ref);
    if (direct) return [direct];
    const found = this.catalog.lookupOfferings(ref).map((m) => this.#priced(modelKey(m), m));
    const extra = (this.#extraById.get(ref) ?? []).map((k) => this.#priced(k, undefined));
    return [...found, ...extra];
  }

  /**
   * Resolves a reference, optionally on one provider, to at least one priced model.
   *
   * @throws {StarmapError} `not_found` with the nearest names, `invalid` for an empty reference.
   */
  resolve(ref: string, provider?: string): PricedModel[] {
    ref = ref.trim();
    if (!ref) throw new StarmapError("invalid", "the model reference is empty");
    if (provider !== undefined) {
      const p = this.catalog.provider(provider)?.id ?? provider;
      const found = this.get(`${p}/${ref}`) ?? this.lookup(ref).find((m) => m.provider === p);
      if (found) return [found];
      // An unknown provider is what is wrong, even when the model exists on other providers.
      this.#providerId(provider);
      throw this.#notFound(`${p}/${ref}`);
    }
    const found = this.lookup(ref);
    if (found.length) return found;
    throw this.#notFound(ref);
  }

  #providerId(id: string): string {
    const known = this.catalog.provider(id);
    if (known) return known.id;
    const extra = [...this.#extraById.values()].flat().some((k) => splitKey(k)[0] === id);
    return extra ? id : this.catalog.resolveProvider(id).id;
  }

  #notFound(ref: string): StarmapError {
    const names = new Set([...this.catalog.allOfferings.map(modelKey), ...this.#overrides.keys()]);
    const suggestions = suggest(ref, names);
    return new StarmapError("not_found", `model "${ref}" not found`, {
      suggestions,
      ...(suggestions.length ? { hint: `did you mean: ${suggestions.join(", ")}?` } : {}),
    });
  }

  /** Every priced model in catalog order (optionally of some providers), then models only the overrides name. */
  entries(providers?: readonly string[]): PricedModel[] {
    const ids = providers?.length ? new Set(providers.map((p) => this.#providerId(p))) : undefined;
    const models = ids
      ? [...ids].flatMap((p) => [...this.catalog.offeringsByProvider(p)])
      : this.catalog.allOfferings;
    const out = models.map((m) => this.#priced(modelKey(m), m));
    const extra = [...this.#extraById.values()].flat().sort();
    for (const key of extra) {
      const entry = this.#priced(key, undefined);
      if (!ids || ids.has(entry.provider)) out.push(entry);
    }
    return out;
  }
}
