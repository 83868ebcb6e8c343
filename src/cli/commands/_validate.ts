/**
 * `starmap validate [path]`: checks a catalog file, an override directory or the user's catalog directory and
 * reports every problem with its file and field (exit 2 when there is any). The work is in `_validate_actions.ts`.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import type { Context } from "../_context.ts";

/** The `validate` command. */
export function validateCommand(ctx: Context): Command {
  return new Command("validate")
    .description("check a catalog file or an override directory and report every problem")
    .argument("[path]", "catalog.json, provenance.json, an override directory or a catalog directory")
    .action(async (path, _flags, cmd) =>
      (await import("./_validate_actions.ts")).validate(ctx, path, cmd)
    ) as unknown as Command;
}
