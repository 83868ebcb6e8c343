/**
 * The immutable catalog snapshot with its indexes: models (author level, keyed `author/slug`) and offerings
 * (one provider's service of one model, keyed `provider/id`).
 *
 * @module
 */
import { StarmapError } from "../errors.ts";
import { CatalogDocument } from "./_document.ts";
import type { PackedCatalog } from "./_packed.ts";
import {
  cheapestFirst,
  describedPredicate,
  modelPredicate,
  offeringConditions,
  sortBy,
  sortModels,
} from "./_match.ts";
import {
  byModelId,
  listing,
  listingSort,
  type ModelListing,
  type ModelPage,
  type OfferingPage,
  page,
  summarized,
} from "./_listing.ts";
import { buildSpellings, type SpellingIndex } from "./_spellings.ts";
import { buildNameIndex, type NameIndex, suggestIndexed } from "./_suggest_index.ts";
import { suggest } from "../words/mod.ts";
import type { Author, CatalogData, Model, ModelFilter, Offering, Provider } from "./types.gen.ts";

import { groupBy, offeringKey, SNAPSHOT } from "./_keys.ts";
import type { Resolved } from "./_keys.ts";

export { deepFreeze } from "./_freeze.ts";
export { modelKey, offeringKey, type Resolved } from "./_keys.ts";
export { listing, type ModelListing, type ModelPage, type OfferingPage, type Page } from "./_listing.ts";

/** A model reference without the spaces around it. @throws {StarmapError} `invalid` when nothing is left. */
function nonEmpty(ref: string): string {
  const trimmed = ref.trim();
  if (!trimmed) throw new StarmapError("invalid", "the model reference is empty");
  return trimmed;
}

/**
 * An immutable snapshot of the catalog. Each index is built once per snapshot, on first use; an update builds a
 * new snapshot rather than changing this one. Every record it hands out is frozen: providers, authors and models
 * when the snapshot is made, each offering (most of the document) no later than when a method returns it.
 *
 * @example
 * ```ts
 * const catalog = Catalog.from(data);
 * catalog.model("gpt-4o")?.id; // "openai/gpt-4o"
 * catalog.offerings("openai/gpt-4o")[0]?.pricing?.input; // the cheapest input price
 * ```
 */
export class Catalog {
  readonly #doc: CatalogDocument;
  #modelsById: Map<string, Model> | undefined;
  #offeringsByKey: Map<string, Offering> | undefined;
  readonly #offeringsByModel = new Map<string, readonly Offering[]>();
  #offeringsById: Map<string, Offering[]> | undefined;
  #offeringsByAuthor: Map<string, Offering[]> | undefined;
  #offeringsByProvider: Map<string, Offering[]> | undefined;
  #modelsByAuthor: Map<string, Model[]> | undefined;
  #spellings: SpellingIndex | undefined;
  #names: NameIndex | undefined;
  #variants: Map<string, Model[]> | undefined;
  #providersIndex: Map<string, Provider> | undefined;
  #authorsIndex: Map<string, Author> | undefined;

  private constructor(doc: CatalogDocument) {
    this.#doc = doc;
  }

  /**
   * Makes a snapshot from catalog data, which it owns from then on and deep-freezes in place (equal arrays of
   * strings become one shared frozen array): providers, authors and models at once, each offering when it is first
   * handed out or the document is read. The data must already be valid.
   */
  static from(data: CatalogData): Catalog {
    return new Catalog(new CatalogDocument(data));
  }

  /** Makes a snapshot from a packed catalog, whose offerings are parsed only when first used. */
  static fromPacked(packed: PackedCatalog): Catalog {
    return new Catalog(new CatalogDocument(packed));
  }

  /** The frozen catalog document (the first read parses and freezes the offerings not yet handed out). */
  get data(): Readonly<CatalogData> {
    return this.#doc.data;
  }

