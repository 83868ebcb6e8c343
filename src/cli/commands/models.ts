/**
 * `starmap models list|show|history`: the definitions (flags, help); the work is in `models_actions.ts`, loaded
 * when one of them runs.
 *
 * @module
 */
import { Command, type CommandUnknownOpts } from "@commander-js/extra-typings";
import { addDefault } from "../default_command.ts";
import { CAPABILITIES, MODALITIES, MODEL_SORT_KEYS, MODEL_STATUSES } from "../../catalog/vocabulary.ts";
import type { Context } from "../context.ts";
import { collect, nonNegative, oneOf, positiveInt, tokenCount } from "../options.ts";
import { historyCommand } from "./history.ts";

function listCommand(ctx: Context) {
  return new Command("list")
    .alias("ls")
    .description("list models, filtered by provider, author, search terms and capabilities")
    .argument("[query...]", "search terms (like --search; every term must match)")
    .option("-p, --provider <id>", "only models of this provider (repeatable, comma-separated)", collect())
    .option("--author <id>", "only models made by this author (repeatable)", collect())
    .option(
      "-s, --search <term>",
      "case-insensitive term over id, name, family and aliases (repeatable)",
      collect(),
    )
    .option("-l, --limit <n>", "show at most n models", positiveInt)
    .option("--tools", "only models that call tools")
    .option("--reasoning", "only reasoning models")
    .option("--vision", "only models that take images")
    .option("--structured-output", "only models with structured (JSON) output")
    .option("--open-weights", "only models with open weights")
    .option(
      "--capability <name>",
      `required capability: ${CAPABILITIES.join(", ")}`,
      collect(oneOf(CAPABILITIES)),
    )
    .option(
      "--input-modality <m>",
      `required input modality: ${MODALITIES.join(", ")}`,
      collect(oneOf(MODALITIES)),
    )
    .option("--output-modality <m>", "required output modality", collect(oneOf(MODALITIES)))
    .option("--min-context <tokens>", "minimum context window (128000, 128k, 1M)", tokenCount)
    .option("--max-price <usd>", "maximum input price in USD per 1M tokens", nonNegative)
    .option("--max-output-price <usd>", "maximum output price in USD per 1M tokens", nonNegative)
    .option(
      "--status <status>",
      `life-cycle state: ${MODEL_STATUSES.join(", ")}`,
      collect(oneOf(MODEL_STATUSES)),
    )
    .option("--sort <key>", `sort by ${MODEL_SORT_KEYS.join(", ")}`, oneOf(MODEL_SORT_KEYS))
    .option("--desc", "sort in descending order")
    .action(async (query, flags, cmd) =>
      (await import("./models_actions.ts")).listModels(ctx, query, flags, cmd)
    );
}

function showCommand(ctx: Context) {
  return new Command("show")
    .alias("get")
    .description("show one model: provider/model, or a bare id served by one provider")
    .argument("<model>", "provider/model or model id")
    .option("-p, --provider <id>", "the provider, when the id is served by several")
    .action(async (ref, flags, cmd) => (await import("./models_actions.ts")).showModel(ctx, ref, flags, cmd));
}

/** The `models` command group. */
export function modelsCommand(ctx: Context): CommandUnknownOpts {
  const group = new Command("models").description("list and inspect models");
  return addDefault(group, listCommand(ctx)).addCommand(showCommand(ctx)).addCommand(historyCommand(ctx));
}
