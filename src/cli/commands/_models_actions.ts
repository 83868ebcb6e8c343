/**
 * What `starmap models list|show` do: build the filter, query the catalog, render.
 *
 * @module
 */
import type { Capability, ModelFilter, ModelSortKey } from "../../catalog/types.gen.ts";
import type { Modality, ModelStatus, Operation } from "../../catalog/types.gen.ts";
import type { Context } from "../_context.ts";
import type { InvokedCommand } from "../_settings.ts";
import { isDataFormat, renderData, renderFields, renderList } from "../render/mod.ts";
import { modelFields, offeringFields } from "../views/mod.ts";
import { modelOfferingsView, modelView, offeringView } from "../views/mod.ts";
import { resolveModelFor } from "../_resolve_model.ts";
import { suggest } from "../../words/mod.ts";
import type { Catalog } from "../../catalog/mod.ts";
import type { Offering } from "../../catalog/types.gen.ts";

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
  /** `--offerings`: list offerings (one row per provider's service) instead of models. */
  offerings?: true;
  /** `--param`: request parameters an offering must accept (repeatable). */
  param?: string[];
  /** `--operation`: operations an offering must serve (repeatable). */
  operation?: Operation[];
  /** `--retiring-before`: offerings retired or deprecated on or before this date. */
  retiringBefore?: string;
  /** `--released-after`: models released on or after this date. */
  releasedAfter?: string;
  /** `--released-before`: models released on or before this date. */
  releasedBefore?: string;
  /** `--region`: regions an offering must be served in (any of them). */
  region?: string[];
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
  if (flags.param?.length) filter.param = flags.param;
  if (flags.operation?.length) filter.operation = flags.operation;
  if (flags.retiringBefore) filter.retiringBefore = flags.retiringBefore;
  if (flags.releasedAfter) filter.releasedAfter = flags.releasedAfter;
  if (flags.releasedBefore) filter.releasedBefore = flags.releasedBefore;
  if (flags.region?.length) filter.region = flags.region;
  if (flags.sort) filter.sort = flags.sort;
  if (flags.desc) filter.order = "desc";
  if (flags.limit !== undefined) filter.limit = flags.limit;
  return filter;
}

/** `models list [query…]`: one row per model, or per offering with `--offerings` or `-p`. */
export async function listModels(
  ctx: Context,
  query: string[],
  flags: ListFlags,
  cmd: InvokedCommand,
): Promise<void> {
  const { settings, catalog } = await ctx.load(cmd);
  const filter = filterFromFlags(flags, query);
  const { format } = settings.render;
  const table = format === "table" || format === "wide";
  let count: { shown: number; total: number; noun: string };
  if (flags.offerings || flags.provider?.length) {
    const page = catalog.queryOfferings(filter);
    const text = renderList(page.items, offeringView, page.items, settings.render);
    count = { shown: page.items.length, total: page.total, noun: "offerings" };
    await ctx.emitList(text, count, settings);
  } else {
    const page = catalog.query(filter);
    const data = page.items.map((l) => ({
      ...l.model,
      providers: l.providers,
      offerings: l.offeringCount,
      cheapest: { input: l.input, output: l.output },
    }));
    const text = renderList(page.items, modelView, data, settings.render);
    count = { shown: page.items.length, total: page.total, noun: "models" };
    await ctx.emitList(text, count, settings);
  }
  if (table && !settings.quiet && count.total === 0) {
    ctx.io.err(`no ${count.noun} match\n`);
  }
  if (!settings.quiet && count.total === 0) {
    for (const line of unknownValues(catalog, flags)) ctx.io.err(`${line}\n`);
  }
}

/**
 * A note for each `--param` no offering accepts and each `--region` none is served in: both are open sets, so a
 * typo would only match nothing.
 */
function unknownValues(catalog: Catalog, flags: ListFlags): string[] {
  const given = [
    ...(flags.param ?? []).map((v) => ({
      v,
      what: "accepts the request parameter",
      get: (o: Offering) => o.params,
    })),
    // Regions match whatever their case; parameter names match exactly, as they are sent.
    ...(flags.region ?? []).map((v) => ({
      v: v.toLowerCase(),
      what: "is served in the region",
      get: (o: Offering) => o.regions?.map((r) => r.toLowerCase()),
    })),
  ];
  return given.flatMap(({ v, what, get }) => {
    const known = new Set(catalog.allOfferings.flatMap((o) => get(o) ?? []));
    if (known.has(v)) return [];
    const near = suggest(v, known, { limit: 3 });
    return [`note: no offering ${what} "${v}"${near.length ? `; did you mean: ${near.join(", ")}?` : ""}`];
  });
}

/**
 * `models show <ref>`: a model (by any spelling) and every offering of it, cheapest first; or, for a provider's
 * own id, that offering and its model.
 */
export async function showModel(
  ctx: Context,
  ref: string,
  flags: { provider?: string },
  cmd: InvokedCommand,
): Promise<void> {
  const { settings, catalog } = await ctx.load(cmd);
  const { model, offering } = resolveModelFor(catalog, ref, flags.provider);
  const offerings = catalog.offerings(model.id);
  const { format, fields } = settings.render;
  if (isDataFormat(format) && !fields) {
    ctx.io.out(renderData(offering ? { offering, model } : { model, offerings }, format));
  } else if ((format === "table" || format === "wide") && !fields) {
    if (offering) {
      ctx.io.out(renderFields(offeringFields(offering), settings.render));
      ctx.io.out("\n");
    }
    ctx.io.out(renderFields(modelFields(model, offerings.length), settings.render));
    if (!offering && offerings.length) {
      ctx.io.out("\n");
      ctx.io.out(renderList(offerings, modelOfferingsView, offerings, settings.render));
    }
  } else {
    const rows = offering ? [offering] : offerings;
    ctx.io.out(renderList(rows, offeringView, rows, settings.render));
  }
}
