/**
 * A number with its noun in the right number: `1 file`, `2 files`.
 *
 * @module
 */

/** `n` and the noun, singular for exactly one (`many` defaults to the singular with an `s`). */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
