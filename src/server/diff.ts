/**
 * Offering-level differences between two catalog snapshots (`provider/id`), for change events.
 *
 * @module
 */
import { type Catalog, modelKey } from "../catalog/catalog.ts";
import type { Offering as Model } from "../catalog/schema.ts";

/** One model that was added, updated or removed between two snapshots. */
export interface ModelChange {
  /** What happened to the model. */
  type: "added" | "updated" | "removed";
  /** `provider/id`. */
  key: string;
  /** The provider id. */
  provider: string;
  /** The model id. */
  id: string;
  /** For updates: the top-level fields whose value changed. */
  fields?: string[];
}

function changedFields(a: Model, b: Model): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const fields: string[] = [];
  for (const k of keys) {
    const x = (a as Record<string, unknown>)[k];
    const y = (b as Record<string, unknown>)[k];
    if (x !== y && JSON.stringify(x) !== JSON.stringify(y)) fields.push(k);
  }
  return fields.sort();
}

/** The models added, updated and removed from `before` to `after`, in key order. */
export function diffCatalogs(before: Catalog | undefined, after: Catalog): ModelChange[] {
  const changes: ModelChange[] = [];
  const ref = (m: Model) => ({ key: modelKey(m), provider: m.provider, id: m.id });
  for (const m of after.allOfferings) {
    const old = before?.offering(modelKey(m));
    if (!old) changes.push({ type: "added", ...ref(m) });
    else if (old !== m) {
      const fields = changedFields(old, m);
      if (fields.length) changes.push({ type: "updated", ...ref(m), fields });
    }
  }
  for (const m of before?.allOfferings ?? []) {
    if (!after.offering(modelKey(m))) changes.push({ type: "removed", ...ref(m) });
  }
  return changes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
