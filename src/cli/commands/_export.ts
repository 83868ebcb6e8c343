/**
 * `starmap export pricing`: the catalog's prices in the shapes AI gateways read. The work is in
 * `_export_actions.ts`.
 *
 * @module
 */
import { Command, type CommandUnknownOpts, Option } from "@commander-js/extra-typings";
import { PRICE_EXPORT_FORMATS } from "../../limits.ts";
import type { Context } from "../_context.ts";
import { collect } from "../_options.ts";

function pricingCommand(ctx: Context) {
  return new Command("pricing")
    .description("export prices: LiteLLM price map, OpenRouter models, YAML table (USD per 1K) or CSV")
    .addOption(
      new Option("--format <format>", "export format").choices(PRICE_EXPORT_FORMATS)
        .makeOptionMandatory(),
    )
    .option("-p, --provider <id>", "only models of this provider (repeatable, comma-separated)", collect())
    .option("--out <file>", "write to this file (atomically) instead of stdout")
    .option("--pricing-file <file>", "YAML price overrides by provider/model (or STARMAP_PRICING_FILE)")
    .action(async (flags, cmd) => (await import("./_export_actions.ts")).exportPricing(ctx, flags, cmd));
}

/** The `export` command group. */
export function exportCommand(ctx: Context): CommandUnknownOpts {
  return new Command("export")
    .description("export catalog data for other tools")
    .addCommand(pricingCommand(ctx));
}
