/**
 * How models and offerings read in lists: one column spec per column (machine name, header, raw value).
 *
 * @module
 */
import type { ModelListing } from "../../catalog/mod.ts";
import type { Model, Offering } from "../../catalog/types.gen.ts";
import type { Column, View } from "../render/mod.ts";
import { list, price, tokens } from "./_values.ts";

type Tagged = Pick<Model, "capabilities" | "modalities" | "openWeights">;

/** The capability tags of a model or an offering (only what is known to be there). */
export function capabilityList(m: Tagged): string[] {
  const tags: string[] = [];
  if (m.capabilities.toolCalls) tags.push("tools");
  if (m.capabilities.reasoning) tags.push("reasoning");
  if (m.modalities.input.includes("image")) tags.push("vision");
  if (m.capabilities.structuredOutput) tags.push("json");
  if (m.openWeights) tags.push("open");
  return tags;
}

/** The capability tags of a model or an offering as text (`tools,reasoning`, `-` for none). */
export function capabilityTags(m: Tagged): string {
  return list(capabilityList(m));
}

function numberColumn<T>(
  name: string,
  header: string,
  get: (row: T) => number | undefined,
  show: (n: number | undefined) => string,
  extra: Partial<Column<T>> = {},
): Column<T> {
  const type = show === tokens ? "integer" : "number";
  return { name, header, value: get, format: (row) => show(get(row)), right: true, type, ...extra };
}

/** The list view of `models list`: one row per model, with what its offerings add up to. */
export const modelView: View<ModelListing> = {
  noun: "models",
  key: (l) => l.model.id,
  columns: [
    { name: "id", header: "ID", value: (l) => l.model.id, id: true },
    { name: "name", header: "NAME", value: (l) => l.model.name, priority: 4 },
    { name: "authors", header: "AUTHOR", value: (l) => l.model.authors, wide: true, type: "array" },
    {
      name: "providers",
      header: "PROVIDERS",
      value: (l) => l.providers,
      right: true,
      priority: 3,
      type: "integer",
    },
    numberColumn("context_tokens", "CONTEXT", (l) => l.context, tokens, { priority: 3 }),
    numberColumn("input_usd_per_1m", "INPUT $/1M", (l) => l.input, price, { priority: 2 }),
    numberColumn("output_usd_per_1m", "OUTPUT $/1M", (l) => l.output, price, { priority: 2 }),
    {
      name: "capabilities",
      header: "CAPABILITIES",
      value: (l) => capabilityList(l.model),
      wide: true,
      type: "array",
    },
    {
      name: "input_modalities",
      header: "INPUT",
      value: (l) => l.model.modalities.input,
      wide: true,
      type: "array",
    },
    { name: "base", header: "BASE", value: (l) => l.model.base, wide: true },
    { name: "release_date", header: "RELEASED", value: (l) => l.model.releaseDate, wide: true },
  ],
};

/** The life cycle of an offering in a few words: `deprecated 2026-01-05 → gpt-5`. */
export function lifecycleText(o: Offering): string {
  const l = o.lifecycle;
  if (!l) return "active";
  const date = l.retirementDate ? `retires ${l.retirementDate}` : l.deprecationDate;
  return [l.status ?? "active", date, l.replacement ? `→ ${l.replacement}` : undefined].filter(Boolean).join(
    " ",
  );
}

/** The list view of offerings (`models list --offerings`, `-p provider`, `models show` and `providers show`). */
export const offeringView: View<Offering> = {
  noun: "offerings",
  key: (m) => `${m.provider}/${m.id}`,
  columns: [
    { name: "provider", header: "PROVIDER", value: (m) => m.provider, id: true },
    { name: "id", header: "ID", value: (m) => m.id, id: true },
    { name: "model", header: "MODEL", value: (m) => m.model, wide: true },
    { name: "name", header: "NAME", value: (m) => m.name, priority: 4 },
    { name: "authors", header: "AUTHOR", value: (m) => m.authors, wide: true, type: "array" },
    numberColumn("context_tokens", "CONTEXT", (m: Offering) => m.limits.context, tokens, { priority: 3 }),
    numberColumn("output_tokens", "OUTPUT", (m: Offering) => m.limits.output, tokens, { wide: true }),
    numberColumn("input_usd_per_1m", "INPUT $/1M", (m: Offering) => m.pricing?.input, price, { priority: 2 }),
    numberColumn("output_usd_per_1m", "OUTPUT $/1M", (m: Offering) => m.pricing?.output, price, {
      priority: 2,
    }),
    numberColumn("cache_read_usd_per_1m", "CACHE READ $/1M", (m: Offering) => m.pricing?.cacheRead, price, {
      wide: true,
    }),
    numberColumn("batch_input_usd_per_1m", "BATCH IN $/1M", (m: Offering) => m.pricing?.batch?.input, price, {
      wide: true,
    }),
    { name: "capabilities", header: "CAPABILITIES", value: capabilityList, wide: true, type: "array" },
    { name: "status", header: "STATUS", value: (m) => m.lifecycle?.status ?? "active", wide: true },
    { name: "lifecycle", header: "LIFECYCLE", value: lifecycleText, wide: true },
    { name: "regions", header: "REGIONS", value: (m) => m.regions, wide: true, type: "array" },
    { name: "link", header: "LINK", value: (m) => `${m.link.method} ${m.link.confidence}`, wide: true },
    { name: "release_date", header: "RELEASED", value: (m) => m.releaseDate, wide: true },
  ],
};

/**
 * The offerings of one model (`models show <model>`): the list view with each offering's life cycle and regions
 * shown by default, since where and until when a model is served is what that table is read for.
 */
export const modelOfferingsView: View<Offering> = {
  ...offeringView,
  columns: offeringView.columns.map((c) =>
    c.name === "lifecycle" || c.name === "regions" ? { ...c, wide: false, priority: 6 } : c
  ),
};
