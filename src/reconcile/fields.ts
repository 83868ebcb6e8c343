/**
 * Field paths of records: flattening a record into leaf fields (`pricing.input`, `capabilities.toolCalls`) and
 * building it back. Arrays are leaves: a list of modalities or price tiers is one value.
 *
 * @module
 */

/** A leaf value of a record: a scalar or an array. */
export type FieldValue = string | number | boolean | null | readonly unknown[];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Flattens a record into `[dotted path, leaf value]` pairs, skipping the keys named in `skip` at the top. */
export function flatten(
  record: object,
  skip: ReadonlySet<string> = new Set(),
  prefix = "",
  out: Map<string, FieldValue> = new Map(),
): Map<string, FieldValue> {
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined || (!prefix && skip.has(key))) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(value)) flatten(value, skip, path, out);
    else out.set(path, value as FieldValue);
  }
  return out;
}

/** Sets a leaf at a dotted path, creating the objects on the way. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (isPlainObject(next)) node = next;
    else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
  node[keys[keys.length - 1]!] = value;
}

/** Removes the leaf at a dotted path, and the objects it leaves empty. */
export function deletePath(target: Record<string, unknown>, path: string): void {
  const keys = path.split(".");
  const parents: Record<string, unknown>[] = [];
  let node: Record<string, unknown> = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (!isPlainObject(next)) return;
    parents.push(node);
    node = next;
  }
  delete node[keys[keys.length - 1]!];
  for (let i = keys.length - 2; i >= 0 && Object.keys(node).length === 0; i--) {
    const parent = parents[i]!;
    delete parent[keys[i]!];
    node = parent;
  }
}

/** Structural equality of JSON values (key order of objects does not matter). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameValue(x, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length &&
    ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
