/**
 * `starmap authors list|show`: the definitions; the work is in `_authors_actions.ts`.
 *
 * @module
 */
import { Command, type CommandUnknownOpts } from "@commander-js/extra-typings";
import { addDefault } from "../_default_command.ts";
import type { Context } from "../_context.ts";
import { collect, positiveInt } from "../_options.ts";

function listCommand(ctx: Context) {
  return new Command("list")
    .alias("ls")
    .description("list authors (labs) with their model and provider counts")
    .option("-s, --search <term>", "case-insensitive term over id and name (repeatable)", collect())
    .option("-l, --limit <n>", "show at most n authors", positiveInt)
    .action(async (flags, cmd) => (await import("./_authors_actions.ts")).listAuthors(ctx, flags, cmd));
}

function showCommand(ctx: Context) {
  return new Command("show")
    .alias("get")
    .description("show one author and the models it made")
    .argument("<author>", "author id")
    .option("-l, --limit <n>", "list at most n of its models", positiveInt)
    .action(async (id, flags, cmd) =>
      (await import("./_authors_actions.ts")).showAuthor(ctx, id, flags, cmd)
    );
}

/** The `authors` command group. */
export function authorsCommand(ctx: Context): CommandUnknownOpts {
  const group = new Command("authors").description("list and inspect authors (the labs that make models)");
  return addDefault(group, listCommand(ctx)).addCommand(showCommand(ctx));
}
