/**
 * One source's successful fetch, as the reconciler takes it.
 *
 * @module
 */
import type { SourceResult } from "../sources/mod.ts";
import type { SourceRef } from "./_authority.ts";

/** One source's successful fetch, as the reconciler takes it. */
export interface SourceSnapshot {
  /** Which source. */
  source: SourceRef;
  /** What it returned. */
  result: SourceResult;
  /** When it was fetched (ISO 8601). */
  at: string;
}
