/**
 * The on-disk form of the provenance document (`provenance.json`, version 3: offerings, models and links). Each source run (id, kind, fetch
 * time) is written once, in the `sources` table; each field's entries, best first, are tuples
 * `[source index, priority, value]`, and an entry whose value equals the entry before it is `[source index,
 * priority]`, so an agreed value is stored once. Nothing is lost: {@link decodeProvenance} gives back the
 * {@link Provenance} document with every entry of every field, which `starmap models history` shows. Version 1
 * files (one object per entry) and version 2 files (rows under `models`, before models and offerings were two levels)
 * are still read: their rows become offerings.
 *
 * @module
 */
import { z } from "zod";
import { StarmapError } from "../errors.ts";
import { sameValue } from "./_fields.ts";
import { EntryPool, LinkEntry, Provenance, type ProvenanceEntry } from "./_provenance.ts";

const SourceIndex = z.number().int().nonnegative();

/** One entry on disk: `[source index, priority, value]`, or `[source index, priority]` for the previous value. */
export const ProvenanceFileEntry = z.union([
  z.tuple([SourceIndex, z.number(), z.json()]),
  z.tuple([SourceIndex, z.number()]),
]);
/** One entry on disk. */
export type ProvenanceFileEntry = z.infer<typeof ProvenanceFileEntry>;

const FileFields = z.record(z.string(), z.record(z.string(), z.array(ProvenanceFileEntry).min(1)));

/** The provenance document as `provenance.json` holds it (version 3; version 2 had only `models`, the rows). */
export const ProvenanceFile = z.strictObject({
  version: z.union([z.literal(2), z.literal(3)]),
  /** When the catalog this describes was made. */
  updatedAt: z.string(),
  /** Provider id → the sources that listed its complete model list at the last sync. */
  complete: z.record(z.string(), z.array(z.string())),
  /** The source runs the entries point at: `[id, kind, fetched at]`. */
  sources: z.array(z.tuple([z.string(), z.string(), z.string()])),
  /** `provider/id` → field path → entries, the winning value first (version 3). */
  offerings: FileFields.optional(),
  /** `author/slug` → field path → entries (version 3); `provider/id` rows in version 2. */
  models: FileFields,
  /** `provider/id` → how the offering was linked to its model. */
  links: z.record(z.string(), LinkEntry).optional(),
}).superRefine((doc, ctx) => {
  const sections = [["offerings", doc.offerings ?? {}], ["models", doc.models]] as const;
  for (
    const [section, key, fields] of sections.flatMap(([n, r]) =>
      Object.entries(r).map(([k, f]) => [n, k, f] as const)
    )
  ) {
    for (const [path, entries] of Object.entries(fields)) {
      entries.forEach((e, i) => {
        if (e[0] >= doc.sources.length) {
          ctx.addIssue({
            code: "custom",
            path: [section, key, path, i, 0],
            message: `source index ${e[0]} is not in sources (${doc.sources.length} entries)`,
          });
        }
        if (i === 0 && e.length < 3) {
          ctx.addIssue({
            code: "custom",
            path: [section, key, path, 0],
            message: "the first entry needs a value",
          });
        }
      });
    }
  }
});
/** The provenance document as `provenance.json` holds it. */
export type ProvenanceFile = z.infer<typeof ProvenanceFile>;

/** The table of source runs an encoded document refers to by index, filled as entries are met. */
function sourceTable(): { table: [string, string, string][]; ref: (e: ProvenanceEntry) => number } {
  const table: [string, string, string][] = [];
  const index = new Map<string, number>();
  let last: ProvenanceEntry | undefined;
  let lastIndex = 0;
  const ref = (e: ProvenanceEntry): number => {
    // Most fields of a model come from the same source run: check the previous one before hashing.
    if (last && e.source === last.source && e.at === last.at && e.kind === last.kind) return lastIndex;
    const key = `${e.source}\u0000${e.kind}\u0000${e.at}`;
    let i = index.get(key);
    if (i === undefined) {
      i = table.length;
      index.set(key, i);
      table.push([e.source, e.kind, e.at]);
    }
    last = e;
    lastIndex = i;
    return i;
  };
  return { table, ref };
}

/** One record's fields in the compact form: a value is written only where it differs from the entry before. */
function encodeFields(
  fields: Record<string, ProvenanceEntry[]>,
  ref: (e: ProvenanceEntry) => number,
): Record<string, ProvenanceFileEntry[]> {
  const encoded: Record<string, ProvenanceFileEntry[]> = {};
  for (const path in fields) {
    const entries = fields[path]!;
    const list: ProvenanceFileEntry[] = [];
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      const same = i > 0 && sameValue(e.value, entries[i - 1]!.value);
      list.push(same ? [ref(e), e.priority] : [ref(e), e.priority, e.value]);
    }
    encoded[path] = list;
  }
  return encoded;
}

/** Writes a provenance document in its compact on-disk form. */
export function encodeProvenance(provenance: Provenance): ProvenanceFile {
  const { table, ref } = sourceTable();
  const encode = (records: Provenance["models"]) => {
    const out: z.infer<typeof FileFields> = {};
    for (const key in records) out[key] = encodeFields(records[key]!, ref);
    return out;
  };
  const offerings = encode(provenance.offerings);
  const models = encode(provenance.models);
  return {
    version: 3,
    updatedAt: provenance.updatedAt,
    complete: provenance.complete,
    sources: table,
    offerings,
    models,
    links: provenance.links,
  };
}

