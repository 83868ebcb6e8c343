/**
 * The machine shape of a sync run, as `starmap update -o json|yaml` prints it and `POST /update` returns it.
 *
 * @module
 */
import { z } from "zod";
import { Changeset } from "../reconcile/changeset.ts";
import type { SyncResult } from "./options.ts";
import type * as Types from "./types.gen.ts";

/** How one source did, in the report. */
export const SourceReportSchema = z.strictObject({
  id: z.string(),
  kind: z.string(),
  ok: z.boolean(),
  models: z.number().int().nonnegative(),
  ms: z.number().nonnegative(),
  notes: z.array(z.string()),
  error: z.string().optional(),
});

/** The report of a sync run: status, sources, notes and the full changeset. */
export const UpdateReport = z.strictObject({
  status: z.enum(["saved", "applied", "no_changes", "dry_run", "declined"]),
  /** The catalog file written, when saved. */
  path: z.string().optional(),
  /** The time stamp of the reconciled catalog. */
  updatedAt: z.string(),
  sources: z.array(SourceReportSchema),
  notes: z.array(z.string()),
  hookErrors: z.array(z.strictObject({ hook: z.string(), key: z.string(), message: z.string() })),
  changeset: Changeset,
});
/** The report of a sync run. */
export type UpdateReport = Types.UpdateReport;

/** Makes the report of a sync result. */
export function updateReport(result: SyncResult): Types.UpdateReport {
  return {
    status: result.status,
    ...(result.path ? { path: result.path } : {}),
    updatedAt: result.data.updatedAt,
    sources: result.sources,
    notes: result.notes,
    hookErrors: result.hookErrors,
    changeset: result.changeset,
  };
}
