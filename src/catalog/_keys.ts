/**
 * The keys and small helpers the catalog snapshot indexes by: an offering's key, a snapshot's date suffix, and
 * what a reference resolves to.
 *
 * @module
 */
import type { Model, Offering } from "./types.gen.ts";

/** What a reference resolves to: a model, and the offering when the reference named one. */
export interface Resolved {
  /** The model. */
  readonly model: Model;
  /** The offering the reference named (`provider/id`, or a provider's own id), if it named one. */
  readonly offering?: Offering | undefined;
}

/** What a date-pinned snapshot adds to its base model's id: `-20250929`, `-2024-08-06`, `-0528`. */
export const SNAPSHOT = /^-(\d{4}-?\d{2}-?\d{2}|\d{4})$/;

/** The key of an offering in the catalog: `provider/id`. */
export function offeringKey(o: Pick<Offering, "provider" | "id">): string {
  return `${o.provider}/${o.id}`;
}

/** The key of an offering in the catalog: `provider/id` (the name the catalog's rows had before models). */
export const modelKey: (o: Pick<Offering, "provider" | "id">) => string = offeringKey;

/** Groups values under each key they give. */
export function groupBy<V>(
  values: readonly V[],
  keys: (v: V) => readonly string[] | string,
): Map<string, V[]> {
  const map = new Map<string, V[]>();
  for (const v of values) {
    const k = keys(v);
    for (const key of typeof k === "string" ? [k] : k) {
      const list = map.get(key);
      if (list) list.push(v);
      else map.set(key, [v]);
    }
  }
  return map;
}
