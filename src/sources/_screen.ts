/**
 * The ingestion screen every source result passes before reconciliation: values that cannot be true (dates that
 * are not on any calendar) are refused field by field, each with a note naming source, model and field, so one
 * bad upstream value neither enters the catalog nor costs the rest of its record.
 *
 * @module
 */
import { isCalendarDate } from "../words/mod.ts";
import type { OfferingRecord as ModelRecord } from "../catalog/types.gen.ts";
import type { SourceResult } from "./_source.ts";

const DATE_FIELDS = ["releaseDate", "knowledgeCutoff", "lastUpdated"] as const;
const LIFECYCLE_DATES = ["deprecationDate", "retirementDate"] as const;

function refusal(source: string, m: ModelRecord, field: string, value: unknown): string {
  return `source "${source}": model "${m.provider}/${m.id}": ${field} ${JSON.stringify(value)} ` +
    `is not a calendar date; the field is left unknown`;
}

/** Returns the record without the date fields that are not calendar dates, noting each refusal. */
function screenModel(source: string, m: ModelRecord, notes: string[]): ModelRecord {
  let out: ModelRecord | undefined;
  for (const field of DATE_FIELDS) {
    const value = m[field];
    if (value === undefined || isCalendarDate(value)) continue;
    notes.push(refusal(source, m, field, value));
    out ??= { ...m };
    delete out[field];
  }
  for (const field of LIFECYCLE_DATES) {
    const value = (out ?? m).lifecycle?.[field];
    if (value === undefined || isCalendarDate(value)) continue;
    notes.push(refusal(source, m, `lifecycle.${field}`, value));
    out ??= { ...m };
    const { [field]: _, ...rest } = out.lifecycle!;
    if (Object.keys(rest).length) out.lifecycle = rest;
    else delete out.lifecycle;
  }
  return out ?? m;
}

/**
 * Screens a source's result: impossible dates are removed from their records and noted. Records are copied only
 * where something is removed.
 *
 * @example
 * ```ts
 * const clean = screenResult("models.dev", result);
 * ```
 */
export function screenResult(source: string, result: SourceResult): SourceResult {
  const notes: string[] = [];
  const offerings = result.offerings.map((m) => screenModel(source, m, notes));
  return notes.length ? { ...result, offerings, notes: [...result.notes, ...notes] } : result;
}
