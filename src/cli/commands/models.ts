/**
 * `starmap models list|show`.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { Capability, type ModelFilter, ModelSortKey } from "../../catalog/filter.ts";
import { Modality, ModelStatus } from "../../catalog/schema.ts";
import type { Context } from "../context.ts";
import { historyCommand } from "./history.ts";
import { globalFlags } from "../settings.ts";
import { collect, nonNegative, oneOf, positiveInt, tokenCount } from "../options.ts";
import { renderData, renderFields, renderList } from "../render/format.ts";
import { modelColumns, modelFields } from "../views/models.ts";

/** The flags of `models list` as commander parses them. */
interface ListFlags {
  provider?: string[];
  author?: string[];
  search?: string[];
  limit?: number;
  tools?: true;
  reasoning?: true;
  vision?: true;
  structuredOutput?: true;
  openWeights?: true;
  capability?: Capability[];
  inputModality?: Modality[];
  outputModality?: Modality[];
  minContext?: number;
  maxPrice?: number;
  maxOutputPrice?: number;
  status?: ModelStatus[];
  sort?: ModelSortKey;
  desc?: true;
}

/** Turns the flags of `models list` into a catalog filter. */
export function filterFromFlags(flags: ListFlags, positional: string[] = []): ModelFilter {
  const capabilities = new Set<Capability>(flags.capability ?? []);
  if (flags.tools) capabilities.add("tools");
  if (flags.reasoning) capabilities.add("reasoning");
  if (flags.vision) capabilities.add("vision");
  if (flags.structuredOutput) capabilities.add("structured_output");
  if (flags.openWeights) capabilities.add("open_weights");
  const search = [...(flags.search ?? []), ...positional];
  const filter: ModelFilter = {};
  if (flags.provider?.length) filter.provider = flags.provider;
  if (flags.author?.length) filter.author = flags.author;
  if (search.length) filter.search = search;
  if (capabilities.size) filter.capabilities = [...capabilities];
  if (flags.inputModality?.length) filter.input = flags.inputModality;
  if (flags.outputModality?.length) filter.output = flags.outputModality;
  if (flags.minContext !== undefined) filter.minContext = flags.minContext;
  if (flags.maxPrice !== undefined) filter.maxInputPrice = flags.maxPrice;
  if (flags.maxOutputPrice !== undefined) filter.maxOutputPrice = flags.maxOutputPrice;
  if (flags.status?.length) filter.status = flags.status;
  if (flags.sort) filter.sort = flags.sort;
  if (flags.desc) filter.order = "desc";
  if (flags.limit !== undefined) filter.limit = flags.limit;
  return filter;
}

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
      `required capability: ${Capability.options.join(", ")}`,
      collect(oneOf(Capability.options)),
    )
    .option(
      "--input-modality <m>",
      `required input modality: ${Modality.options.join(", ")}`,
      collect(oneOf(Modality.options)),
    )
    .option("--output-modality <m>", "required output modality", collect(oneOf(Modality.options)))
    .option("--min-context <tokens>", "minimum context window (128000, 128k, 1M)", tokenCount)
    .option("--max-price <usd>", "maximum input price in USD per 1M tokens", nonNegative)
    .option("--max-output-price <usd>", "maximum output price in USD per 1M tokens", nonNegative)
    .option(
      "--status <status>",
      `life-cycle state: ${ModelStatus.options.join(", ")}`,
      collect(oneOf(ModelStatus.options)),
    )
    .option("--sort <key>", `sort by ${ModelSortKey.options.join(", ")}`, oneOf(ModelSortKey.options))
    .option("--desc", "sort in descending order")
    .action(async (query, flags, cmd) => {
      const globals = globalFlags(cmd);
      const settings = await ctx.settings(globals);
      const catalog = await ctx.catalog(globals);
      const page = catalog.query(filterFromFlags(flags, query));
      ctx.io.out(renderList(page.items, modelColumns, page.items, settings.render));
      if (settings.render.format === "table" || settings.render.format === "wide") {
        const shown = page.items.length;
        if (!settings.quiet && shown < page.total) ctx.io.err(`showing ${shown} of ${page.total} models\n`);
        if (!settings.quiet && page.total === 0) ctx.io.err("no models match\n");
      }
    });
}

function showCommand(ctx: Context) {
  return new Command("show")
    .alias("get")
    .description("show one model: provider/model, or a bare id served by one provider")
    .argument("<model>", "provider/model or model id")
    .option("-p, --provider <id>", "the provider, when the id is served by several")
    .action(async (ref, flags, cmd) => {
      const globals = globalFlags(cmd);
      const settings = await ctx.settings(globals);
      const catalog = await ctx.catalog(globals);
      const key = flags.provider ? `${catalog.resolveProvider(flags.provider).id}/${ref}` : ref;
      const model = catalog.resolveModel(key);
      const { format } = settings.render;
      if (format === "json" || format === "yaml") ctx.io.out(renderData(model, format));
      else if (format === "table" || format === "wide") {
        ctx.io.out(renderFields(modelFields(model), settings.render));
      } else ctx.io.out(renderList([model], modelColumns, model, settings.render));
    });
}

/** The `models` command group. */
export function modelsCommand(ctx: Context): Command {
  return new Command("models")
    .description("list and inspect models")
    .addCommand(listCommand(ctx), { isDefault: true })
    .addCommand(showCommand(ctx))
    .addCommand(historyCommand(ctx)) as unknown as Command;
}
