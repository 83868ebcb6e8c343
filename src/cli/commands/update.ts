/**
 * `starmap update [provider] [--source …] [--dry] [-f] [-y] [--timeout] [--require-all]`: fetch every source,
 * reconcile, show the changeset, and apply it after confirmation.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { StarmapError } from "../../errors.ts";
import { hasPermission } from "../../runtime/runtime.ts";
import type { Changeset } from "../../reconcile/changeset.ts";
import { readLine } from "../../runtime/prompt.ts";
import { sync } from "../../sync/pipeline.ts";
import { updateReport } from "../../sync/report.ts";
import type { Context } from "../context.ts";
import { collect } from "../options.ts";
import { renderData } from "../render/format.ts";
import { globalFlags, type Settings } from "../settings.ts";
import { renderChangeset, renderSourceReports, summaryLine } from "../views/changeset.ts";
import { cliSources } from "./update_sources.ts";

/** Parses a duration: `90` (seconds), `500ms`, `30s`, `2m`. */
export function duration(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim());
  if (!m || Number(m[1]) <= 0) {
    throw new StarmapError(
      "invalid",
      `--timeout: expected a duration such as 30s, 500ms or 2m, got "${value}"`,
    );
  }
  const n = Number(m[1]);
  return Math.round(m[2] === "ms" ? n : m[2] === "m" ? n * 60_000 : n * 1000);
}

async function ask(ctx: Context, settings: Settings, changeset: Changeset, dir: string): Promise<boolean> {
  const { format } = settings.render;
  const text = renderChangeset(changeset, { color: settings.render.color });
  if (format === "json" || format === "yaml") ctx.io.err(text);
  else ctx.io.out(text);
  ctx.io.err(`Apply these changes to ${dir}? [y/N] `);
  const answer = (await readLine())?.trim().toLowerCase();
  return answer === "y" || answer === "yes";
}

/** The `update` command. */
export function updateCommand(ctx: Context): Command {
  return new Command("update")
    .description("fetch the sources, reconcile field by field, show the changes and apply them")
    .argument("[provider]", "only this provider's models change")
    .option(
      "--source <id>",
      "only this source (repeatable): models.dev, litellm, local, providers, a provider id…",
      collect(),
    )
    .option("--dry", "show the changes, save nothing")
    .option("-f, --force", "save even when nothing changed")
    .option("-y, --yes", "apply without asking")
    .option("--timeout <duration>", "per-source timeout (30s, 2m, 500ms)", duration)
    .option("--require-all", "fail (exit 5) when any source fails")
    .option("--models-dev-url <url>", "models.dev api.json URL (or STARMAP_MODELS_DEV_URL)")
    .option("--models-dev-archive-url <url>", "models.dev archive URL (or STARMAP_MODELS_DEV_ARCHIVE_URL)")
    .option("--models-dev-ref <ref>", "models.dev archive ref (or STARMAP_MODELS_DEV_REF)")
    .option("--litellm <url-or-file>", "LiteLLM price map (or STARMAP_LITELLM_URL)")
    .option("--overrides-dir <dir>", "local override directory (or STARMAP_OVERRIDES_DIR)")
    .action(async (provider, flags, cmd) => {
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
      const sources = cliSources(ctx, settings, catalog, sourceFlags, ids);
      const result = await sync({
        sources,
        catalogDir: dir,
        baseline: catalog,
        providers: provider ? [provider] : undefined,
        dryRun: dry === true,
        force: force === true,
        requireAll: requireAll === true,
        timeoutMs: timeout,
        reconcile: settings.config.reconcile,
        confirm: yes || dry ? undefined : (changeset) => ask(ctx, settings, changeset, dir ?? "the catalog"),
      });
      const { format } = settings.render;
      if (!settings.quiet) {
        ctx.io.err(renderSourceReports(result.sources));
        if (settings.verbose) { for (const n of result.notes) ctx.io.err(`note: ${n}\n`); }
        for (const e of result.hookErrors) {
          ctx.io.err(`warning: hook ${e.hook} failed for ${e.key}: ${e.message}\n`);
        }
      }
      if (format === "json" || format === "yaml") {
        ctx.io.out(renderData(updateReport(result), format));
        return;
      }
      const asked = !(yes || dry) && result.status !== "no_changes";
      if (!asked && result.status !== "no_changes") {
        ctx.io.out(renderChangeset(result.changeset, { color: settings.render.color }));
      }
      if (settings.quiet) return;
      if (result.status === "no_changes") ctx.io.err("the catalog is up to date\n");
      else if (result.status === "dry_run") {
        ctx.io.err(`dry run: nothing saved (${summaryLine(result.changeset)})\n`);
      } else if (result.status === "declined") ctx.io.err("not applied\n");
      else if (result.path) ctx.io.err(`saved ${result.path}\n`);
    }) as unknown as Command;
}
