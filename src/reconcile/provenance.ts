/**
 * Provenance: where every field of every model came from. Stored beside the catalog as `provenance.json`.
 *
 * @module
 */
import { z } from "zod";
import type * as Types from "./types.gen.ts";

/** The file name of the provenance document in a catalog directory. */
export const PROVENANCE_FILE = "provenance.json";

/** One source's value for one field: the winner comes first in its list. */
export const ProvenanceEntry = z.strictObject({
  /** The source id (`models.dev`, `openai`, `local`, `derived`, `baseline`). */
  source: z.string(),
  /** The source kind. */
  kind: z.string(),
  /** The value the source gave. */
  value: z.json(),
  /** The source's priority for this field (higher wins). */
  priority: z.number(),
  /** When the source was fetched (ISO 8601). */
  at: z.string(),
});
/** One source's value for one field. */
export type ProvenanceEntry = Types.ProvenanceEntry;

/** The provenance document: `provider/model` → field path → entries, best first. */
export const Provenance = z.strictObject({
  version: z.literal(1),
  /** When the catalog this describes was made. */
  updatedAt: z.string(),
  /** Provider id → the sources that listed its complete model list at the last sync. */
  complete: z.record(z.string(), z.array(z.string())),
  /** `provider/model` → field path → entries, the winning value first. */
  models: z.record(z.string(), z.record(z.string(), z.array(ProvenanceEntry))),
});
/** The provenance document. */
export type Provenance = Types.Provenance;

/** An empty provenance document. */
export function emptyProvenance(updatedAt: string): Types.Provenance {
  return { version: 1, updatedAt, complete: {}, models: {} };
}
