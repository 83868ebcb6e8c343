/**
 * `starmap export pricing`: the catalog's prices in the shapes AI gateways read.
 *
 * @module
 */
import { Command, Option } from "@commander-js/extra-typings";
import { StarmapError } from "../../errors.ts";
import { atomicWrite } from "../../fs/atomic_write.ts";
import { exportPricing, PriceExportFormat } from "../../pricing/export/mod.ts";
import { hasPermission } from "../../runtime/runtime.ts";
import type { Context } from "../context.ts";
import { collect } from "../options.ts";
import { loadRegistry, rootFlags } from "./cost.ts";

function pricingCommand(ctx: Context) {
  return new Command("pricing")
    .description("export prices: LiteLLM price map, OpenRouter models, YAML table (USD per 1K) or CSV")
    .addOption(
      new Option("--format <format>", "export format").choices(PriceExportFormat.options)
        .makeOptionMandatory(),
    )
    .option("-p, --provider <id>", "only models of this provider (repeatable, comma-separated)", collect())
    .option("--out <file>", "write to this file (atomically) instead of stdout")
    .option("--pricing-file <file>", "YAML price overrides by provider/model (or STARMAP_PRICING_FILE)")
    .action(async (flags, cmd) => {
      const globals = rootFlags(cmd);
      const registry = await loadRegistry(ctx, globals, flags.pricingFile);
      const result = exportPricing(
        registry,
        flags.format,
        flags.provider ? { providers: flags.provider } : {},
      );
      if (flags.out === undefined) {
        ctx.io.out(result.text);
      } else {
        if (!hasPermission("write", flags.out)) {
          throw new StarmapError("permission", `cannot write ${flags.out}: write permission is not granted`, {
            hint: `grant it with --allow-write=${flags.out}, or leave out --out to write to stdout`,
          });
        }
        await atomicWrite(flags.out, result.text).catch((error) => {
          throw new StarmapError("storage", `cannot write ${flags.out}: ${(error as Error).message}`, {
            cause: error,
          });
        });
      }
      const skipped = result.skipped ? `, ${result.skipped} without a price left out` : "";
      await ctx.info(globals, `exported ${result.models} models as ${flags.format}${skipped}`);
    });
}

/** The `export` command group. */
export function exportCommand(ctx: Context): Command {
  return new Command("export")
    .description("export catalog data for other tools")
    .addCommand(pricingCommand(ctx)) as unknown as Command;
}
