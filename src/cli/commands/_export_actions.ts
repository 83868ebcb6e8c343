/**
 * What `starmap export pricing` does: export the prices and write them to stdout or a file (atomically).
 *
 * @module
 */
import { StarmapError } from "../../errors.ts";
import { atomicWrite } from "../../fs/mod.ts";
import { exportPricing as toFormat, type PriceExportFormat } from "../../pricing/mod.ts";
import { hasPermission } from "../../runtime/mod.ts";
import type { Context } from "../_context.ts";
import { globalFlags } from "../_settings.ts";
import { loadRegistry } from "./_cost_actions.ts";

/** `export pricing`. */
export async function exportPricing(
  ctx: Context,
  flags: { format: PriceExportFormat; provider?: string[]; out?: string; pricingFile?: string },
  cmd: { optsWithGlobals(): unknown },
): Promise<void> {
  const globals = globalFlags(cmd);
  const registry = await loadRegistry(ctx, globals, flags.pricingFile);
  const result = toFormat(
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
}
