/**
 * Matching and sorting by a filter: plain functions without the zod schemas, so that the catalog snapshot can
 * query without loading them. A filter has model-level conditions (search, authors, capabilities, modalities,
 * context, open weights, release dates), which a model and each of its offerings answer from their own fields,
 * and offering-level conditions (provider, prices, life cycle, request parameters, operations, regions), which
 * only offerings answer.
 *
 * @module
 */
import type { Capability, Model, ModelFilter, ModelSortKey, Offering } from "./types.gen.ts";

/** The fields a model and an offering share, which model-level conditions read. */
export type Described = Pick<
  Model,
  | "id"
  | "name"
  | "family"
  | "aliases"
  | "authors"
  | "capabilities"
  | "modalities"
  | "limits"
  | "openWeights"
  | "releaseDate"
>;

const has: Record<Capability, (m: Described) => boolean> = {
  tools: (m) => m.capabilities.toolCalls === true,
  reasoning: (m) => m.capabilities.reasoning === true,
  vision: (m) => m.modalities.input.includes("image"),
  structured_output: (m) => m.capabilities.structuredOutput === true,
  open_weights: (m) => m.openWeights === true,
  attachments: (m) => m.capabilities.attachments === true,
};

/**
 * A bound from above in the form dates compare in: a month (`2025-05`) takes the whole month. Dates compare as
 * text, so `2025-05-31` is above every day of May (and above a date known only to the month, `2025-05`).
 */
function lastDay(bound: string): string {
  return bound.length === 7 ? `${bound}-31` : bound;
}

/** The lowercase text a search term is matched against. */
export function searchText(m: Described & { provider?: string; model?: string }): string {
  return [m.id, m.name, m.family ?? "", m.model ?? "", ...(m.aliases ?? [])].join("\n").toLowerCase();
}

/** Builds a predicate from the model-level conditions of a filter. */
export function describedPredicate(filter: ModelFilter): (m: Described) => boolean {
  const terms = (filter.search ?? []).map((t) => t.toLowerCase()).filter((t) => t.length > 0);
  const authors = filter.author?.map((a) => a.toLowerCase());
  const checks: ((m: Described) => boolean)[] = [];
  if (terms.length) {
    checks.push((m) => {
      const text = searchText(m);
      return terms.every((t) => text.includes(t));
    });
  }
  if (authors?.length) checks.push((m) => m.authors.some((a) => authors.includes(a)));
  for (const c of filter.capabilities ?? []) checks.push(has[c]);
  for (const i of filter.input ?? []) checks.push((m) => m.modalities.input.includes(i));
  for (const o of filter.output ?? []) checks.push((m) => m.modalities.output.includes(o));
  const { minContext, openWeights, releasedAfter, releasedBefore } = filter;
  if (minContext !== undefined) checks.push((m) => (m.limits.context ?? 0) >= minContext);
  if (openWeights !== undefined) checks.push((m) => (m.openWeights === true) === openWeights);
  if (releasedAfter) checks.push((m) => m.releaseDate !== undefined && m.releaseDate >= releasedAfter);
  if (releasedBefore) {
    const last = lastDay(releasedBefore);
    checks.push((m) => m.releaseDate !== undefined && m.releaseDate <= last);
  }
  return (m) => checks.every((check) => check(m));
}

/** The date an offering leaves service: its retirement date, else its deprecation date. */
export function leavingDate(o: Offering): string | undefined {
  return o.lifecycle?.retirementDate ?? o.lifecycle?.deprecationDate;
}

/**
 * Builds a predicate from the offering-level conditions of a filter, or `undefined` when it has none (the
 * provider condition is applied by the caller through its index).
 */
export function offeringConditions(filter: ModelFilter): ((o: Offering) => boolean) | undefined {
  const checks: ((o: Offering) => boolean)[] = [];
  const { maxInputPrice, maxOutputPrice, status, retiringBefore } = filter;
  if (maxInputPrice !== undefined) {
    checks.push((o) => o.pricing?.input !== undefined && o.pricing.input <= maxInputPrice);
  }
  if (maxOutputPrice !== undefined) {
    checks.push((o) => o.pricing?.output !== undefined && o.pricing.output <= maxOutputPrice);
  }
  if (status?.length) checks.push((o) => status.includes(o.lifecycle?.status ?? "active"));
  for (const p of filter.param ?? []) checks.push((o) => o.params?.includes(p) === true);
  for (const op of filter.operation ?? []) checks.push((o) => o.operations?.includes(op) === true);
  const regions = filter.region?.map((r) => r.toLowerCase());
  if (regions?.length) checks.push((o) => o.regions?.some((r) => regions.includes(r.toLowerCase())) === true);
  if (retiringBefore) {
    const last = lastDay(retiringBefore);
    checks.push((o) => {
      const date = leavingDate(o);
      return date !== undefined && date <= last;
    });
  }
  return checks.length ? (o) => checks.every((check) => check(o)) : undefined;
}

/** Builds a predicate over offerings from every condition of a filter but the provider. */
export function modelPredicate(filter: ModelFilter): (o: Offering) => boolean {
  const described = describedPredicate(filter);
  const offering = offeringConditions(filter);
  return offering ? (o) => described(o) && offering(o) : described;
}

/** The cheapest-first order of offerings: by input price, then output price, unknown prices last, then key. */
export function cheapestFirst(a: Offering, b: Offering): number {
  const byPrice = (x: number | undefined, y: number | undefined) =>
    x === y ? 0 : x === undefined ? 1 : y === undefined ? -1 : x - y;
  return byPrice(a.pricing?.input, b.pricing?.input) || byPrice(a.pricing?.output, b.pricing?.output) ||
    a.provider.localeCompare(b.provider) || a.id.localeCompare(b.id);
}

type SortValue = string | number | undefined;
const sortValue: Record<ModelSortKey, (m: Offering) => SortValue> = {
  id: (m) => m.id,
  name: (m) => m.name.toLowerCase(),
  provider: (m) => `${m.provider}/${m.id}`,
  context: (m) => m.limits.context,
  output: (m) => m.limits.output,
  input_price: (m) => m.pricing?.input,
  output_price: (m) => m.pricing?.output,
  release_date: (m) => m.releaseDate,
};

/** Sorts by a value; items without one go last in either order; ties keep the given tie-break. */
export function sortBy<T>(
  items: readonly T[],
  get: (item: T) => SortValue,
  tie: (a: T, b: T) => number,
  order: "asc" | "desc" = "asc",
): T[] {
  const dir = order === "asc" ? 1 : -1;
  return [...items].sort((a, b) => {
    const x = get(a);
    const y = get(b);
    if (x === undefined || y === undefined) return x === y ? tie(a, b) : x === undefined ? 1 : -1;
    if (x < y) return -dir;
    if (x > y) return dir;
    return tie(a, b);
  });
}

/** Sorts offerings by a key; offerings without a value for the key go last in either order. Ties by `provider/id`. */
export function sortModels(
  models: readonly Offering[],
  key: ModelSortKey,
  order: "asc" | "desc" = "asc",
): Offering[] {
  const tie = (a: Offering, b: Offering) => a.provider.localeCompare(b.provider) || a.id.localeCompare(b.id);
  return sortBy(models, sortValue[key], tie, order);
}