/** A source run of the file's table, as entries name it. */
export interface SourceRun {
  /** The source id. */
  source: string;
  /** The source kind. */
  kind: string;
  /** When it was fetched. */
  at: string;
}

/** The file's source table as {@link decodeFields} reads it. */
export function sourceRuns(sources: ProvenanceFile["sources"]): SourceRun[] {
  return sources.map(([source, kind, at]) => ({ source, kind, at }));
}

/**
 * One record's fields decoded from their on-disk entries.
 *
 * @throws {StarmapError} `invalid` when an entry points outside the source table or the first entry of a field has
 * no value.
 */
export function decodeFields(
  key: string,
  fields: Record<string, ProvenanceFileEntry[]>,
  table: readonly SourceRun[],
  pool: EntryPool,
): Record<string, ProvenanceEntry[]> {
  // Built in one go (see `fieldRecord`): keyed stores would make each record a dictionary.
  const decoded: [string, ProvenanceEntry[]][] = [];
  for (const path in fields) {
    const entries = fields[path]!;
    const list: ProvenanceEntry[] = new Array(entries.length);
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      const source = table[e[0]];
      const value = e.length === 3 ? e[2] : list[i - 1]?.value;
      if (!source || value === undefined) {
        throw new StarmapError("invalid", `malformed provenance entry ${i} of ${key} ${path}`, {
          hint: "starmap writes this file itself; remove it to start provenance afresh",
        });
      }
      list[i] = pool.entry(source.source, source.kind, source.at, e[1], value);
    }
    decoded.push([path, pool.list(list)]);
  }
  return Object.fromEntries(decoded);
}

/**
 * Reads the compact on-disk form back into the provenance document. The source strings are shared, not copied.
 *
 * @throws {StarmapError} `invalid` when an entry points outside the source table or the first entry of a field has
 * no value.
 */
export function decodeProvenance(file: ProvenanceFile): Provenance {
  const table = sourceRuns(file.sources);
  // Most entries repeat: equal ones are one shared object (see `EntryPool`).
  const pool = new EntryPool();
  const decode = (records: z.infer<typeof FileFields>) => {
    const out: Provenance["models"] = {};
    for (const key in records) out[key] = decodeFields(key, records[key]!, table, pool);
    return out;
  };
  // Version 2 held only rows (offerings now) under `models`.
  const offerings = decode(file.version === 2 ? file.models : file.offerings ?? {});
  const models = file.version === 2 ? {} : decode(file.models);
  return {
    version: 1,
    updatedAt: file.updatedAt,
    complete: file.complete,
    offerings,
    models,
    links: file.links ?? {},
  };
}

/** Serialises a provenance document for `provenance.json` (compact, newline-terminated). */
export function serializeProvenance(provenance: Provenance): string {
  return [...provenanceChunks(provenance)].join("");
}

/**
 * The text of {@link serializeProvenance} in pieces, one per offering and model: a writer that streams them never
 * holds the whole document, nor its encoded form, in memory at once.
 */
export function* provenanceChunks(provenance: Provenance): Generator<string> {
  // The source table comes first in the file: one pass to gather it (a small document of its own).
  const { table, ref } = sourceTable();
  for (const records of [provenance.offerings, provenance.models]) {
    for (const key in records) for (const path in records[key]!) for (const e of records[key]![path]!) ref(e);
  }
  const head = { version: 3, updatedAt: provenance.updatedAt, complete: provenance.complete, sources: table };
  yield `${JSON.stringify(head).slice(0, -1)}`;
  for (
    const [name, records] of [["offerings", provenance.offerings], ["models", provenance.models]] as const
  ) {
    yield `,${JSON.stringify(name)}:{`;
    let first = true;
    for (const key in records) {
      yield `${first ? "" : ","}${JSON.stringify(key)}:${JSON.stringify(encodeFields(records[key]!, ref))}`;
      first = false;
    }
    yield "}";
  }
  yield `,"links":${JSON.stringify(provenance.links)}}\n`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads parsed `provenance.json` content of either version with a shape check only (starmap writes this file
 * itself; `starmap validate` runs the full schemas), or `undefined` when it is not a provenance document.
 *
 * @throws {StarmapError} `invalid` when a version 2 document's entries are malformed.
 */
export function readProvenance(value: unknown): Provenance | undefined {
  if (!isObject(value) || !isObject(value["models"]) || !isObject(value["complete"])) return undefined;
  if (value["version"] === 1 && !isObject(value["offerings"])) {
    // Written before models and offerings were two levels: its rows are offerings.
    const old = value as unknown as {
      updatedAt: string;
      complete: Provenance["complete"];
      models: Provenance["models"];
    };
    return {
      version: 1,
      updatedAt: old.updatedAt,
      complete: old.complete,
      offerings: old.models,
      models: {},
      links: {},
    };
  }
  if (value["version"] === 1) return value as unknown as Provenance;
  if ((value["version"] === 2 || value["version"] === 3) && Array.isArray(value["sources"])) {
    return decodeProvenance(value as unknown as ProvenanceFile);
  }
  return undefined;
}

/** The schema that checks a parsed `provenance.json` of the version it declares. */
export function provenanceSchema(value: unknown): typeof Provenance | typeof ProvenanceFile {
  return isObject(value) && (value["version"] === 2 || value["version"] === 3) ? ProvenanceFile : Provenance;
}
