/**
 * Model listings: a model with what its offerings add up to (providers, context, cheapest prices), their sort
 * keys, and paging.
 *
 * @module
 */
import type { Model, ModelFilter, ModelSortKey, Offering } from "./types.gen.ts";

/** A model with what its offerings add up to: how many providers serve it and its cheapest prices. */
export interface ModelListing {
  /** The model. */
  readonly model: Model;
  /** Its offerings (those that matched the filter, when listed by a query), cheapest first. */
  readonly offerings: readonly Offering[];
  /** How many offerings it has (the length of `offerings`, known without reading them). */
  readonly offeringCount: number;
  /** How many distinct providers serve it. */
  readonly providers: number;
  /** The largest context window of the model or any offering. */
  readonly context: number | undefined;
  /** The cheapest input price (USD per 1M tokens) among its offerings. */
  readonly input: number | undefined;
  /** The cheapest output price (USD per 1M tokens) among its offerings. */
  readonly output: number | undefined;
}

/** A page of query results with the number of matches before paging. */
export interface Page<T> {
  /** The items of this page. */
  readonly items: readonly T[];
  /** How many items matched before offset and limit. */
  readonly total: number;
}

/** A page of models. */
export type ModelPage = Page<ModelListing>;
/** A page of offerings. */
export type OfferingPage = Page<Offering>;

function max(values: readonly (number | undefined)[]): number | undefined {
  let out: number | undefined;
  for (const v of values) if (v !== undefined && (out === undefined || v > out)) out = v;
  return out;
}

function min(values: readonly (number | undefined)[]): number | undefined {
  let out: number | undefined;
  for (const v of values) if (v !== undefined && (out === undefined || v < out)) out = v;
  return out;
}

/** What a model's offerings add up to, beside the model's own context window. */
export interface OfferingSummary {
  /** How many offerings. */
  readonly count: number;
  /** How many distinct providers serve them. */
  readonly providers: number;
  /** The largest context window among them. */
  readonly context: number | undefined;
  /** The cheapest input price (USD per 1M tokens) among them. */
  readonly input: number | undefined;
  /** The cheapest output price (USD per 1M tokens) among them. */
  readonly output: number | undefined;
}

/** Adds up offerings of one model. */
export function summarize(offerings: readonly Offering[]): OfferingSummary {
  return {
    count: offerings.length,
    providers: new Set(offerings.map((o) => o.provider)).size,
    context: max(offerings.map((o) => o.limits.context)),
    input: min(offerings.map((o) => o.pricing?.input)),
    output: min(offerings.map((o) => o.pricing?.output)),
  };
}

/** Summarises a model and the given offerings of it. */
export function listing(model: Model, offerings: readonly Offering[]): ModelListing {
  return summarized(model, summarize(offerings), () => offerings);
}

/**
 * A listing from a summary made beforehand (a packed catalog holds one per model): its offerings are read only
 * if a caller asks for them.
 */
export function summarized(
  model: Model,
  summary: OfferingSummary,
  offerings: () => readonly Offering[],
): ModelListing {
  let list: readonly Offering[] | undefined;
  return {
    model,
    get offerings() {
      return list ??= offerings();
    },
    offeringCount: summary.count,
    providers: summary.providers,
    context: max([model.limits.context, summary.context]),
    input: summary.input,
    output: summary.output,
  };
}

/** How model listings sort by each key. */
export const listingSort: Record<ModelSortKey, (l: ModelListing) => string | number | undefined> = {
  id: (l) => l.model.id,
  name: (l) => l.model.name.toLowerCase(),
  provider: (l) => l.model.id,
  context: (l) => l.context,
  output: (l) => l.model.limits.output ?? max(l.offerings.map((o) => o.limits.output)),
  input_price: (l) => l.input,
  output_price: (l) => l.output,
  release_date: (l) => l.model.releaseDate,
};

/** Orders listings by model id. */
export function byModelId(a: ModelListing, b: ModelListing): number {
  return a.model.id < b.model.id ? -1 : a.model.id > b.model.id ? 1 : 0;
}

/** Sorts (when the filter names a key), then pages. */
export function page<T>(
  matches: T[],
  filter: ModelFilter,
  sort: (items: readonly T[], key: ModelSortKey, order: "asc" | "desc" | undefined) => T[],
): Page<T> {
  const sorted = filter.sort ? sort(matches, filter.sort, filter.order) : matches;
  if (!filter.sort && filter.order === "desc") sorted.reverse();
  const start = filter.offset ?? 0;
  const end = filter.limit === undefined ? undefined : start + filter.limit;
  return { items: sorted.slice(start, end), total: matches.length };
}
