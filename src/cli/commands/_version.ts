/**
 * `starmap version`; the work is in `_version_actions.ts`.
 *
 * @module
 */
import { Command, type CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Context } from "../_context.ts";

/** The `version` command: version, commit, runtime, platform and the catalog's date and size. */
export function versionCommand(ctx: Context): CommandUnknownOpts {
  return new Command("version")
    .description("show the version, build and catalog of starmap")
    .action(async (_flags, cmd) => (await import("./_version_actions.ts")).showVersion(ctx, cmd));
}
