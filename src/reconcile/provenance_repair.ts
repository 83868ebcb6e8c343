/**
 * Repairing a provenance torn from its catalog: an older starmap renamed `catalog.json` and `provenance.json` one
 * after the other, and a crash in between left a new catalog beside the provenance of the update before.
 *
 * Keeping that provenance as it is would attribute the new catalog's values to sources that never gave them, and
 * models the interrupted update added would have no witness: of unknown origin, they are kept against models.dev
 * until each provider's API runs, possibly for good. Discarding it loses what is still true. The repair keeps
 * what still describes the catalog and marks the rest as of unknown origin that any complete source may overrule:
 * - a field keeps its entries when the recorded winner is the catalog's value; other fields have no entries (the
 *   catalog's value stands at the floor's priority until a source gives one);
 * - a model keeps its recorded witnesses; a model without any is witnessed by `baseline` as a partial listing
 *   ranked as the floor, so a source with the provider's complete list that does not list it removes it.
 *
 * @module
 */
import type { CatalogData } from "../catalog/types.gen.ts";
import { EXISTENCE_FIELD } from "./existence.ts";
import { flatten, sameValue } from "./fields.ts";
import type { Provenance, ProvenanceEntry } from "./provenance.ts";

const MODEL_KEYS = new Set(["id", "provider"]);

/** The provenance of `data` rebuilt from a provenance of an earlier update (see the module documentation). */
export function repairProvenance(data: CatalogData, torn: Provenance): Provenance {
  const models: Provenance["models"] = {};
  for (const m of data.models) {
    const key = `${m.provider}/${m.id}`;
    const before = torn.models[key];
    const fields: Record<string, ProvenanceEntry[]> = {};
    const existence = before?.[EXISTENCE_FIELD];
    if (existence?.length) fields[EXISTENCE_FIELD] = existence;
    // A document saved before existence was recorded names the witnesses through the sources of the fields kept.
    else if (!before) {
      fields[EXISTENCE_FIELD] = [
        { source: "baseline", kind: "embedded", value: "listed", priority: 0, at: data.updatedAt },
      ];
    }
    for (const [path, value] of flatten(m, MODEL_KEYS)) {
      const entries = before?.[path];
      if (entries?.length && sameValue(entries[0]!.value, value)) fields[path] = entries;
    }
    models[key] = fields;
  }
  return { version: 1, updatedAt: data.updatedAt, complete: torn.complete, models };
}
