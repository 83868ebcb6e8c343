/**
 * The sync pipeline: options → validate against the catalog → filter sources → fetch concurrently → reconcile →
 * changeset → stop on no change or dry run → confirm → save atomically under a lock → hooks.
 *
 * @module
 */
import { Catalog } from "../catalog/mod.ts";
import { readCurrent } from "../fs/mod.ts";
import { suggest } from "../words/mod.ts";
import { isStarmapError, StarmapError } from "../errors.ts";
import { Authority, loadEmbeddedProvenance } from "../reconcile/mod.ts";
import { type Changeset, diffCatalogs, isEmpty } from "../reconcile/mod.ts";
import { reconcile, type ReconcileOutput, type SourceSnapshot } from "../reconcile/mod.ts";
import type { Provenance } from "../reconcile/types.gen.ts";
import type { Source } from "../sources/mod.ts";
import { fetchSources } from "./_fetch.ts";
import { fireHooks } from "./_hooks.ts";
import { SourcesFailedError } from "./_failed.ts";
import { SYNC_DEFAULTS, type SyncOptions, type SyncResult } from "./_options.ts";
import {
  type Baseline,
  loadBaseline,
  loadProvenance,
  lockCatalogDir,
  pairedProvenance,
  saveCatalog,
} from "./_store.ts";

/**
 * A baseline the caller already holds, with the provenance saved in the catalog directory, or the embedded
 * provenance when the baseline is the embedded catalog.
 */
async function givenBaseline(catalog: Catalog, dir: string | undefined): Promise<Baseline> {
  const notes: string[] = [];
  const saved = dir ? await loadProvenance(dir, notes) : undefined;
  let provenance = pairedProvenance(catalog.data, saved, notes);
  if (!saved) {
    provenance = await loadEmbeddedProvenance(catalog.data);
  }
  return { catalog, origin: "given", provenance, notes };
}

/**
 * Whether the catalog directory may hold another catalog than the baseline a run started from: its current
 * generation is not the baseline's (for a baseline of the old layout, or one the caller gave, it may always).
 */
async function savedSince(dir: string, start: Baseline): Promise<boolean> {
  if (start.origin === "given" || (start.origin !== "embedded" && !start.generation)) return true;
  return (await readCurrent(dir)) !== start.generation;
}

/** Resolves provider ids or aliases against the baseline. @throws {StarmapError} `invalid` with suggestions. */
export function resolveProviders(
  catalog: Catalog,
  providers: readonly string[] | undefined,
): string[] | undefined {
  if (!providers?.length) return undefined;
  return providers.map((id) => {
    try {
      return catalog.resolveProvider(id).id;
    } catch (error) {
      if (!isStarmapError(error, "not_found")) throw error;
      throw new StarmapError("invalid", `unknown provider "${id}"`, {
        code: "unknown_provider",
        resource: id,
        suggestions: error.suggestions,
        hint: error.suggestions.length
          ? `did you mean: ${error.suggestions.join(", ")}? (the catalog's providers are the known ones)`
          : "the catalog's providers are the known ones",
      });
    }
  });
}

/** Keeps the sources named by `only`. @throws {StarmapError} `invalid` for an unknown source id. */
export function filterSources(sources: readonly Source[], only: readonly string[] | undefined): Source[] {
  if (!sources.length) {
    throw new StarmapError("invalid", "no sources to update from", {
      code: "no_sources",
      hint: "configure a source (models.dev, provider keys, local overrides)",
    });
  }
  if (!only?.length) return [...sources];
  const ids = new Set(sources.map((s) => s.id));
  for (const id of only) {
    if (ids.has(id)) continue;
    const suggestions = suggest(id, ids);
    throw new StarmapError("invalid", `unknown source "${id}"`, {
      code: "unknown_source",
      resource: id,
      suggestions,
      hint: `available sources: ${[...ids].join(", ")}`,
    });
  }
  return sources.filter((s) => only.includes(s.id));
}

/**
 * Fails the run when sources failed and the options require all, or when no source that fetches from upstream
 * answered (the embedded catalog and local files alone are no update): a network error when some failed, an
 * invalid-input error when every one skipped itself (no key, not in scope).
 */
function checkFailures(result: Awaited<ReturnType<typeof fetchSources>>, requireAll: boolean): void {
  const failed = result.reports.filter((r) => !r.ok);
  const requested = result.reports.filter((r) => r.kind !== "embedded" && r.kind !== "local");
  const answered = requested.some((r) => r.ok && !r.skipped);
  const list = failed.map((r) => `  ${r.id}: ${r.error}`).join("\n");
  if (failed.length && (requireAll || !answered)) {
    const tried = requested.filter((r) => !r.skipped).length;
    throw new SourcesFailedError(
      `nothing was updated: ${failed.length} of ${tried} sources failed:\n${list}`,
      result.reports,
      requireAll
        ? "nothing was saved (every source was required)"
        : "nothing was saved; check the sources above",
    );
  }
  if (requested.length && !answered) {
    const why = requested.flatMap((r) =>
      r.notes.length ? r.notes : [`${r.id}: skipped (nothing to fetch for the providers asked)`]
    );
    throw new StarmapError(
      "invalid",
      `nothing was updated: every source skipped itself:\n  ${why.join("\n  ")}`,
      { code: "sources_skipped", hint: "set the API keys named above, or choose other sources" },
    );
  }
}

