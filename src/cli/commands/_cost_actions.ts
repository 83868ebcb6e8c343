/**
 * What `starmap cost` does: load the prices (with overrides), calculate and render; also the pricing registry
 * that `export pricing` shares.
 *
 * @module
 */
import { StarmapError } from "../../errors.ts";
import { CostCalculator } from "../../pricing/mod.ts";
import { PriceBook } from "../../pricing/mod.ts";
import type { CostBreakdown, CostService, UsageInput } from "../../pricing/types.gen.ts";
import { hasPermission } from "../../runtime/mod.ts";
import type { Context } from "../_context.ts";
import { isDataFormat, renderData, renderList } from "../render/mod.ts";
import { compareView, componentView, costSummary } from "../views/mod.ts";
import { type GlobalFlags, globalFlags } from "../_settings.ts";

/**
 * The pricing registry of a run: the catalog, with the override file of `--pricing-file`, else
 * `STARMAP_PRICING_FILE`, else the config's `pricing.file`.
 *
 * @throws {StarmapError} `permission` when the file cannot be read for lack of permission, `invalid` for a bad file.
 */
export async function loadRegistry(
  ctx: Context,
  globals: GlobalFlags,
  flag?: string,
): Promise<PriceBook> {
  const settings = await ctx.settings(globals);
  const catalog = await ctx.catalog(globals);
  const file = flag ?? ctx.io.env("STARMAP_PRICING_FILE") ?? settings.config.pricing?.file;
  if (file && !hasPermission("read", file)) {
    throw new StarmapError("permission", `cannot read pricing file ${file}: read permission is not granted`, {
      hint: `grant it with --allow-read=${file}`,
    });
  }
  return PriceBook.load(catalog, { file });
}

/** The flags of `cost` as commander parses them. */
export interface CostFlags {
  /** `--input`: uncached input (prompt) tokens: 12000, 12k, 1.5M. */
  input?: number;
  /** `--output-tokens`: output tokens (without reasoning tokens). */
  outputTokens?: number;
  /** `--cached`: input tokens read from the prompt cache. */
  cached?: number;
  /** `--cache-write`: input tokens written to the prompt cache. */
  cacheWrite?: number;
  /** `--reasoning`: reasoning tokens not counted in `--output-tokens`. */
  reasoning?: number;
  /** `--input-audio`: audio input tokens. */
  inputAudio?: number;
  /** `--output-audio`: audio output tokens. */
  outputAudio?: number;
  /** `--requests`: requests. */
  requests?: number;
  /** `--images-in`: input images. */
  imagesIn?: number;
  /** `--images-out`: generated images. */
  imagesOut?: number;
  /** `--audio-seconds-in`: seconds of input audio. */
  audioSecondsIn?: number;
  /** `--audio-seconds-out`: seconds of generated audio. */
  audioSecondsOut?: number;
  /** `--video-seconds-in`: seconds of input video. */
  videoSecondsIn?: number;
  /** `--video-seconds-out`: seconds of generated video. */
  videoSecondsOut?: number;
  /** `--characters-in`: input characters. */
  charactersIn?: number;
  /** `--characters-out`: output characters. */
  charactersOut?: number;
  /** `--web-searches`: web searches. */
  webSearches?: number;
  /** `--pages`: document pages. */
  pages?: number;
  /** `--annotated-pages`: document pages annotated. */
  annotatedPages?: number;
  /** `--queries`: rerank or search queries. */
  queries?: number;
  /** `--pixels-in`: input image pixels. */
  pixelsIn?: number;
  /** `--pixels-out`: generated image pixels. */
  pixelsOut?: number;
  /** `--service`: the service rate. */
  service?: CostService;
  /** `--region`: the processing region. */
  region?: string;
  /** `--provider`: the provider, when the id is served by several. */
  provider?: string;
  /** `--pricing-file`: YAML price overrides by provider/model (or STARMAP_PRICING_FILE). */
  pricingFile?: string;
}

/** The notes of a comparison, each once, with how many offerings it concerns when more than one. */
function compareNotes(results: readonly CostBreakdown[]): string[] {
  const counts = new Map<string, number>();
  for (const r of results) {
    for (const n of r.notes) {
      // Notes that name the offering (`openai/gpt-5 has no batch rate …`) are counted as one.
      const key = n.startsWith(`${r.key} `) ? `offerings have${n.slice(r.key.length + 4)}` : n;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].map(([n, c]) => (n.startsWith("offerings have") ? `${c} of ${results.length} ${n}` : n));
}

/** `cost <model>`. */
export async function calculateCost(
  ctx: Context,
  ref: string,
  flags: CostFlags,
  cmd: { optsWithGlobals(): unknown },
): Promise<void> {
  const globals = globalFlags(cmd);
  const settings = await ctx.settings(globals);
  const registry = await loadRegistry(ctx, globals, flags.pricingFile);
  const { outputTokens, cached, provider, pricingFile: _file, service, region, ...counts } = flags;
  const usage: UsageInput = { ...counts, output: outputTokens ?? 0, cachedRead: cached ?? 0 };
  const response = new CostCalculator(registry).calculate({
    model: ref,
    ...(provider ? { provider } : {}),
    ...(service ? { service } : {}),
    ...(region ? { region } : {}),
    ...usage,
  });
  const { format } = settings.render;
  const results = response.results;
  if (!settings.quiet && Object.values(usage).every((n) => !n)) {
    ctx.io.err("note: no usage given (--input, --output-tokens, --requests, …): the cost is 0\n");
  }
  if (isDataFormat(format) && !settings.render.fields) ctx.io.out(renderData(response, format));
  else if (results.length > 1 || (format !== "table" && format !== "wide")) {
    ctx.io.out(renderList(results, compareView, results, settings.render));
    for (const note of compareNotes(results)) ctx.io.err(`note: ${note}\n`);
  } else {
    const only = results[0]!;
    ctx.io.out(renderList(only.components, componentView, only.components, settings.render));
    ctx.io.out(costSummary(only));
  }
}
