/**
 * The error of a sync in which the sources failed beyond what the options allow: nothing was updated.
 *
 * @module
 */
import { StarmapError } from "../errors.ts";
import type { SourceReport } from "./_options.ts";

/** Every upstream source failed (or one did under `requireAll`): a network error that carries each source's report. */
export class SourcesFailedError extends StarmapError {
  /** How every source did. */
  readonly reports: readonly SourceReport[];

  /** Makes the error. */
  constructor(message: string, reports: readonly SourceReport[], hint: string) {
    super("network", message, { hint, code: "sources_failed" });
    this.name = "SourcesFailedError";
    this.reports = reports;
  }
}
