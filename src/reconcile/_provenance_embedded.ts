/**
 * The provenance of the embedded catalog. It is loaded only when an update, `validate` or `models history` asks
 * for it (never to list models): its text module is imported on the first call and parsed once.
 *
 * @module
 */
import type { CatalogData } from "../catalog/types.gen.ts";
import { parseProvenanceText } from "./_provenance_read.ts";
import type { Provenance } from "./_provenance.ts";

let cached: Provenance | undefined;

/**
 * The embedded provenance when it describes `data` (the embedded catalog, stamped with the same time), else
 * `undefined`.
 */
export async function loadEmbeddedProvenance(
  data: Pick<CatalogData, "updatedAt">,
): Promise<Provenance | undefined> {
  const { PROVENANCE_TEXT } = await import("./_provenance_text.ts");
  const stamp = /"updatedAt":"([^"]+)"/.exec(PROVENANCE_TEXT.slice(0, 200))?.[1];
  if (stamp !== data.updatedAt) return undefined;
  cached ??= parseProvenanceText(PROVENANCE_TEXT);
  return cached;
}