  /** Every offering, frozen. */
  get #offerings(): readonly Offering[] {
    return this.#doc.data.offerings;
  }

  get #models(): Map<string, Model> {
    return this.#modelsById ??= new Map(this.#doc.rawModels.map((m) => [m.id, m]));
  }

  get #byKey(): Map<string, Offering> {
    return this.#offeringsByKey ??= new Map(this.#doc.rawOfferings.map((o) => [offeringKey(o), o]));
  }

  /** The offerings of one model (not of its snapshots), cheapest first, frozen. */
  #ofModel(id: string): readonly Offering[] {
    let list = this.#offeringsByModel.get(id);
    if (!list) {
      list = this.#doc.frozen([...this.#doc.ofModel(id)].sort(cheapestFirst));
      this.#offeringsByModel.set(id, list);
    }
    return list;
  }

  get #spelled(): SpellingIndex {
    return this.#spellings ??= buildSpellings(
      this.#doc.rawModels,
      this.#doc.rawOfferings,
      this.#doc.providers,
    );
  }

  /**
   * Up to `limit` model ids, offering keys or offering ids close to an unknown name, nearest first, from a trigram
   * index built once per snapshot (a flood of unknown names never measures the distance to every model).
   */
  suggestModels(name: string, limit = 5): string[] {
    this.#names ??= buildNameIndex(this.data.models, this.data.offerings);
    return suggestIndexed(this.#names, name, limit);
  }

  get #providers(): Map<string, Provider> {
    if (this.#providersIndex) return this.#providersIndex;
    const map = new Map<string, Provider>();
    for (const p of this.#doc.providers) {
      map.set(p.id, p);
      for (const alias of p.aliases ?? []) if (!map.has(alias)) map.set(alias, p);
    }
    return this.#providersIndex = map;
  }

  get #authors(): Map<string, Author> {
    return this.#authorsIndex ??= new Map(this.#doc.authors.map((a) => [a.id, a]));
  }

  /** All providers, in catalog order. */
  get providers(): readonly Provider[] {
    return this.#doc.providers;
  }

  /** All authors, in catalog order. */
  get authors(): readonly Author[] {
    return this.#doc.authors;
  }

  /** All models, in catalog order (by id). */
  get models(): readonly Model[] {
    return this.#doc.models;
  }

  /** All offerings, in catalog order (by provider, then id). */
  get allOfferings(): readonly Offering[] {
    return this.#offerings;
  }

  /** A provider by id or alias. */
  provider(id: string): Provider | undefined {
    return this.#providers.get(id) ?? this.#providers.get(id.toLowerCase());
  }

  /** An author by id. */
  author(id: string): Author | undefined {
    return this.#authors.get(id) ?? this.#authors.get(id.toLowerCase());
  }

  /**
   * A model by any spelling: its id `author/slug`, its slug, an alias, an offering's key `provider/id` or a
   * provider's own id. `undefined` when the spelling names no model or several.
   */
  model(ref: string): Model | undefined {
    const exact = this.#models.get(ref);
    if (exact) return this.#doc.frozen(exact);
    const ids = this.#spelled.get(ref.toLowerCase());
    return ids?.length === 1 ? this.#doc.frozen(this.#models.get(ids[0]!)) : undefined;
  }

  /**
   * The offerings of a model (by any spelling), cheapest input first: its own and, unless `snapshots` is false,
   * those of its date-pinned snapshots (`…-20250929`, whose lineage points to it), which serve the same model.
   */
  offerings(modelRef: string, options: { snapshots?: boolean } = {}): readonly Offering[] {
    const model = this.model(modelRef);
    if (!model) return [];
    const own = this.#ofModel(model.id);
    const pinned = options.snapshots === false ? [] : this.snapshots(model.id);
    if (!pinned.length) return own;
    return [...own, ...pinned.flatMap((m) => this.#ofModel(m.id))].sort(cheapestFirst);
  }

  /** The date-pinned snapshots of a model: the models whose base it is and whose id adds a date to its id. */
  snapshots(modelId: string): readonly Model[] {
    this.#variants ??= groupBy(this.#doc.rawModels.filter((m) => m.base !== undefined), (m) => m.base!);
    return this.#doc.frozen(
      (this.#variants.get(modelId) ?? []).filter((m) => SNAPSHOT.test(m.id.slice(modelId.length))),
    );
  }

  /** An offering by its key `provider/id` (the provider may be an alias). */
  offering(key: string): Offering | undefined {
    const exact = this.#byKey.get(key);
    if (exact) return this.#doc.frozen(exact);
    const slash = key.indexOf("/");
    if (slash <= 0) return undefined;
    const provider = this.provider(key.slice(0, slash));
    return provider && this.#doc.frozen(this.#byKey.get(`${provider.id}/${key.slice(slash + 1)}`));
  }

  /** Every offering served under a provider's own id, one per provider. */
  offeringsById(id: string): readonly Offering[] {
    return this.#doc.frozen(
      (this.#offeringsById ??= groupBy(this.#doc.rawOfferings, (o) => o.id)).get(id) ?? [],
    );
  }

  /** The offerings of a provider (by id or alias). */
  offeringsByProvider(id: string): readonly Offering[] {
    const p = this.provider(id);
    this.#offeringsByProvider ??= groupBy(this.#offerings, (o) => o.provider);
    return p ? this.#offeringsByProvider.get(p.id) ?? [] : [];
  }

  /** The offerings of the models an author made. */
  offeringsByAuthor(id: string): readonly Offering[] {
    return (this.#offeringsByAuthor ??= groupBy(this.#offerings, (o) => o.authors)).get(
      id.toLowerCase(),
    ) ??
      [];
  }

  /** The models an author made. */
  modelsByAuthor(id: string): readonly Model[] {
    this.#modelsByAuthor ??= groupBy(this.#doc.rawModels, (m) => m.authors);
    return this.#doc.frozen(this.#modelsByAuthor.get(id.toLowerCase()) ?? []);
  }

  /** The providers that serve models an author made, with how many offerings each has. */
  authorProviders(id: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const o of this.offeringsByAuthor(id)) counts.set(o.provider, (counts.get(o.provider) ?? 0) + 1);
    return counts;
  }

  /**
   * Finds the offerings a reference names: `provider/id` (the provider may be an alias), else a model by any other
   * spelling (every offering of it and of its date-pinned snapshots, cheapest first), else a provider's own id.
   */
  lookupOfferings(ref: string): readonly Offering[] {
    const exact = this.offering(ref);
    if (exact) return [exact];
    const model = this.model(ref);
    if (model) return this.offerings(model.id);
    return this.offeringsById(ref);
  }

  /**
   * Resolves a reference to a model and, when the reference names one, an offering. With `provider` (an id or
   * alias), `ref` is that provider's id.
   *
   * @throws {StarmapError} `not_found` with the nearest spellings, or `invalid` when a spelling names several
   * models or is empty.
   */
  resolve(ref: string, provider?: string): Resolved {
    ref = nonEmpty(ref);
    if (provider !== undefined) ref = `${this.resolveProvider(provider).id}/${ref}`;
    // A model id wins over the same text as an offering key (`anthropic/claude-sonnet-4-5` names both).
    const exact = provider === undefined ? this.#models.get(ref) : undefined;
    if (exact) return { model: this.#doc.frozen(exact) };
    const offering = this.offering(ref);
    if (offering) return { model: this.#doc.frozen(this.#models.get(offering.model)!), offering };
    const model = this.model(ref);
    if (model) {
      const byId = this.offeringsById(ref).filter((o) => o.model === model.id);
      return { model, offering: byId.length === 1 ? byId[0] : undefined };
    }
    const ids = this.#spelled.get(ref.toLowerCase());
    if (ids && ids.length > 1) {
      throw new StarmapError("invalid", `"${ref}" names ${ids.length} models`, {
        hint: `name one of them:\n${ids.map((k) => `  ${k}`).join("\n")}`,
        suggestions: ids,
      });
    }
    throw this.#notFound("model", ref, this.suggestModels(ref));
  }

  /**
   * Resolves a reference to exactly one offering; with `provider` (an id or alias), `ref` is that provider's id. A
   * model served by one offering resolves to it.
   *
   * @throws {StarmapError} `not_found` with the nearest matches, or `invalid` when the reference is served by several
   * providers (the error lists them).
   */
  resolveOffering(ref: string, provider?: string): Offering {
    ref = nonEmpty(ref);
    if (provider !== undefined) ref = `${this.resolveProvider(provider).id}/${ref}`;
    const found = this.lookupOfferings(ref);
    if (found.length === 1) return found[0]!;
    if (found.length > 1) {
      const keys = found.map(offeringKey);
      throw new StarmapError("invalid", `model "${ref}" is served by ${keys.length} providers`, {
        hint: `name one of them as provider/model:\n${keys.map((k) => `  ${k}`).join("\n")}`,
        suggestions: keys,
      });
    }
    throw this.#notFound("model", ref, this.suggestModels(ref));
  }

  /** Resolves a provider by id or alias. @throws {StarmapError} `not_found` with the nearest ids. */
  resolveProvider(id: string): Provider {
    const p = this.provider(id);
    if (p) return p;
    throw this.#notFound("provider", id, suggest(id, this.#providers.keys()));
  }

  /** Resolves an author by id. @throws {StarmapError} `not_found` with the nearest ids. */
  resolveAuthor(id: string): Author {
    const a = this.author(id);
    if (a) return a;
    throw this.#notFound("author", id, suggest(id, this.#authors.keys()));
  }

  /**
   * Lists models: a model matches when its own fields meet the model-level conditions and, if the filter has
   * offering-level conditions (provider, prices, life cycle, parameters, operations, regions), at least one of its
   * offerings meets them; its listing counts only those offerings. Then sort, offset and limit.
   *
   * @throws {StarmapError} `not_found` when the filter names a provider or author the catalog does not have.
   */
  query(filter: ModelFilter = {}): ModelPage {
    for (const a of filter.author ?? []) this.resolveAuthor(a);
    const described = describedPredicate(filter);
    const conditions = offeringConditions(filter);
    const scoped = filter.provider?.length || conditions;
    const matching = scoped
      ? groupBy(this.#candidates(filter.provider).filter(conditions ?? (() => true)), (o) => o.model)
      : undefined;
    const out: ModelListing[] = [];
    for (const m of this.#doc.rawModels) {
      if (!described(m)) continue;
      if (!matching) {
        const summary = this.#doc.summary(m.id);
        const model = this.#doc.frozen(m);
        out.push(
          summary
            ? summarized(model, summary, () => this.#ofModel(m.id))
            : listing(model, this.#ofModel(m.id)),
        );
        continue;
      }
      const offerings = matching.get(m.id);
      if (offerings) out.push(listing(this.#doc.frozen(m), offerings.sort(cheapestFirst)));
    }
    return page(out, filter, (items, key, order) => sortBy(items, listingSort[key], byModelId, order));
  }

  /**
   * Lists offerings: conditions, then sort, then offset and limit.
   *
   * @throws {StarmapError} `not_found` when the filter names a provider or author the catalog does not have.
   */
  queryOfferings(filter: ModelFilter = {}): OfferingPage {
    for (const a of filter.author ?? []) this.resolveAuthor(a);
    const matches = this.#candidates(filter.provider).filter(modelPredicate(filter));
    return page(matches, filter, sortModels);
  }

  #candidates(providers: readonly string[] | undefined): Offering[] {
    if (!providers?.length) return [...this.#offerings];
    return providers.flatMap((id) => [...this.offeringsByProvider(this.resolveProvider(id).id)]);
  }

  #notFound(what: string, name: string, suggestions: string[]): StarmapError {
    return new StarmapError("not_found", `${what} "${name}" not found`, {
      suggestions,
      ...(suggestions.length ? { hint: `did you mean: ${suggestions.join(", ")}?` } : {}),
    });
  }
}
