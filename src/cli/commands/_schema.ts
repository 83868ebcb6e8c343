/**
 * `starmap schema <kind>`: the JSON Schema of an output. The work is in `_schema_actions.ts`.
 *
 * @module
 */
import { Argument, Command, type CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Context } from "../_context.ts";
import { SCHEMA_KINDS } from "./_schema_kinds.ts";

/** The `schema` command. */
export function schemaCommand(ctx: Context): CommandUnknownOpts {
  return new Command("schema")
    .description("print the JSON Schema of an output (records for json/yaml, rows for csv/tsv/--fields)")
    .addArgument(new Argument("<kind>", "the output").choices(SCHEMA_KINDS))
    .action(async (kind) => (await import("./_schema_actions.ts")).printSchema(ctx, kind));
}
