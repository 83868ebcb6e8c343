/**
 * Model filters shared by the CLI, the library and the server: one zod schema, one matcher, one sorter.
 *
 * @module
 */
import { z } from "zod";
import { CatalogDate, Modality, type Model, ModelStatus } from "./schema.ts";

/** The keys a model list can be sorted by. */
export const ModelSortKey = z.enum([
  "id",
  "name",
  "provider",
  "context",
  "output",
  "input_price",
  "output_price",
  "release_date",
]);
/** The keys a model list can be sorted by. */
export type ModelSortKey = z.infer<typeof ModelSortKey>;

/** Capability flags that a model filter can require. */
export const Capability = z.enum([
  "tools",
  "reasoning",
  "vision",
  "structured_output",
  "open_weights",
  "attachments",
]);
/** Capability flags that a model filter can require. */
export type Capability = z.infer<typeof Capability>;

/** A query over the models of a catalog. Every given condition must hold. */
export const ModelFilter = z.strictObject({
  /** Provider ids (or aliases); a model matches if it is served by any of them. */
  provider: z.array(z.string()).optional(),
  /** Author ids; a model matches if any of its authors is one of them. */
  author: z.array(z.string()).optional(),
  /** Case-insensitive terms over id, name, family and aliases; every term must match. */
  search: z.array(z.string()).optional(),
  /** Capabilities that must all be present. */
  capabilities: z.array(Capability).optional(),
  /** Input modalities that must all be accepted. */
  input: z.array(Modality).optional(),
  /** Output modalities that must all be produced. */
  output: z.array(Modality).optional(),
  /** Minimum context window in tokens. */
  minContext: z.number().int().nonnegative().optional(),
  /** Maximum input price in USD per 1M tokens; models without a price do not match. */
  maxInputPrice: z.number().nonnegative().optional(),
  /** Maximum output price in USD per 1M tokens; models without a price do not match. */
  maxOutputPrice: z.number().nonnegative().optional(),
  /** Life-cycle states; a model without a status counts as `active`. */
  status: z.array(ModelStatus).optional(),
  /** Only models with (true) or without (false) open weights. */
  openWeights: z.boolean().optional(),
  /** Released on or after this date. */
  releasedAfter: CatalogDate.optional(),
  /** Released on or before this date. */
  releasedBefore: CatalogDate.optional(),
  /** Sort key. @default "provider" */
  sort: ModelSortKey.optional(),
  /** Sort order. @default "asc" */
  order: z.enum(["asc", "desc"]).optional(),
  /** Skip this many results. @default 0 */
  offset: z.number().int().nonnegative().optional(),
  /** Return at most this many results. */
  limit: z.number().int().positive().optional(),
});
/** A query over the models of a catalog. Every given condition must hold. */
export type ModelFilter = z.infer<typeof ModelFilter>;

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
