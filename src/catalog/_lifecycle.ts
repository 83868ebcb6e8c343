/**
 * The life cycle as older catalog documents and providers' model lists spell it (a state and a withdrawal apart),
 * folded into one `lifecycle`.
 *
 * @module
 */
import type { Lifecycle, LifecycleStatus } from "./types.gen.ts";

/** A life-cycle state and a withdrawal (its date and its replacement), spelled apart from `lifecycle`. */
export interface SpelledLifecycle {
  /** The life-cycle state. */
  status?: LifecycleStatus | undefined;
  /** The withdrawal: its date and what replaces it. */
  deprecation?: { date?: string | undefined; replacement?: string | undefined } | undefined;
}

/**
 * Folds `status` and `deprecation` into `lifecycle`, leaving it out when neither says anything. `dateAs` names what
 * the withdrawal's date is (a deprecation, or the day the provider stops serving it).
 */
export function foldLifecycle<T extends SpelledLifecycle>(
  row: T,
  dateAs: "deprecationDate" | "retirementDate",
): Omit<T, keyof SpelledLifecycle> & { lifecycle?: Lifecycle } {
  const { status, deprecation, ...rest } = row;
  const lifecycle: Lifecycle = {};
  if (status) lifecycle.status = status;
  if (deprecation?.date) lifecycle[dateAs] = deprecation.date;
  if (deprecation?.replacement) lifecycle.replacement = deprecation.replacement;
  return Object.keys(lifecycle).length ? { ...rest, lifecycle } : rest;
}
