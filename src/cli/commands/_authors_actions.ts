/**
 * What `starmap authors list|show` do.
 *
 * @module
 */
import type { Context } from "../_context.ts";
import { isDataFormat, renderData, renderFields, renderList } from "../render/mod.ts";
import type { InvokedCommand } from "../_settings.ts";
import { modelView } from "../views/mod.ts";
import { authorFields, type AuthorRow, authorView } from "../views/mod.ts";
import { authorSummary, listing } from "../../catalog/mod.ts";

/** `authors list`. */
export async function listAuthors(
  ctx: Context,
  flags: { search?: string[]; limit?: number },
  cmd: InvokedCommand,
): Promise<void> {
  const { settings, catalog } = await ctx.load(cmd);
  const terms = (flags.search ?? []).map((t) => t.toLowerCase());
  const data = catalog.authors
    .filter((a) => terms.every((t) => `${a.id}\n${a.name}`.toLowerCase().includes(t)))
    .slice(0, flags.limit)
    .map((a) => authorSummary(catalog, a.id));
  const rows: AuthorRow[] = data.map((author) => ({
    author,
    models: author.modelCount,
    providers: author.providerCount,
  }));
  const text = renderList(rows, authorView, data, settings.render);
  await ctx.emitList(text, { shown: rows.length, noun: "authors" }, settings);
}

/** `authors show <author>`. */
export async function showAuthor(
  ctx: Context,
  id: string,
  flags: { limit?: number },
  cmd: InvokedCommand,
): Promise<void> {
  const { settings, catalog } = await ctx.load(cmd);
  const author = catalog.resolveAuthor(id);
  const models = catalog.modelsByAuthor(author.id).map((m) =>
    listing(m, catalog.offerings(m.id, { snapshots: false }))
  );
  const providers = [...catalog.authorProviders(author.id).keys()].sort();
  const { format } = settings.render;
  if (isDataFormat(format) && !settings.render.fields) {
    const data = { ...author, providers, models: models.map((l) => l.model.id) };
    ctx.io.out(renderData(data, format));
    return;
  }
  if (format !== "table" && format !== "wide") {
    const row = { author, models: models.length, providers: providers.length };
    ctx.io.out(renderList([row], authorView, [author], settings.render));
    return;
  }
  const fields = renderFields(authorFields(author, models.length, providers), settings.render);
  const shown = models.slice(0, flags.limit);
  const list = renderList(shown, modelView, shown, settings.render);
  const count = { shown: shown.length, total: models.length, noun: "models" };
  await ctx.emitList(`${fields}\n${list}`, count, settings);
}
