/**
 * `starmap models list|show|history`: the definitions (flags, help); the work is in `_models_actions.ts`, loaded
 * when one of them runs.
 *
 * @module
 */
import { Command, type CommandUnknownOpts } from "@commander-js/extra-typings";
import { addDefault } from "../_default_command.ts";
import {
  CAPABILITIES,
  MODALITIES,
  MODEL_SORT_KEYS,
  MODEL_STATUSES,
  OPERATIONS,
  REQUEST_PARAMS,
} from "../../words/mod.ts";
import type { Context } from "../_context.ts";
import { calendarDate, collect, nonNegative, oneOf, positiveInt, tokenCount } from "../_options.ts";
import { historyCommand } from "./_history.ts";

function listCommand(ctx: Context) {
  return new Command("list")
    .alias("ls")
    .description(
      "list models (one row each), or their offerings, filtered by provider, author, terms and more",
    )
    .argument("[query...]", "search terms (like --search; every term must match)")
    .option("-p, --provider <id>", "the offerings of this provider (repeatable, comma-separated)", collect())
    .option("--offerings", "one row per offering (a provider's service of a model) instead of per model")
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
      `life-cycle state of an offering: ${MODEL_STATUSES.join(", ")}`,
      collect(oneOf(MODEL_STATUSES)),
    )
    .option(
      "--lifecycle <status>",
      "the same as --status",
      collect(oneOf(MODEL_STATUSES)),
    )
    .option(
      "--param <name>",
      `request parameter an offering must accept (repeatable): ${REQUEST_PARAMS.slice(0, 8).join(", ")}, …`,
      collect(),
    )
    .option(
      "--operation <op>",
      `operation an offering must serve: ${OPERATIONS.join(", ")}`,
      collect(oneOf(OPERATIONS)),
    )
    .option(
      "--retiring-before <date>",
      "offerings retired or deprecated on or before this date (YYYY-MM-DD, or YYYY-MM: the whole month)",
      calendarDate,
    )
    .option(
      "--released-after <date>",
      "models released on or after this date (YYYY-MM-DD or YYYY-MM)",
      calendarDate,
    )
    .option(
      "--released-before <date>",
      "models released on or before this date (YYYY-MM-DD, or YYYY-MM: the whole month)",
      calendarDate,
    )
    .option("--region <region>", "offerings served in this region (repeatable)", collect())
    .option("--sort <key>", `sort by ${MODEL_SORT_KEYS.join(", ")}`, oneOf(MODEL_SORT_KEYS))
    .option("--desc", "sort in descending order")
    .action(async (query, flags, cmd) => {
      const { lifecycle, ...rest } = flags;
      const status = [...(rest.status ?? []), ...(lifecycle ?? [])];
      const merged = status.length ? { ...rest, status } : rest;
      return (await import("./_models_actions.ts")).listModels(ctx, query, merged, cmd);
    });
}

function showCommand(ctx: Context) {
  return new Command("show")
    .alias("get")
    .description("show a model (author/slug or any spelling) and every offering of it, cheapest first")
    .argument(
      "<model>",
      "a model id (anthropic/claude-sonnet-4-5), a provider's id, or provider/id of an offering",
    )
    .option("-p, --provider <id>", "show this provider's offering of the id")
    .action(async (ref, flags, cmd) =>
      (await import("./_models_actions.ts")).showModel(ctx, ref, flags, cmd)
    );
}

function compareCommand(ctx: Context) {
  return new Command("compare")
    .description("compare models (or offerings) side by side")
    .argument("<models...>", "two or more models or offerings, by any spelling")
    .action(async (refs, _flags, cmd) =>
      (await import("./_models_compare.ts")).compareModels(ctx, refs, cmd)
    );
}

/** The `models` command group. */
export function modelsCommand(ctx: Context): CommandUnknownOpts {
  const group = new Command("models").description("list and inspect models");
  return addDefault(group, listCommand(ctx)).addCommand(showCommand(ctx)).addCommand(compareCommand(ctx))
    .addCommand(
      historyCommand(ctx),
    );
}
