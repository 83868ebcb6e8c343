/**
 * What `starmap authors list|show` do.
 *
 * @module
 */
import type { Context } from "../context.ts";
import { renderData, renderFields, renderList } from "../render/format.ts";
import type { InvokedCommand } from "../settings.ts";
import { modelColumns } from "../views/models.ts";
import { authorColumns, authorFields, type AuthorRow } from "../views/providers.ts";
import { listing } from "../../catalog/listing.ts";

/** `authors list`. */
export async function listAuthors(
  ctx: Context,
  flags: { search?: string[]; limit?: number },
  cmd: InvokedCommand,
): Promise<void> {
  const { settings, catalog } = await ctx.load(cmd);
  const terms = (flags.search ?? []).map((t) => t.toLowerCase());
  const rows: AuthorRow[] = catalog.authors
    .filter((a) => terms.every((t) => `${a.id}\n${a.name}`.toLowerCase().includes(t)))
    .map((author) => ({
      author,
      models: catalog.modelsByAuthor(author.id).length,
      providers: catalog.authorProviders(author.id).size,
    }))
    .slice(0, flags.limit);
  const data = rows.map((r) => ({ ...r.author, modelCount: r.models, providerCount: r.providers }));
  ctx.io.out(renderList(rows, authorColumns, data, settings.render));
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
  if (format === "json" || format === "yaml") {
    const data = { ...author, providers, models: models.map((l) => l.model.id) };
    ctx.io.out(renderData(data, format));
    return;
  }
  if (format === "csv" || format === "markdown") {
    const row = { author, models: models.length, providers: providers.length };
    ctx.io.out(renderList([row], authorColumns, author, settings.render));
    return;
  }
  ctx.io.out(renderFields(authorFields(author, models.length, providers), settings.render));
  ctx.io.out("\n");
  ctx.io.out(renderList(models.slice(0, flags.limit), modelColumns, models, settings.render));
}
