/**
 * Reads the entries of one list-models response one by one: a malformed entry is skipped with a note instead of
 * failing the whole list, and an id listed twice is reported (the first one is kept).
 *
 * @module
 */
import type { z } from "zod";
import type { LifecycleStatus, OfferingRecord } from "../../catalog/types.gen.ts";
import { foldLifecycle } from "../../catalog/mod.ts";
import { fieldPath } from "../../words/mod.ts";

/**
 * An offering as one list-models entry tells it: the life-cycle state and the withdrawal (its date, the day the
 * provider stops serving it, and its replacement) as the lists spell them, folded into `lifecycle` by {@link readEntries}.
 */
export type ListedRecord = Omit<OfferingRecord, "lifecycle"> & {
  /** The life-cycle state the list states. */
  status?: LifecycleStatus | undefined;
  /** When the provider stops serving it, and what replaces it. */
  deprecation?: { date?: string | undefined; replacement?: string | undefined } | undefined;
};

/** The offering record of a listed entry, its state and withdrawal folded into `lifecycle`. */
export function offeringFromListed(listed: ListedRecord): OfferingRecord {
  return foldLifecycle(listed, "retirementDate");
}

/** Translated records of a response (all its pages) and what is worth telling about it. */
export interface Translated {
  /** The records, one per distinct id, in the order the API listed them. */
  offerings: OfferingRecord[];
  /** Skipped entries and duplicate ids, each naming the provider. */
  notes: string[];
}

/**
 * Parses each raw entry with `schema` and translates it; bad entries and repeated ids become notes.
 *
 * @example
 * ```ts
 * const { offerings, notes } = readEntries("groq", page.data, OpenAIModel, (m) => fromOpenAI("groq", m));
 * ```
 */
export function readEntries<T>(
  provider: string,
  entries: readonly unknown[],
  schema: z.ZodType<T>,
  translate: (entry: T) => ListedRecord,
): Translated {
  const offerings: OfferingRecord[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  entries.forEach((raw, i) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? fieldPath(issue.path) : "(entry)";
      notes.push(
        `${provider}: skipped entry ${i + 1} of the model list (${where}: ${issue?.message ?? "invalid"})`,
      );
      return;
    }
    const record = translate(parsed.data);
    if (seen.has(record.id)) {
      notes.push(`${provider}: model "${record.id}" is listed more than once in one response (first kept)`);
      return;
    }
    seen.add(record.id);
    offerings.push(offeringFromListed(record));
  });
  return { offerings, notes };
}

/** A calendar date `YYYY-MM-DD` from an ISO string or Unix seconds; `undefined` for anything else. */
export function calendarDate(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value) && value > 0) {
    return new Date(value * 1000).toISOString().slice(0, 10);
  }
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  return undefined;
}
