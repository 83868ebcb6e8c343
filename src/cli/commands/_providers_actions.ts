/**
 * What `starmap providers list|show` do.
 *
 * @module
 */
import { type Provider, providerSummary } from "../../catalog/mod.ts";
import type { Context } from "../_context.ts";
import { isDataFormat, renderData, renderFields, renderList } from "../render/mod.ts";
import type { InvokedCommand } from "../_settings.ts";
import { offeringView } from "../views/mod.ts";
import { providerFields, type ProviderRow, providerView } from "../views/mod.ts";

function matches(provider: Provider, terms: string[]): boolean {
  const text = `${provider.id}\n${provider.name}\n${(provider.aliases ?? []).join("\n")}`.toLowerCase();
  return terms.every((t) => text.includes(t.toLowerCase()));
}

/** `providers list`. */
export async function listProviders(
  ctx: Context,
  flags: { search?: string[]; limit?: number },
  cmd: InvokedCommand,
): Promise<void> {
  const { settings, catalog } = await ctx.load(cmd);
  const data = catalog.providers
    .map((p) => providerSummary(catalog, p.id))
    .filter((provider) => matches(provider, flags.search ?? []))
    .slice(0, flags.limit);
  const rows: ProviderRow[] = data.map((provider) => ({ provider, models: provider.modelCount }));
  const text = renderList(rows, providerView, data, settings.render);
  await ctx.emitList(text, { shown: rows.length, noun: "providers" }, settings);
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
  if (isDataFormat(format) && !settings.render.fields) {
    ctx.io.out(renderData({ ...provider, models: models.map((m) => m.id) }, format));
    return;
  }
  if (format !== "table" && format !== "wide") {
    const row = [{ provider, models: models.length }];
    ctx.io.out(renderList(row, providerView, [provider], settings.render));
    return;
  }
  const fields = renderFields(providerFields(provider, models.length), settings.render);
  const columns = offeringView.columns.filter((c) => c.name !== "provider");
  const list = renderList(models, { ...offeringView, columns }, models, settings.render);
  await ctx.emitList(`${fields}\n${list}`, { shown: models.length, noun: "offerings" }, settings);
}
