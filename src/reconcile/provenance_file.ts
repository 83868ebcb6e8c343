/**
 * The on-disk form of the provenance document (`provenance.json`, version 2). Each source run (id, kind, fetch
 * time) is written once, in the `sources` table; each field's entries, best first, are tuples
 * `[source index, priority, value]`, and an entry whose value equals the entry before it is `[source index,
 * priority]`, so an agreed value is stored once. Nothing is lost: {@link decodeProvenance} gives back the
 * {@link Provenance} document with every entry of every field, which `starmap models history` shows. Version 1
 * files (one object per entry) are still read.
 *
 * @module
 */
import { z } from "zod";
import { StarmapError } from "../errors.ts";
import { sameValue } from "./fields.ts";
import { Provenance, type ProvenanceEntry } from "./provenance.ts";

const SourceIndex = z.number().int().nonnegative();

/** One entry on disk: `[source index, priority, value]`, or `[source index, priority]` for the previous value. */
export const ProvenanceFileEntry = z.union([
  z.tuple([SourceIndex, z.number(), z.json()]),
  z.tuple([SourceIndex, z.number()]),
]);
/** One entry on disk. */
export type ProvenanceFileEntry = z.infer<typeof ProvenanceFileEntry>;

/** The provenance document as `provenance.json` holds it (version 2). */
export const ProvenanceFile = z.strictObject({
  version: z.literal(2),
  /** When the catalog this describes was made. */
  updatedAt: z.string(),
  /** Provider id → the sources that listed its complete model list at the last sync. */
  complete: z.record(z.string(), z.array(z.string())),
  /** The source runs the entries point at: `[id, kind, fetched at]`. */
  sources: z.array(z.tuple([z.string(), z.string(), z.string()])),
  /** `provider/model` → field path → entries, the winning value first. */
  models: z.record(z.string(), z.record(z.string(), z.array(ProvenanceFileEntry).min(1))),
}).superRefine((doc, ctx) => {
  for (const [key, fields] of Object.entries(doc.models)) {
    for (const [path, entries] of Object.entries(fields)) {
      entries.forEach((e, i) => {
        if (e[0] >= doc.sources.length) {
          ctx.addIssue({
            code: "custom",
            path: ["models", key, path, i, 0],
            message: `source index ${e[0]} is not in sources (${doc.sources.length} entries)`,
          });
        }
        if (i === 0 && e.length < 3) {
          ctx.addIssue({
            code: "custom",
            path: ["models", key, path, 0],
            message: "the first entry needs a value",
          });
        }
      });
    }
  }
});
/** The provenance document as `provenance.json` holds it. */
export type ProvenanceFile = z.infer<typeof ProvenanceFile>;

/** Writes a provenance document in its compact on-disk form. */
export function encodeProvenance(provenance: Provenance): ProvenanceFile {
  const sources: [string, string, string][] = [];
  const index = new Map<string, number>();
  let last: ProvenanceEntry | undefined;
  let lastIndex = 0;
  const ref = (e: ProvenanceEntry): number => {
    // Most fields of a model come from the same source run: check the previous one before hashing.
    if (last && e.source === last.source && e.at === last.at && e.kind === last.kind) return lastIndex;
    const key = `${e.source}\u0000${e.kind}\u0000${e.at}`;
    let i = index.get(key);
    if (i === undefined) {
      i = sources.length;
      index.set(key, i);
      sources.push([e.source, e.kind, e.at]);
    }
    last = e;
    lastIndex = i;
    return i;
  };
  const models: ProvenanceFile["models"] = {};
  for (const key in provenance.models) {
    const fields = provenance.models[key]!;
    const out: Record<string, ProvenanceFileEntry[]> = {};
    for (const path in fields) {
      const entries = fields[path]!;
      const list: ProvenanceFileEntry[] = [];
      for (let i = 0; i < entries.length; i++) {
        const e = entries[i]!;
        const same = i > 0 && sameValue(e.value, entries[i - 1]!.value);
        list.push(same ? [ref(e), e.priority] : [ref(e), e.priority, e.value]);
      }
      out[path] = list;
    }
    models[key] = out;
  }
  return { version: 2, updatedAt: provenance.updatedAt, complete: provenance.complete, sources, models };
}

/**
 * Reads the compact on-disk form back into the provenance document. The source strings are shared, not copied.
 *
 * @throws {StarmapError} `invalid` when an entry points outside the source table or the first entry of a field has
 * no value.
 */
export function decodeProvenance(file: ProvenanceFile): Provenance {
  const table = file.sources.map(([source, kind, at]) => ({ source, kind, at }));
  const models: Provenance["models"] = {};
  for (const key in file.models) {
    const fields = file.models[key]!;
    const out: Record<string, ProvenanceEntry[]> = {};
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
        list[i] = { source: source.source, kind: source.kind, value, priority: e[1], at: source.at };
      }
      out[path] = list;
    }
    models[key] = out;
  }
  return { version: 1, updatedAt: file.updatedAt, complete: file.complete, models };
}

/** Serialises a provenance document for `provenance.json` (compact, newline-terminated). */
export function serializeProvenance(provenance: Provenance): string {
  return `${JSON.stringify(encodeProvenance(provenance))}\n`;
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
  if (value["version"] === 1) return value as unknown as Provenance;
  if (value["version"] === 2 && Array.isArray(value["sources"])) {
    return decodeProvenance(value as unknown as ProvenanceFile);
  }
  return undefined;
}

/** The schema that checks a parsed `provenance.json` of the version it declares. */
export function provenanceSchema(value: unknown): typeof Provenance | typeof ProvenanceFile {
  return isObject(value) && value["version"] === 2 ? ProvenanceFile : Provenance;
}
