/**
 * Deep freezing of catalog documents, sharing equal small string lists.
 *
 * @module
 */

/** Freezes a value and everything reachable from it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    if (Array.isArray(value)) { for (let i = 0; i < value.length; i++) deepFreeze(value[i]); }
    else for (const key in value) deepFreeze(value[key]);
  }
  return value;
}

/**
 * A key for an array of at most 16 strings (`undefined` for anything else), so that equal small string lists
 * (modalities, authors, aliases) can share one frozen array.
 */
function stringsKey(value: readonly unknown[]): string | undefined {
  if (value.length > 16) return undefined;
  let key = `${value.length}`;
  for (const item of value) {
    if (typeof item !== "string") return undefined;
    key += `\u0000${item}`;
  }
  return key;
}

/**
 * Deep-freezes a catalog document in place. Equal arrays of strings are replaced by one shared frozen array:
 * freezing an array is the slow part in JavaScriptCore, and the catalog holds thousands of equal small lists.
 */
export function freezeShared<T>(value: T, shared: Map<string, readonly string[]>): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) {
    const key = stringsKey(value);
    if (key !== undefined) {
      const hit = shared.get(key);
      if (hit) return hit as T;
      shared.set(key, Object.freeze(value as string[]));
      return value;
    }
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const frozen = freezeShared(item, shared);
      if (frozen !== item) value[i] = frozen;
    }
    return Object.freeze(value);
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const item = record[key];
    const frozen = freezeShared(item, shared);
    if (frozen !== item) record[key] = frozen;
  }
  return Object.freeze(value);
}