interface Reconciled extends ReconcileOutput {
  changeset: Changeset;
  baseline: Catalog;
}

function reconcileOver(
  baseline: Catalog,
  provenance: Provenance | undefined,
  snapshots: SourceSnapshot[],
  authority: Authority,
  providers: string[] | undefined,
  now: string,
): Reconciled {
  const out = reconcile({
    baseline: baseline.data,
    provenance,
    results: snapshots,
    authority,
    providers,
    now,
  });
  return { ...out, changeset: diffCatalogs(baseline.data, out.data), baseline };
}

/** Refuses an update that is to be saved but has nowhere to go, before anything is fetched. */
function requireCatalogDir(dir: string | undefined): void {
  if (dir) return;
  throw new StarmapError("invalid", "no catalog directory to save the update to", {
    code: "catalog_dir_missing",
    setting: "catalog.dir",
    hint: "name a catalog directory, or make it a dry run",
  });
}

/**
 * Runs one sync. Library code: it throws `StarmapError`s (`invalid` for bad options, `network` when sources fail
 * beyond what the options allow, `storage` when saving or locking fails) and never prints.
 *
 * @example
 * ```ts
 * const result = await sync({ sources, catalogDir, dryRun: true });
 * result.changeset.summary.models.added;
 * ```
 */
export async function sync(options: SyncOptions): Promise<SyncResult> {
  const clock = options.now ?? (() => new Date());
  const start = options.baseline
    ? await givenBaseline(options.baseline, options.catalogDir)
    : await loadBaseline(options.catalogDir);
  const baseline = start.catalog;
  const providers = resolveProviders(baseline, options.providers);
  const sources = filterSources(options.sources, options.only);
  const persist = options.persist ?? true;
  if (!options.dryRun && persist) requireCatalogDir(options.catalogDir);
  const fetched = await fetchSources(sources, {
    providers,
    timeoutMs: options.timeoutMs ?? SYNC_DEFAULTS.timeoutMs,
    signal: options.signal,
    at: () => clock().toISOString(),
    onProgress: options.onProgress,
  });
  // Bad input (an override file) is the user's to fix, not a network failure, and never silently skipped.
  if (fetched.invalid) throw fetched.invalid;
  checkFailures(fetched, options.requireAll ?? false);
  const authority = new Authority(options.reconcile);
  const now = clock().toISOString();
  let run = reconcileOver(baseline, start.provenance, fetched.snapshots, authority, providers, now);
  const notes = fetched.reports.flatMap((r) => r.notes.map((n) => `${r.id}: ${n}`));
  const warnings = [...start.notes];
  const result = (status: SyncResult["status"], catalog: Catalog, path?: string): SyncResult => ({
    status,
    changeset: run.changeset,
    catalog,
    data: run.data,
    provenance: run.provenance,
    sources: fetched.reports,
    notes: [...notes, ...run.notes],
    warnings,
    hookErrors: [],
    ...(path ? { path } : {}),
  });
  if (isEmpty(run.changeset) && !options.force) return result("no_changes", baseline);
  if (options.dryRun) return result("dry_run", baseline);
  if (options.confirm && !(await options.confirm(run.changeset))) return result("declined", baseline);
  if (!persist || !options.catalogDir) {
    const applied = result("applied", Catalog.from(run.data));
    applied.hookErrors = await fireHooks(run.changeset, applied.catalog, options.hooks);
    return applied;
  }
  const dir = options.catalogDir;
  const lock = await lockCatalogDir(dir, {
    timeoutMs: options.lockTimeoutMs ?? SYNC_DEFAULTS.lockTimeoutMs,
    signal: options.signal,
  });
  let path: string;
  try {
    // Another update may have saved while this one fetched: reconcile again over what is on disk now. The
    // current generation's name tells whether one did, so the catalog is not loaded a second time for nothing.
    if (await savedSince(dir, start)) {
      const current = await loadBaseline(dir);
      if (current.catalog.data.updatedAt !== baseline.data.updatedAt) {
        warnings.push(...current.notes);
        run = reconcileOver(
          current.catalog,
          current.provenance,
          fetched.snapshots,
          authority,
          providers,
          now,
        );
      }
    }
    path = await saveCatalog(dir, run.data, run.provenance);
  } finally {
    await lock.release();
  }
  const saved = result("saved", Catalog.from(run.data), path);
  saved.hookErrors = await fireHooks(run.changeset, saved.catalog, options.hooks);
  return saved;
}
