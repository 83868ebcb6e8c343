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
import { EXISTENCE_FIELD } from "./_existence.ts";
import { flatten, sameValue } from "./_fields.ts";
import type { Provenance, ProvenanceEntry } from "./_provenance.ts";

const OFFERING_KEYS = new Set(["id", "provider", "model", "link"]);
const MODEL_KEYS = new Set(["id"]);

function keptFields(
  record: Record<string, unknown>,
  skip: ReadonlySet<string>,
  before: Record<string, ProvenanceEntry[]> | undefined,
): Record<string, ProvenanceEntry[]> {
  const fields: Record<string, ProvenanceEntry[]> = {};
  for (const [path, value] of flatten(record, skip)) {
    const entries = before?.[path];
    if (entries?.length && sameValue(entries[0]!.value, value)) fields[path] = entries;
  }
  return fields;
}

/** The provenance of `data` rebuilt from a provenance of an earlier update (see the module documentation). */
export function repairProvenance(data: CatalogData, torn: Provenance): Provenance {
  const offerings: Provenance["offerings"] = {};
  const links: Provenance["links"] = {};
  for (const o of data.offerings) {
    const key = `${o.provider}/${o.id}`;
    const before = torn.offerings[key];
    const fields = keptFields(o, OFFERING_KEYS, before);
    const existence = before?.[EXISTENCE_FIELD];
    if (existence?.length) fields[EXISTENCE_FIELD] = existence;
    // A document saved before existence was recorded names the witnesses through the sources of the fields kept.
    else if (!before) {
      fields[EXISTENCE_FIELD] = [
        { source: "baseline", kind: "embedded", value: "listed", priority: 0, at: data.updatedAt },
      ];
    }
    offerings[key] = fields;
    // A recorded link still describes the offering when it names the model the offering links to.
    const link = torn.links[key];
    if (link && link.model === o.model) links[key] = link;
  }
  const models: Provenance["models"] = {};
  for (const m of data.models) models[m.id] = keptFields(m, MODEL_KEYS, torn.models[m.id]);
  return { version: 1, updatedAt: data.updatedAt, complete: torn.complete, offerings, models, links };
}
