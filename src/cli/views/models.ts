/**
 * How models and offerings read in tables.
 *
 * @module
 */
import type { ModelListing } from "../../catalog/catalog.ts";
import type { Model, Offering } from "../../catalog/schema.ts";
import type { Column } from "../render/table.ts";
import { list, price, tokens } from "./values.ts";

/** The capability tags of a model or an offering (only what is known to be there). */
export function capabilityTags(m: Pick<Model, "capabilities" | "modalities" | "openWeights">): string {
  const tags: string[] = [];
  if (m.capabilities.toolCalls) tags.push("tools");
  if (m.capabilities.reasoning) tags.push("reasoning");
  if (m.modalities.input.includes("image")) tags.push("vision");
  if (m.capabilities.structuredOutput) tags.push("json");
  if (m.openWeights) tags.push("open");
  return list(tags);
}

/** The columns of `models list`: one row per model. */
export const modelColumns: readonly Column<ModelListing>[] = [
  { header: "ID", get: (l) => l.model.id, flex: true },
  { header: "NAME", get: (l) => l.model.name, flex: true },
  { header: "AUTHOR", get: (l) => list(l.model.authors), wide: true },
  { header: "PROVIDERS", get: (l) => String(l.providers), right: true },
  { header: "CONTEXT", get: (l) => tokens(l.context), right: true },
  { header: "INPUT $/1M", get: (l) => price(l.input), right: true },
  { header: "OUTPUT $/1M", get: (l) => price(l.output), right: true },
  { header: "CAPABILITIES", get: (l) => capabilityTags(l.model), wide: true },
  { header: "INPUT", get: (l) => list(l.model.modalities.input), wide: true },
  { header: "BASE", get: (l) => l.model.base ?? "-", wide: true },
  { header: "RELEASED", get: (l) => l.model.releaseDate ?? "-", wide: true },
];

/** The life cycle of an offering in a few words: `deprecated 2026-01-05 → gpt-5`. */
export function lifecycleText(o: Offering): string {
  const l = o.lifecycle;
  if (!l) return "active";
  const date = l.retirementDate ? `retires ${l.retirementDate}` : l.deprecationDate;
  return [l.status ?? "active", date, l.replacement ? `→ ${l.replacement}` : undefined].filter(Boolean).join(
    " ",
  );
}

/** The columns of an offering list (`models list --offerings`, `-p provider`, and `models show`). */
export const offeringColumns: readonly Column<Offering>[] = [
  { header: "PROVIDER", get: (m) => m.provider },
  { header: "ID", get: (m) => m.id, flex: true },
  { header: "MODEL", get: (m) => m.model, flex: true, wide: true },
  { header: "NAME", get: (m) => m.name, flex: true },
  { header: "CONTEXT", get: (m) => tokens(m.limits.context), right: true },
  { header: "OUTPUT", get: (m) => tokens(m.limits.output), right: true, wide: true },
  { header: "INPUT $/1M", get: (m) => price(m.pricing?.input), right: true },
  { header: "OUTPUT $/1M", get: (m) => price(m.pricing?.output), right: true },
  { header: "CACHE READ $/1M", get: (m) => price(m.pricing?.cacheRead), right: true, wide: true },
  { header: "BATCH IN $/1M", get: (m) => price(m.pricing?.batch?.input), right: true, wide: true },
  { header: "CAPABILITIES", get: capabilityTags, wide: true },
  { header: "LIFECYCLE", get: lifecycleText, wide: true },
  { header: "REGIONS", get: (m) => list(m.regions), wide: true },
  { header: "LINK", get: (m) => `${m.link.method} ${m.link.confidence}`, wide: true },
  { header: "RELEASED", get: (m) => m.releaseDate ?? "-", wide: true },
];
