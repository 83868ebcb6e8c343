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

/**
 * Provenance entries made once and shared: most entries repeat (`true` from one source at one priority, a
 * `["text"]` modality list), and an update holds two provenance documents of 100,000+ entries each. Entries are
 * never mutated, so equal entries of scalar values (and of short lists of strings) are one object.
 */
export class EntryPool {
  readonly #shared = new Map<string, ProvenanceEntry>();

  /** The entry for these fields: a shared one when its value is a scalar or a short list of strings. */
  entry(source: string, kind: string, at: string, priority: number, value: unknown): ProvenanceEntry {
    const v = value as ProvenanceEntry["value"];
    let text: string;
    if (value === null || typeof value !== "object") text = `${typeof value}:${value}`;
    else if (Array.isArray(value) && value.length <= 4 && value.every((x) => typeof x === "string")) {
      text = `list:${value.join("\u0000")}`;
    } else return { source, kind, value: v, priority, at };
    const key = `${source}\u0000${kind}\u0000${at}\u0000${priority}\u0000${text}`;
    let entry = this.#shared.get(key);
    if (!entry) {
      entry = { source, kind, value: v, priority, at };
      this.#shared.set(key, entry);
    }
    return entry;
  }
}
