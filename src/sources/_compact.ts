/**
 * Optional fields absent rather than `undefined`: what every translator needs for strict catalog records.
 *
 * @module
 */

/** An object type whose `undefined`-able properties become optional properties without `undefined`. */
export type Compact<T> =
  & { [K in keyof T as undefined extends T[K] ? never : K]: T[K] }
  & { [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined> };

/** Removes keys whose value is `undefined`, so that optional fields are absent rather than undefined. */
export function compact<T extends object>(value: T): Compact<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as Compact<T>;
}
