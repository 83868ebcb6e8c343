/**
 * `starmap update [provider] [--source …] [--dry] [-f] [-y] [--timeout] [--require-all]`: fetch every source,
 * reconcile, show the changeset, and apply it after confirmation. The work is in `_update_actions.ts`.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import type { Context } from "../_context.ts";
import { collect, duration } from "../_options.ts";
import { SYNC_TIMEOUT_MS } from "../../limits.ts";

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
    .option(
      "--timeout <duration>",
      `per-source timeout (30s, 2m, 500ms; default ${SYNC_TIMEOUT_MS / 1000}s)`,
      duration,
    )
    .option("--require-all", "fail (exit 5) when any source fails")
    .option("--models-dev-url <url>", "models.dev api.json URL (or STARMAP_MODELS_DEV_URL)")
    .option("--models-dev-archive-url <url>", "models.dev archive URL (or STARMAP_MODELS_DEV_ARCHIVE_URL)")
    .option("--models-dev-ref <ref>", "models.dev archive ref (or STARMAP_MODELS_DEV_REF)")
    .option("--litellm <url-or-file>", "LiteLLM price map (or STARMAP_LITELLM_URL)")
    .option("--overrides-dir <dir>", "local override directory (or STARMAP_OVERRIDES_DIR)")
    .action(async (provider, flags, cmd) =>
      (await import("./_update_actions.ts")).runUpdate(ctx, provider, flags, cmd)
    ) as unknown as Command;
}
