/**
 * What `starmap models list|show` do: build the filter, query the catalog, render.
 *
 * @module
 */
import type { Capability, ModelFilter, ModelSortKey } from "../../catalog/filter.ts";
import type { Modality, ModelStatus } from "../../catalog/schema.ts";
import type { Context } from "../context.ts";
import type { InvokedCommand } from "../settings.ts";
import { isDataFormat, renderData, renderFields, renderList } from "../render/format.ts";
import { modelFields, modelView } from "../views/models.ts";
import { resolveModelFor } from "../resolve_model.ts";

/** The flags of `models list` as commander parses them. */
export interface ListFlags {
  /** `--provider`: only models of this provider (repeatable, comma-separated). */
  provider?: string[];
  /** `--author`: only models made by this author (repeatable). */
  author?: string[];
  /** `--search`: case-insensitive term over id, name, family and aliases (repeatable). */
  search?: string[];
  /** `--limit`: show at most n models. */
  limit?: number;
  /** `--tools`: only models that call tools. */
  tools?: true;
  /** `--reasoning`: only reasoning models. */
  reasoning?: true;
  /** `--vision`: only models that take images. */
  vision?: true;
  /** `--structured-output`: only models with structured (JSON) output. */
  structuredOutput?: true;
  /** `--open-weights`: only models with open weights. */
  openWeights?: true;
  /** `--capability`: required capabilities (repeatable). */
  capability?: Capability[];
  /** `--input-modality`: required input modalities (repeatable). */
  inputModality?: Modality[];
  /** `--output-modality`: required output modalities (repeatable). */
  outputModality?: Modality[];
  /** `--min-context`: minimum context window (128000, 128k, 1M). */
  minContext?: number;
  /** `--max-price`: maximum input price in USD per 1M tokens. */
  maxPrice?: number;
  /** `--max-output-price`: maximum output price in USD per 1M tokens. */
  maxOutputPrice?: number;
  /** `--status`: life-cycle states to keep (repeatable). */
  status?: ModelStatus[];
  /** `--sort`: the sort key. */
  sort?: ModelSortKey;
  /** `--desc`: sort in descending order. */
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

/** `models list [query…]`. */
export async function listModels(
  ctx: Context,
  query: string[],
  flags: ListFlags,
  cmd: InvokedCommand,
): Promise<void> {
  const { settings, catalog } = await ctx.load(cmd);
  const page = catalog.query(filterFromFlags(flags, query));
  const text = renderList(page.items, modelView, page.items, settings.render);
  await ctx.emitList(text, { shown: page.items.length, total: page.total, noun: "models" }, settings);
  const { format } = settings.render;
  if ((format === "table" || format === "wide") && !settings.quiet && page.total === 0) {
    ctx.io.err("no models match\n");
  }
}

/** `models show <model>`. */
export async function showModel(
  ctx: Context,
  ref: string,
  flags: { provider?: string },
  cmd: InvokedCommand,
): Promise<void> {
  const { settings, catalog } = await ctx.load(cmd);
  const model = resolveModelFor(catalog, ref, flags.provider);
  const { format } = settings.render;
  const fields = settings.render.fields;
  if (isDataFormat(format) && !fields) ctx.io.out(renderData(model, format));
  else if ((format === "table" || format === "wide") && !fields) {
    ctx.io.out(renderFields(modelFields(model), settings.render));
  } else ctx.io.out(renderList([model], modelView, [model], settings.render));
}
