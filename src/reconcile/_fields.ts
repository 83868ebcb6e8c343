/**
 * Field paths of records: flattening a record into leaf fields (`pricing.input`, `capabilities.toolCalls`) and
 * building it back. Arrays are leaves: a list of modalities or price tiers is one value.
 *
 * These run for every field of every offering on every update, so they allocate as little as they can: no
 * `Object.entries` pairs, no `split` arrays, and each dotted path is joined once per process and then shared.
 *
 * @module
 */

/** A leaf value of a record: a scalar or an array. */
export type FieldValue = string | number | boolean | null | readonly unknown[];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Field paths are few (a few hundred) and repeat for every record: join each prefix and key once.
const joined = new Map<string, Map<string, string>>();
const JOINED_LIMIT = 10_000;
let joinedCount = 0;

/** `prefix.key`, joined once per process and shared afterwards. */
export function joinPath(prefix: string, key: string): string {
  let keys = joined.get(prefix);
  if (!keys) {
    if (joinedCount >= JOINED_LIMIT) {
      joined.clear();
      joinedCount = 0;
    }
    keys = new Map();
    joined.set(prefix, keys);
  }
  let path = keys.get(key);
  if (path === undefined) {
    path = `${prefix}.${key}`;
    keys.set(key, path);
    joinedCount++;
  }
  return path;
}

/** Calls `visit` with each `[dotted path, leaf value]` of a record, skipping the keys named in `skip` at the top. */
export function eachField(
  record: object,
  visit: (path: string, value: FieldValue) => void,
  skip?: ReadonlySet<string>,
  prefix = "",
): void {
  const rec = record as Record<string, unknown>;
  for (const key in rec) {
    const value = rec[key];
    if (value === undefined || (!prefix && skip?.has(key))) continue;
    const path = prefix ? joinPath(prefix, key) : key;
    if (isPlainObject(value)) eachField(value, visit, skip, path);
    else visit(path, value as FieldValue);
  }
}

/** Flattens a record into `[dotted path, leaf value]` pairs, skipping the keys named in `skip` at the top. */
export function flatten(record: object, skip?: ReadonlySet<string>): Map<string, FieldValue> {
  const out = new Map<string, FieldValue>();
  eachField(record, (path, value) => out.set(path, value), skip);
  return out;
}

// The keys of each dotted path, split once per process (paths repeat for every record).
const splits = new Map<string, readonly string[]>();

function keysOf(path: string): readonly string[] {
  let keys = splits.get(path);
  if (!keys) {
    if (splits.size >= JOINED_LIMIT) splits.clear();
    keys = path.split(".");
    splits.set(path, keys);
  }
  return keys;
}

/** Sets a leaf at a dotted path, creating the objects on the way. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = keysOf(path);
  let node = target;
  const last = keys.length - 1;
  for (let i = 0; i < last; i++) {
    const key = keys[i]!;
    const next = node[key];
    if (isPlainObject(next)) node = next;
    else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
  node[keys[last]!] = value;
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
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], bb[i])) return false;
    return true;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let defined = 0;
  for (const k in ra) {
    if (ra[k] === undefined) continue;
    defined++;
    if (!sameValue(ra[k], rb[k])) return false;
  }
  for (const k in rb) if (rb[k] !== undefined) defined--;
  return defined === 0;
}
