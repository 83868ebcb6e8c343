/**
 * What `starmap update` does: run the sync pipeline over the sources the flags name, ask before applying, report.
 *
 * @module
 */
import { StarmapError } from "../../errors.ts";
import type { Changeset } from "../../reconcile/types.gen.ts";
import { confirm } from "../_confirm.ts";
import { hasPermission } from "../../runtime/mod.ts";
import { sync } from "../../sync/mod.ts";
import { failedReport, updateReport } from "../../sync/mod.ts";
import { SourcesFailedError } from "../../sync/mod.ts";
import type { SourceProgress, SyncResult } from "../../sync/mod.ts";
import type { Context } from "../_context.ts";
import { renderData } from "../render/mod.ts";
import { globalFlags, type InvokedCommand, type Settings } from "../_settings.ts";
import { partialLine, renderChangeset, renderSourceReports, summaryLine } from "../views/mod.ts";
import { UpdateProgress } from "../views/mod.ts";
import { loadSourceState, saveSourceState } from "./_source_state.ts";
import { cliSources, type SourceFlags } from "./_update_sources.ts";

/** The flags of `update` as commander parses them. */
export interface UpdateFlags extends SourceFlags {
  /** `--source`: only these sources (repeatable): models.dev, litellm, local, providers, a provider id. */
  source?: string[];
  /** `--dry`: show the changes, save nothing. */
  dry?: true;
  /** `--force`: save even when nothing changed. */
  force?: true;
  /** `--yes`: apply without asking. */
  yes?: true;
  /** `--timeout`: per-source timeout (30s, 2m, 500ms). */
  timeout?: number;
  /** `--require-all`: fail (exit 5) when any source fails. */
  requireAll?: true;
}

async function ask(ctx: Context, settings: Settings, changeset: Changeset, dir: string): Promise<boolean> {
  const { format } = settings.render;
  const text = renderChangeset(changeset, { color: settings.render.color });
  if (format === "json" || format === "yaml") ctx.io.err(text);
  else ctx.io.out(text);
  return await confirm(ctx, `apply these changes to ${dir}?`, false);
}

/** `update [provider]`. */
export async function runUpdate(
  ctx: Context,
  provider: string | undefined,
  flags: UpdateFlags,
  cmd: InvokedCommand,
): Promise<void> {
  const globals = globalFlags(cmd);
  const settings = await ctx.settings(globals);
  const dir = settings.catalogDir;
  if (!flags.dry && !flags.yes && !ctx.io.stdinIsTTY) {
    throw new StarmapError("invalid", "refusing to apply an update without confirmation (no terminal)", {
      hint: "pass -y/--yes to apply, or --dry to only show the changes",
    });
  }
  if (!flags.dry && !dir) {
    throw new StarmapError("permission", "cannot save the update: the catalog directory is unknown", {
      hint: hasPermission("env")
        ? "set --catalog-dir or STARMAP_CATALOG_DIR, or use --dry"
        : "grant --allow-env --allow-read --allow-write (or pass --catalog-dir with --allow-read/--allow-write), " +
          "or use --dry",
    });
  }
  const catalog = await ctx.catalog(globals);
  const { source: ids, dry, force, yes, timeout, requireAll, ...sourceFlags } = flags;
  await loadSourceState();
  const sources = cliSources(ctx, settings, catalog, sourceFlags, ids);
  const live = ctx.io.stderrIsTTY && !settings.quiet ? new UpdateProgress((t) => ctx.io.err(t)) : undefined;
  const { format } = settings.render;
  let result;
  try {
    result = await sync({
      sources,
      catalogDir: dir,
      baseline: catalog,
      providers: provider ? [provider] : undefined,
      dryRun: dry === true,
      force: force === true,
      requireAll: requireAll === true,
      timeoutMs: timeout,
      reconcile: settings.config.reconcile,
      ...(live ? { onProgress: (e: SourceProgress) => live.event(e) } : {}),
      confirm: yes || dry ? undefined : (changeset) => {
        live?.done();
        return ask(ctx, settings, changeset, dir ?? "the catalog");
      },
    });
  } catch (error) {
    live?.done();
    await saveSourceState();
    if (error instanceof SourcesFailedError && (format === "json" || format === "yaml")) {
      ctx.io.out(renderData(failedReport(error.reports, catalog.data.updatedAt), format));
    }
    throw error;
  }
  live?.done();
  await saveSourceState();
  reportRun(ctx, settings, result, { live: live !== undefined, asked: !(yes || dry) });
}

/** Prints what a run did: sources and notes on stderr, the changeset or the report on stdout. */
function reportRun(
  ctx: Context,
  settings: Settings,
  result: SyncResult,
  shown: { live: boolean; asked: boolean },
): void {
  const { format } = settings.render;
  // Quiet hides progress, not failures or repairs.
  for (const w of result.warnings) ctx.io.err(`warning: ${w}\n`);
  const partial = partialLine(result.sources);
  if (!settings.quiet) {
    if (!shown.live) ctx.io.err(renderSourceReports(result.sources));
    if (settings.verbose) { for (const n of result.notes) ctx.io.err(`note: ${n}\n`); }
    for (const e of result.hookErrors) {
      ctx.io.err(`warning: hook ${e.hook} failed for ${e.key}: ${e.message}\n`);
    }
  } else if (partial) {
    for (const r of result.sources) if (!r.ok) ctx.io.err(`source ${r.id}: FAILED: ${r.error}\n`);
  }
  if (partial) ctx.io.err(partial);
  if (format === "json" || format === "yaml") {
    ctx.io.out(renderData(updateReport(result), format));
    return;
  }
  const asked = shown.asked && result.status !== "no_changes";
  if (!asked && result.status !== "no_changes") {
    ctx.io.out(renderChangeset(result.changeset, { color: settings.render.color }));
  }
  if (settings.quiet) return;
  const from = partial ? " from the sources that answered" : "";
  if (result.status === "no_changes") ctx.io.err(`the catalog is up to date${from}\n`);
  else if (result.status === "dry_run") {
    ctx.io.err(`dry run: nothing saved (${summaryLine(result.changeset)})\n`);
  } else if (result.status === "declined") ctx.io.err("not applied\n");
  else if (result.path) ctx.io.err(`saved ${result.path}\n`);
}
