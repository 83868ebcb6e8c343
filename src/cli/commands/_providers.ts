/**
 * `starmap providers list|show|fetch`: the definitions; the work is in `_providers_actions.ts`.
 *
 * @module
 */
import { Command, type CommandUnknownOpts } from "@commander-js/extra-typings";
import { addDefault } from "../_default_command.ts";
import type { Context } from "../_context.ts";
import { collect, positiveInt } from "../_options.ts";
import { providersFetchCommand } from "./_providers_fetch.ts";

function listCommand(ctx: Context) {
  return new Command("list")
    .alias("ls")
    .description("list providers with their model counts")
    .option("-s, --search <term>", "case-insensitive term over id, name and aliases (repeatable)", collect())
    .option("-l, --limit <n>", "show at most n providers", positiveInt)
    .action(async (flags, cmd) => (await import("./_providers_actions.ts")).listProviders(ctx, flags, cmd));
}

function showCommand(ctx: Context) {
  return new Command("show")
    .alias("get")
    .description("show one provider and its models")
    .argument("<provider>", "provider id or alias")
    .action(async (id, _flags, cmd) => (await import("./_providers_actions.ts")).showProvider(ctx, id, cmd));
}

/** The `providers` command group. */
export function providersCommand(ctx: Context): CommandUnknownOpts {
  const group = new Command("providers").description("list and inspect providers");
  return addDefault(group, listCommand(ctx)).addCommand(showCommand(ctx)).addCommand(
    providersFetchCommand(ctx),
  );
}
