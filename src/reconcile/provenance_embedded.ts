/**
 * The provenance of the embedded catalog, built with it by `catalog:build`. It is loaded only when an update or
 * `models history` needs it (never to list models): it is imported as text, and parsed on first use.
 *
 * @module
 */
import text from "../../catalog/provenance.json" with { type: "text" };
import type { CatalogData } from "../catalog/types.gen.ts";
import { readProvenance } from "./provenance_file.ts";
import type { Provenance } from "./provenance.ts";

let cached: Provenance | undefined;

/** The time stamp of the embedded provenance, read without parsing the document. */
function stamp(): string | undefined {
  return /"updatedAt":"([^"]+)"/.exec(text.slice(0, 200))?.[1];
}

/**
 * The embedded provenance when it describes `data` (the embedded catalog, stamped with the same time), else
 * `undefined`.
 */
export function embeddedProvenance(data: Pick<CatalogData, "updatedAt">): Provenance | undefined {
  if (stamp() !== data.updatedAt) return undefined;
  cached ??= readProvenance(JSON.parse(text));
  return cached;
}
