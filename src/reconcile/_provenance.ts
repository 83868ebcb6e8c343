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
 * One record's fields as the provenance document holds them: `lead` first when given, then the paths of `fields`
 * in sorted order. Built in one go rather than by keyed stores: an object given more than a dozen computed keys one
 * by one becomes a dictionary of about 1.6 KB, while this keeps a fast object of about 250 bytes, and a provenance
 * document holds one such record per offering and per model (and over 100,000 lists).
 */
export function fieldRecord(
  fields: ReadonlyMap<string, ProvenanceEntry[]>,
  pool: EntryPool,
  lead?: readonly [string, ProvenanceEntry[]],
): Record<string, ProvenanceEntry[]> {
  const pairs: [string, ProvenanceEntry[]][] = lead ? [[lead[0], tight(lead[1], pool)]] : [];
  for (const path of [...fields.keys()].sort()) pairs.push([path, tight(fields.get(path)!, pool)]);
  return Object.fromEntries(pairs);
}

/**
 * A list as the document keeps it: the shared one of a single entry, else a copy of its exact length (a list
 * grown by `push` from one element keeps room for 17, about 150 bytes, for its two or three entries).
 */
function tight(list: ProvenanceEntry[], pool: EntryPool): ProvenanceEntry[] {
  return list.length === 1 ? pool.list(list) : list.slice();
}

/** The shared entries of one source run at one priority: scalars by value, short string lists by length and text. */
interface Bucket {
  scalars: Map<unknown, ProvenanceEntry>;
  lists: Map<number, Map<string, ProvenanceEntry>>;
}

/**
 * Provenance entries made once and shared: most entries repeat (`true` from one source at one priority, a
 * `["text"]` modality list), and an update holds two provenance documents of 100,000+ entries each. Entries are
 * never mutated, so equal entries of scalar values (and of short lists of strings) are one object.
 *
 * The pool is looked up once per field of every record: it is keyed by nested maps (source, kind, fetch time,
 * priority, then the value itself), so a lookup allocates nothing; a key string per lookup was most of the garbage
 * of a reconcile and of reading a provenance file. Most fields have one entry: their one-entry lists are shared
 * too (frozen, as a list in a provenance document is never changed).
 */
export class EntryPool {
  readonly #runs = new Map<string, Map<string, Map<string, Map<number, Bucket>>>>();
  readonly #singles = new Map<ProvenanceEntry, ProvenanceEntry[]>();
  #last: { source: string; kind: string; at: string; priorities: Map<number, Bucket> } | undefined;

  /** The entry for these fields: a shared one when its value is a scalar or a short list of strings. */
  entry(source: string, kind: string, at: string, priority: number, value: unknown): ProvenanceEntry {
    const v = value as ProvenanceEntry["value"];
    // A short list of strings is keyed by its text among the lists of its length.
    let text: string | undefined;
    if (value !== null && typeof value === "object") {
      if (!Array.isArray(value) || value.length > 4 || !value.every((x) => typeof x === "string")) {
        return { source, kind, value: v, priority, at };
      }
      text = value.length === 1 ? value[0] as string : value.join("\u0000");
    }
    const bucket = this.#bucket(source, kind, at, priority);
    let shared: Map<unknown, ProvenanceEntry> = bucket.scalars;
    if (text !== undefined) {
      const n = (value as unknown[]).length;
      shared = bucket.lists.get(n) ?? bucket.lists.set(n, new Map()).get(n)!;
    }
    const key = text ?? value;
    let entry = shared.get(key);
    if (!entry) {
      entry = { source, kind, value: v, priority, at };
      shared.set(key, entry);
    }
    return entry;
  }

  /** `list` itself, or the one shared frozen list of its only entry. */
  list(list: ProvenanceEntry[]): ProvenanceEntry[] {
    if (list.length !== 1) return list;
    const entry = list[0]!;
    let single = this.#singles.get(entry);
    if (!single) {
      single = Object.freeze(list) as ProvenanceEntry[];
      this.#singles.set(entry, single);
    }
    return single;
  }

  #bucket(source: string, kind: string, at: string, priority: number): Bucket {
    const last = this.#last;
    let priorities: Map<number, Bucket>;
    // Most lookups in a row are of the same source run: check it before walking the maps.
    if (last && last.source === source && last.kind === kind && last.at === at) priorities = last.priorities;
    else {
      const kinds = this.#runs.get(source) ?? this.#runs.set(source, new Map()).get(source)!;
      const times = kinds.get(kind) ?? kinds.set(kind, new Map()).get(kind)!;
      priorities = times.get(at) ?? times.set(at, new Map()).get(at)!;
      this.#last = { source, kind, at, priorities };
    }
    let bucket = priorities.get(priority);
    if (!bucket) {
      bucket = { scalars: new Map(), lists: new Map() };
      priorities.set(priority, bucket);
    }
    return bucket;
  }
}
