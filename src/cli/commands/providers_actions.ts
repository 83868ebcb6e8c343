/**
 * What `starmap providers list|show` do.
 *
 * @module
 */
import type { Context } from "../context.ts";
import { renderData, renderFields, renderList } from "../render/format.ts";
import type { InvokedCommand } from "../settings.ts";
import { offeringColumns } from "../views/models.ts";
import { providerColumns, providerFields, type ProviderRow } from "../views/providers.ts";

function matches(row: ProviderRow, terms: string[]): boolean {
  const text = `${row.provider.id}\n${row.provider.name}\n${(row.provider.aliases ?? []).join("\n")}`
    .toLowerCase();
  return terms.every((t) => text.includes(t.toLowerCase()));
}

/** `providers list`. */
export async function listProviders(
  ctx: Context,
  flags: { search?: string[]; limit?: number },
  cmd: InvokedCommand,
): Promise<void> {
  const { settings, catalog } = await ctx.load(cmd);
  const rows = catalog.providers
    .map((provider) => ({ provider, models: catalog.offeringsByProvider(provider.id).length }))
    .filter((row) => matches(row, flags.search ?? []))
    .slice(0, flags.limit);
  const data = rows.map((r) => ({ ...r.provider, modelCount: r.models }));
  ctx.io.out(renderList(rows, providerColumns, data, settings.render));
}

/** `providers show <provider>`. */
export async function showProvider(
  ctx: Context,
  id: string,
  cmd: InvokedCommand,
): Promise<void> {
  const { settings, catalog } = await ctx.load(cmd);
  const provider = catalog.resolveProvider(id);
  const models = catalog.offeringsByProvider(provider.id);
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
    renderList(models, offeringColumns.filter((c) => c.header !== "PROVIDER"), models, settings.render),
  );
}
