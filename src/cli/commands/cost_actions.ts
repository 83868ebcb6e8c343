/**
 * What `starmap cost` does: load the prices (with overrides), calculate and render; also the pricing registry
 * that `export pricing` shares.
 *
 * @module
 */
import { StarmapError } from "../../errors.ts";
import { CostCalculator } from "../../pricing/calculator.ts";
import { PricingRegistry } from "../../pricing/registry.ts";
import type { CostBreakdown, CostComponent, TokenUsageInput } from "../../pricing/schema.ts";
import { hasPermission } from "../../runtime/runtime.ts";
import type { Context } from "../context.ts";
import { renderData, renderList } from "../render/format.ts";
import type { Column } from "../render/table.ts";
import type { GlobalFlags } from "../settings.ts";

/** The root's own flags (a subcommand's `--output` token count must not be read as the output format). */
export function rootFlags(cmd: { parent: unknown; opts(): unknown }): GlobalFlags {
  let root = cmd as { parent: unknown; opts(): unknown };
  while (root.parent) root = root.parent as typeof root;
  return root.opts() as GlobalFlags;
}

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
): Promise<PricingRegistry> {
  const settings = await ctx.settings(globals);
  const catalog = await ctx.catalog(globals);
  const file = flag ?? ctx.io.env("STARMAP_PRICING_FILE") ?? settings.config.pricing?.file;
  if (file && !hasPermission("read", file)) {
    throw new StarmapError("permission", `cannot read pricing file ${file}: read permission is not granted`, {
      hint: `grant it with --allow-read=${file}`,
    });
  }
  return PricingRegistry.load(catalog, { file });
}

const group = new Intl.NumberFormat("en-US");

const componentColumns: Column<CostComponent>[] = [
  { header: "COMPONENT", get: (c) => c.component },
  { header: "TOKENS", get: (c) => group.format(c.tokens), right: true },
  {
    header: "USD/1M",
    get: (c) => (c.pricePerMillion === null ? "unknown" : String(c.pricePerMillion)),
    right: true,
  },
  { header: "FROM", get: (c) => c.priceFrom ?? "", wide: true },
  { header: "COST (USD)", get: (c) => c.usd ?? "unknown", right: true },
];

function priceOf(r: CostBreakdown, name: string): string {
  const c = r.components.find((x) => x.component === name);
  return c ? (c.pricePerMillion === null ? "?" : String(c.pricePerMillion)) : "";
}

function totalText(r: CostBreakdown): string {
  if (r.status === "unknown") return "unknown price";
  if (r.status === "incomplete") return `${r.total} + unknown`;
  return r.total!;
}

const compareColumns: Column<CostBreakdown>[] = [
  { header: "PROVIDER", get: (r) => r.provider },
  { header: "MODEL", get: (r) => r.model, flex: true },
  { header: "STATUS", get: (r) => r.status },
  { header: "IN/1M", get: (r) => priceOf(r, "input"), right: true, wide: true },
  { header: "OUT/1M", get: (r) => priceOf(r, "output"), right: true, wide: true },
  { header: "TIER", get: (r) => (r.tier === null ? "" : `>${r.tier}`), wide: true },
  { header: "TOTAL (USD)", get: (r) => totalText(r), right: true },
];

function summary(r: CostBreakdown): string {
  const name = r.name && r.name !== r.model ? ` (${r.name})` : "";
  const tier = r.tier === null ? "" : `, context tier > ${group.format(r.tier)} tokens`;
  const override = r.overridden ? ", prices from the pricing file" : "";
  const total = r.status === "unknown"
    ? "unknown: the catalog has no price for this model (not free)"
    : r.status === "incomplete"
    ? `${r.total} (incomplete: some components have no price)`
    : r.total;
  return `\n${r.key}${name}: ${r.status}${tier}${override}\nTOTAL USD ${total}\n`;
}

/** The flags of `cost` as commander parses them. */
export interface CostFlags {
  /** `--input`: uncached input (prompt) tokens: 12000, 12k, 1.5M. */
  input?: number;
  /** `--output`: output tokens (without reasoning tokens). */
  output?: number;
  /** `--cached`: input tokens read from the prompt cache. */
  cached?: number;
  /** `--cache-write`: input tokens written to the prompt cache. */
  cacheWrite?: number;
  /** `--reasoning`: reasoning tokens not counted in `--output`. */
  reasoning?: number;
  /** `--input-audio`: audio input tokens. */
  inputAudio?: number;
  /** `--output-audio`: audio output tokens. */
  outputAudio?: number;
  /** `--provider`: the provider, when the id is served by several. */
  provider?: string;
  /** `--pricing-file`: YAML price overrides by provider/model (or STARMAP_PRICING_FILE). */
  pricingFile?: string;
}

/** `cost <model>`. */
export async function calculateCost(
  ctx: Context,
  ref: string,
  flags: CostFlags,
  cmd: { parent: unknown; opts(): unknown },
): Promise<void> {
  const globals = rootFlags(cmd);
  const settings = await ctx.settings(globals);
  const registry = await loadRegistry(ctx, globals, flags.pricingFile);
  const usage: TokenUsageInput = {
    input: flags.input ?? 0,
    output: flags.output ?? 0,
    cachedRead: flags.cached ?? 0,
    cacheWrite: flags.cacheWrite ?? 0,
    reasoning: flags.reasoning ?? 0,
    inputAudio: flags.inputAudio ?? 0,
    outputAudio: flags.outputAudio ?? 0,
  };
  const response = new CostCalculator(registry).calculate({
    model: ref,
    ...(flags.provider ? { provider: flags.provider } : {}),
    ...usage,
  });
  const { format } = settings.render;
  const results = response.results;
  if (format === "json" || format === "yaml") ctx.io.out(renderData(response, format));
  else if (results.length > 1) ctx.io.out(renderList(results, compareColumns, response, settings.render));
  else if (format === "table" || format === "wide") {
    const only = results[0]!;
    ctx.io.out(renderList(only.components, componentColumns, response, settings.render));
    ctx.io.out(summary(only));
  } else ctx.io.out(renderList(results, compareColumns, response, settings.render));
}
