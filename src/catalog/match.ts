/**
 * Matching and sorting models by a filter: plain functions without the zod schemas, so that the catalog snapshot
 * can query without loading them.
 *
 * @module
 */
import type { Capability, Model, ModelFilter, ModelSortKey } from "./types.gen.ts";

const has: Record<Capability, (m: Model) => boolean> = {
  tools: (m) => m.capabilities.toolCalls,
  reasoning: (m) => m.capabilities.reasoning,
  vision: (m) => m.modalities.input.includes("image"),
  structured_output: (m) => m.capabilities.structuredOutput === true,
  open_weights: (m) => m.openWeights === true,
  attachments: (m) => m.capabilities.attachments,
};

/** The lowercase text a search term is matched against. */
export function searchText(m: Model): string {
  return [m.id, m.name, m.family ?? "", ...(m.aliases ?? [])].join("\n").toLowerCase();
}

/** Builds a predicate from the conditions of a filter (sort, offset and limit are not conditions). */
export function modelPredicate(filter: ModelFilter): (m: Model) => boolean {
  const terms = (filter.search ?? []).map((t) => t.toLowerCase()).filter((t) => t.length > 0);
  const authors = filter.author?.map((a) => a.toLowerCase());
  const checks: ((m: Model) => boolean)[] = [];
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
  const { minContext, maxInputPrice, maxOutputPrice, status, openWeights, releasedAfter, releasedBefore } =
    filter;
  if (minContext !== undefined) checks.push((m) => (m.limits.context ?? 0) >= minContext);
  if (maxInputPrice !== undefined) {
    checks.push((m) => m.pricing?.input !== undefined && m.pricing.input <= maxInputPrice);
  }
  if (maxOutputPrice !== undefined) {
    checks.push((m) => m.pricing?.output !== undefined && m.pricing.output <= maxOutputPrice);
  }
  if (status?.length) checks.push((m) => status.includes(m.status ?? "active"));
  if (openWeights !== undefined) checks.push((m) => (m.openWeights === true) === openWeights);
  if (releasedAfter) checks.push((m) => m.releaseDate !== undefined && m.releaseDate >= releasedAfter);
  if (releasedBefore) checks.push((m) => m.releaseDate !== undefined && m.releaseDate <= releasedBefore);
  return (m) => checks.every((check) => check(m));
}

type SortValue = string | number | undefined;
const sortValue: Record<ModelSortKey, (m: Model) => SortValue> = {
  id: (m) => m.id,
  name: (m) => m.name.toLowerCase(),
  provider: (m) => `${m.provider}/${m.id}`,
  context: (m) => m.limits.context,
  output: (m) => m.limits.output,
  input_price: (m) => m.pricing?.input,
  output_price: (m) => m.pricing?.output,
  release_date: (m) => m.releaseDate,
};

/** Sorts models by a key; models without a value for the key go last in either order. Ties break by `provider/id`. */
export function sortModels(
  models: readonly Model[],
  key: ModelSortKey,
  order: "asc" | "desc" = "asc",
): Model[] {
  const get = sortValue[key];
  const dir = order === "asc" ? 1 : -1;
  const tie = (a: Model, b: Model) => a.provider.localeCompare(b.provider) || a.id.localeCompare(b.id);
  return [...models].sort((a, b) => {
    const x = get(a);
    const y = get(b);
    if (x === undefined || y === undefined) return x === y ? tie(a, b) : x === undefined ? 1 : -1;
    if (x < y) return -dir;
    if (x > y) return dir;
    return tie(a, b);
  });
}
