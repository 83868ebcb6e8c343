/**
 * `starmap providers list|show`.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import type { Context } from "../context.ts";
import { globalFlags } from "../settings.ts";
import { collect, positiveInt } from "../options.ts";
import { renderData, renderFields, renderList } from "../render/format.ts";
import { modelColumns } from "../views/models.ts";
import { providerColumns, providerFields, type ProviderRow } from "../views/providers.ts";
import { providersFetchCommand } from "./providers_fetch.ts";

function matches(row: ProviderRow, terms: string[]): boolean {
  const text = `${row.provider.id}\n${row.provider.name}\n${(row.provider.aliases ?? []).join("\n")}`
    .toLowerCase();
  return terms.every((t) => text.includes(t.toLowerCase()));
}

function listCommand(ctx: Context) {
  return new Command("list")
    .alias("ls")
    .description("list providers with their model counts")
    .option("-s, --search <term>", "case-insensitive term over id, name and aliases (repeatable)", collect())
    .option("-l, --limit <n>", "show at most n providers", positiveInt)
    .action(async (flags, cmd) => {
      const globals = globalFlags(cmd);
      const settings = await ctx.settings(globals);
      const catalog = await ctx.catalog(globals);
      const rows = catalog.providers
        .map((provider) => ({ provider, models: catalog.modelsByProvider(provider.id).length }))
        .filter((row) => matches(row, flags.search ?? []))
        .slice(0, flags.limit);
      const data = rows.map((r) => ({ ...r.provider, modelCount: r.models }));
      ctx.io.out(renderList(rows, providerColumns, data, settings.render));
    });
}

function showCommand(ctx: Context) {
  return new Command("show")
    .alias("get")
    .description("show one provider and its models")
    .argument("<provider>", "provider id or alias")
    .action(async (id, _flags, cmd) => {
      const globals = globalFlags(cmd);
      const settings = await ctx.settings(globals);
      const catalog = await ctx.catalog(globals);
      const provider = catalog.resolveProvider(id);
      const models = catalog.modelsByProvider(provider.id);
      const { format } = settings.render;
      if (format === "json" || format === "yaml") {
        ctx.io.out(renderData({ ...provider, models: models.map((m) => m.id) }, format));
        return;
      }
      if (format === "csv" || format === "markdown") {
        ctx.io.out(
          renderList([{ provider, models: models.length }], providerColumns, provider, settings.render),
        );
        return;
      }
      ctx.io.out(renderFields(providerFields(provider, models.length), settings.render));
      ctx.io.out("\n");
      ctx.io.out(
        renderList(models, modelColumns.filter((c) => c.header !== "PROVIDER"), models, settings.render),
      );
    });
}

/** The `providers` command group. */
export function providersCommand(ctx: Context): Command {
  return new Command("providers")
    .description("list and inspect providers")
    .addCommand(listCommand(ctx), { isDefault: true })
    .addCommand(showCommand(ctx))
    .addCommand(providersFetchCommand(ctx)) as unknown as Command;
}
