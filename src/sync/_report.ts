/**
 * The machine shape of a sync run, as `starmap update -o json|yaml` prints it and `POST /update` returns it.
 *
 * @module
 */
import { z } from "zod";
import { Changeset, diffCatalogs } from "../reconcile/mod.ts";
import type { SourceReport, SyncResult } from "./_options.ts";
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
  skipped: z.boolean().optional(),
});

/** The report of a sync run: status, sources, notes and the full changeset. */
export const UpdateReport = z.strictObject({
  /** How the sources did: `ok` (none failed), `partial` (some failed, the others applied), `failed` (nothing updated). */
  status: z.enum(["ok", "partial", "failed"]),
  /** What became of the catalog (`nothing` when every source failed). */
  result: z.enum(["saved", "applied", "no_changes", "dry_run", "declined", "nothing"]),
  /** The ids of the sources that failed. */
  failed: z.array(z.string()),
  /** The catalog file written, when saved. */
  path: z.string().optional(),
  /** The time stamp of the reconciled catalog. */
  updatedAt: z.string(),
  sources: z.array(SourceReportSchema),
  notes: z.array(z.string()),
  /** What the user should know even when not verbose: a torn catalog directory repaired, a provenance ignored. */
  warnings: z.array(z.string()),
  hookErrors: z.array(z.strictObject({ hook: z.string(), key: z.string(), message: z.string() })),
  changeset: Changeset,
});
/** The report of a sync run. */
export type UpdateReport = Types.UpdateReport;

/** How the sources of a run did, from their reports. */
export function sourcesStatus(reports: readonly SourceReport[]): "ok" | "partial" {
  return reports.some((r) => !r.ok) ? "partial" : "ok";
}

/** Makes the report of a sync result. */
export function updateReport(result: SyncResult): Types.UpdateReport {
  return {
    status: sourcesStatus(result.sources),
    result: result.status,
    failed: result.sources.filter((r) => !r.ok).map((r) => r.id),
    ...(result.path ? { path: result.path } : {}),
    updatedAt: result.data.updatedAt,
    sources: result.sources,
    notes: result.notes,
    warnings: result.warnings,
    hookErrors: result.hookErrors,
    changeset: result.changeset,
  };
}

/** Makes the report of a run in which the sources failed and nothing was updated. */
export function failedReport(reports: readonly SourceReport[], updatedAt: string): Types.UpdateReport {
  const empty = { version: 2 as const, updatedAt, providers: [], authors: [], models: [], offerings: [] };
  return {
    status: "failed",
    result: "nothing",
    failed: reports.filter((r) => !r.ok).map((r) => r.id),
    updatedAt,
    sources: [...reports],
    notes: [],
    warnings: [],
    hookErrors: [],
    changeset: diffCatalogs(empty, empty),
  };
}
