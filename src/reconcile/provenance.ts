/**
 * Provenance: where every field of every offering and every model came from, and how each offering was linked to
 * its model. Stored beside the catalog as `provenance.json`.
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

const Fields = z.record(z.string(), z.record(z.string(), z.array(ProvenanceEntry)));

/** Where the link of one offering to its model came from. */
export const LinkEntry = z.strictObject({
  /** The model linked to (`author/slug`). */
  model: z.string(),
  /** How the link was made (`override`, `explicit`, `spelling`, `agreement`, `new`). */
  method: z.string(),
  /** How sure the link is, from 0 to 1. */
  confidence: z.number(),
  /** What made it: the hint, the spelling rules or the agreeing fields. */
  evidence: z.string(),
  /** The source that stated an explicit link or an override. */
  source: z.string().optional(),
  /** When the link was made (ISO 8601). */
  at: z.string(),
});
/** Where the link of one offering to its model came from. */
export type LinkEntry = Types.LinkEntry;

/** The provenance document: offerings and models → field path → entries, best first; and each offering's link. */
export const Provenance = z.strictObject({
  version: z.literal(1),
  /** When the catalog this describes was made. */
  updatedAt: z.string(),
  /** Provider id → the sources that listed its complete model list at the last sync. */
  complete: z.record(z.string(), z.array(z.string())),
  /** `provider/id` of an offering → field path → entries, the winning value first. */
  offerings: Fields,
  /** `author/slug` of a model → field path → entries, the winning value first. */
  models: Fields,
  /** `provider/id` of an offering → how it was linked to its model. */
  links: z.record(z.string(), LinkEntry),
});
/** The provenance document. */
export type Provenance = Types.Provenance;

/** An empty provenance document. */
export function emptyProvenance(updatedAt: string): Types.Provenance {
  return { version: 1, updatedAt, complete: {}, offerings: {}, models: {}, links: {} };
}
