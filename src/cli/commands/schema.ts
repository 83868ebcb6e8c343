/**
 * `starmap schema <kind>`: the JSON Schema of an output. The work is in `schema_actions.ts`.
 *
 * @module
 */
import { Argument, Command, type CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Context } from "../context.ts";

/** The outputs `starmap schema` describes: records (json, jsonl, yaml) and rows (csv, tsv, `--fields`). */
export const SCHEMA_KINDS = [
  "model",
  "models",
  "models-row",
  "offering",
  "offerings",
  "offerings-row",
  "provider",
  "providers",
  "providers-row",
  "author",
  "authors",
  "authors-row",
  "cost",
  "cost-row",
  "catalog",
] as const;

/** The `schema` command. */
export function schemaCommand(ctx: Context): CommandUnknownOpts {
  return new Command("schema")
    .description("print the JSON Schema of an output (records for json/yaml, rows for csv/tsv/--fields)")
    .addArgument(new Argument("<kind>", "the output").choices(SCHEMA_KINDS))
    .action(async (kind) => (await import("./schema_actions.ts")).printSchema(ctx, kind));
}
