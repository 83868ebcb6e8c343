/**
 * `starmap models history <id>`: where each field of a model came from (source, value, priority, time). The work
 * is in `_history_actions.ts`.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import type { Context } from "../_context.ts";

/** The `models history` command. */
export function historyCommand(ctx: Context): Command {
  return new Command("history")
    .description("show where each field of a model came from (source, value, priority, time)")
    .argument("<model>", "provider/model or model id")
    .option("-p, --provider <id>", "the provider, when the id is served by several")
    .action(async (ref, flags, cmd) =>
      (await import("./_history_actions.ts")).showHistory(ctx, ref, flags, cmd)
    ) as unknown as Command;
}
