/**
 * Which fields of a real upstream payload reach the catalog, found by experiment: a field reaches it when taking
 * that field out of every entry that carries it changes what the translator emits for those entries. Used by the
 * translator fields tests and by `bench/sources.ts`.
 *
 * @module
 */

type Entry = Record<string, unknown>;

/** Every key of the entries, nested objects named `parent.child` down to `depth`. */
export function fieldsOf(entries: readonly Entry[], depth = 1, prefix = ""): Set<string> {
  const out = new Set<string>();
  for (const e of entries) {
    for (const [k, v] of Object.entries(e)) {
      const name = prefix + k;
      if (depth > 1 && v && typeof v === "object" && !Array.isArray(v)) {
        for (const n of fieldsOf([v as Entry], depth - 1, `${name}.`)) out.add(n);
      } else out.add(name);
    }
  }
  return out;
}

function has(entry: Entry, path: string): boolean {
  const [head, ...rest] = path.split(".");
  if (!(head! in entry)) return false;
  if (!rest.length) return true;
  const child = entry[head!];
  return !!child && typeof child === "object" && has(child as Entry, rest.join("."));
}

function without(entry: Entry, path: string): Entry {
  const [head, ...rest] = path.split(".");
  const copy = { ...entry };
  if (!rest.length) delete copy[head!];
  else copy[head!] = without(copy[head!] as Entry, rest.join("."));
  return copy;
}

/**
 * The fields among `fields` that reach the output of `translate`, which is given entries by key (an object map
 * such as LiteLLM's, or an array's indexes) and returns anything JSON-comparable.
 */
export function reachingFields(
  entries: Readonly<Record<string, Entry>>,
  fields: Iterable<string>,
  translate: (subset: Record<string, Entry>) => unknown,
  /** At most this many entries carrying a field are tried (the first ones, in order), for speed in tests. */
  sample = Infinity,
): Set<string> {
  const out = new Set<string>();
  for (const field of fields) {
    const subset: Record<string, Entry> = {};
    const stripped: Record<string, Entry> = {};
    for (const [key, e] of Object.entries(entries)) {
      if (!has(e, field)) continue;
      if (Object.keys(subset).length >= sample) break;
      subset[key] = e;
      stripped[key] = without(e, field);
    }
    if (!Object.keys(subset).length) continue;
    if (JSON.stringify(translate(subset)) !== JSON.stringify(translate(stripped))) out.add(field);
  }
  return out;
}
