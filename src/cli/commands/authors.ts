/**
 * `starmap authors list|show`.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import type { Context } from "../context.ts";
import { globalFlags } from "../settings.ts";
import { collect, positiveInt } from "../options.ts";
import { renderData, renderFields, renderList } from "../render/format.ts";
import { modelColumns } from "../views/models.ts";
import { authorColumns, authorFields, type AuthorRow } from "../views/providers.ts";

function listCommand(ctx: Context) {
  return new Command("list")
    .alias("ls")
    .description("list authors (labs) with their model and provider counts")
    .option("-s, --search <term>", "case-insensitive term over id and name (repeatable)", collect())
    .option("-l, --limit <n>", "show at most n authors", positiveInt)
    .action(async (flags, cmd) => {
      const globals = globalFlags(cmd);
      const settings = await ctx.settings(globals);
      const catalog = await ctx.catalog(globals);
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
    });
}

function showCommand(ctx: Context) {
  return new Command("show")
    .alias("get")
    .description("show one author and the models it made")
    .argument("<author>", "author id")
    .option("-l, --limit <n>", "list at most n of its models", positiveInt)
    .action(async (id, flags, cmd) => {
      const globals = globalFlags(cmd);
      const settings = await ctx.settings(globals);
      const catalog = await ctx.catalog(globals);
      const author = catalog.resolveAuthor(id);
      const models = catalog.modelsByAuthor(author.id);
      const providers = [...catalog.authorProviders(author.id).keys()].sort();
      const { format } = settings.render;
      if (format === "json" || format === "yaml") {
        const data = { ...author, providers, models: models.map((m) => `${m.provider}/${m.id}`) };
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
    });
}

/** The `authors` command group. */
export function authorsCommand(ctx: Context): Command {
  return new Command("authors")
    .description("list and inspect authors (the labs that make models)")
    .addCommand(listCommand(ctx), { isDefault: true })
    .addCommand(showCommand(ctx)) as unknown as Command;
}
