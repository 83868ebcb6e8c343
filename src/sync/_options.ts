/**
 * The options of a sync run, their defaults, and what a run reports.
 *
 * @module
 */
import type { Catalog } from "../catalog/mod.ts";
import { SYNC_TIMEOUT_MS } from "../limits.ts";
import type { Source, SourceKind } from "../sources/mod.ts";
import type { CatalogData, Offering } from "../catalog/types.gen.ts";
import type { Changeset, FieldChange, Provenance } from "../reconcile/types.gen.ts";
import type { ReconcileConfig } from "../config/types.gen.ts";

/** Callbacks fired after a sync has been saved; a throwing hook is reported, never undoes the save. */
export interface SyncHooks {
  /** An offering (a provider's service of a model, keyed `provider/id`) was added. */
  onModelAdded?(model: Offering): void | Promise<void>;
  /** An offering changed; `changes` lists its fields old → new. */
  onModelUpdated?(model: Offering, changes: readonly FieldChange[]): void | Promise<void>;
  /** An offering was removed (as it was). */
  onModelRemoved?(model: Offering): void | Promise<void>;
}

/** Options of {@link sync}. */
export interface SyncOptions {
  /** The sources to fetch from. */
  sources: readonly Source[];
  /** Only these providers change (ids or aliases of the baseline catalog). @default every provider */
  providers?: readonly string[] | undefined;
  /** Only the sources with these ids run. @default every source */
  only?: readonly string[] | undefined;
  /** The user's catalog directory: the baseline is read from it and the result saved to it. */
  catalogDir?: string | undefined;
  /**
   * The baseline catalog when the caller already holds it (it must be what `catalogDir` holds, or the embedded
   * catalog when that has no `catalog.json`); the provenance is still read from `catalogDir`.
   */
  baseline?: Catalog | undefined;
  /** Compute and report, save nothing. @default false */
  dryRun?: boolean | undefined;
  /** Save even when nothing changed (refreshes the time stamp and provenance). @default false */
  force?: boolean | undefined;
  /** Write the result to `catalogDir`. When false the result is only returned. @default true */
  persist?: boolean | undefined;
  /** Any failed source fails the run with a network error. @default false */
  requireAll?: boolean | undefined;
  /** Per-source fetch timeout in milliseconds. @default 60000 */
  timeoutMs?: number | undefined;
  /** How long to wait for another update's lock, in milliseconds. @default 30000 */
  lockTimeoutMs?: number | undefined;
  /** The reconcile section of the configuration. */
  reconcile?: ReconcileConfig | undefined;
  /** Cancels the run. */
  signal?: AbortSignal | undefined;
  /** Asked with the changeset before saving; returning false stops the run (status `declined`). */
  confirm?: ((changeset: Changeset) => boolean | Promise<boolean>) | undefined;
  /** Fired after the save. */
  hooks?: SyncHooks | undefined;
  /** Told when each source starts and ends its fetch. */
  onProgress?: ((event: SourceProgress) => void) | undefined;
  /** The clock. @default () => new Date() */
  now?: (() => Date) | undefined;
}

/** The defaults of {@link SyncOptions}. */
export const SYNC_DEFAULTS = {
  timeoutMs: SYNC_TIMEOUT_MS,
  lockTimeoutMs: 30_000,
} as const;

/** How one source did. */
export interface SourceReport {
  /** The source id. */
  id: string;
  /** The source kind. */
  kind: SourceKind;
  /** Whether it fetched successfully. */
  ok: boolean;
  /** How many models it returned. */
  models: number;
  /** Milliseconds the fetch took. */
  ms: number;
  /** What the source noted (skipped providers, …). */
  notes: string[];
  /** Why it failed. */
  error?: string;
  /** It answered with nothing (no key, not in scope): it did not take part in the run. */
  skipped?: boolean;
}

/** A source starting or ending its fetch, for progress displays. */
export type SourceProgress =
  | { id: string; state: "fetching" }
  | { id: string; state: "done"; ms: number; models: number }
  | { id: string; state: "failed"; ms: number; error: string };

/** How a run ended. */
export type SyncStatus = "saved" | "applied" | "no_changes" | "dry_run" | "declined";

/** A hook that threw. */
export interface HookError {
  /** Which hook. */
  hook: keyof SyncHooks;
  /** The model it was called for. */
  key: string;
  /** The error's message. */
  message: string;
}

/** What a sync run returns. */
export interface SyncResult {
  /** How the run ended. */
  status: SyncStatus;
  /** What changed against the baseline. */
  changeset: Changeset;
  /** The catalog after the run (the baseline when nothing was applied). */
  catalog: Catalog;
  /** The reconciled catalog document (also for dry runs). */
  data: CatalogData;
  /** The provenance of the reconciled catalog. */
  provenance: Provenance;
  /** Per-source outcome. */
  sources: SourceReport[];
  /** Notes of the reconciler and the sources. */
  notes: string[];
  /** What the user should know even when not verbose (a torn catalog directory repaired, a provenance ignored). */
  warnings: string[];
  /** Hooks that threw (the save stands). */
  hookErrors: HookError[];
  /** The catalog file written, when saved. */
  path?: string;
}
