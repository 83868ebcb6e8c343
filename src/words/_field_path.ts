/**
 * How the path of a field inside a document reads in messages.
 *
 * @module
 */

/** Turns a zod issue path into a dotted field path with indexes: `models[3].limits.context`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(root)";
}
