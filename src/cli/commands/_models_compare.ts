/**
 * What `starmap models compare <a> <b> …` does: resolve each reference (a model by any spelling, or an offering),
 * and lay their fields side by side, one column each.
 *
 * @module
 */
import type { Catalog, Resolved } from "../../catalog/mod.ts";
import { listing } from "../../catalog/mod.ts";
import { StarmapError } from "../../errors.ts";
import type { Context } from "../_context.ts";
import { isDataFormat, renderData, renderList } from "../render/mod.ts";
import type { Column } from "../render/mod.ts";
import type { InvokedCommand } from "../_settings.ts";
import { capabilityTags, lifecycleText } from "../views/mod.ts";
import { list, price, tokens } from "../views/mod.ts";

type Row = { label: string; values: string[] };

function tri(value: boolean | undefined): string {
  return value === undefined ? "?" : value ? "yes" : "no";
}

/** The compared lines: what a reader weighs when choosing between models. */
function rows(catalog: Catalog, items: readonly Resolved[]): Row[] {
  const summaries = items.map(({ model, offering }) => ({
    model,
    offering,
    summary: listing(model, offering ? [offering] : catalog.offerings(model.id)),
  }));
  const line = (label: string, get: (s: typeof summaries[number]) => string): Row => ({
    label,
    values: summaries.map(get),
  });
  return [
    line("model", (s) => s.model.id),
    line("offering", (s) => (s.offering ? `${s.offering.provider}/${s.offering.id}` : "-")),
    line("name", (s) => s.model.name),
    line("authors", (s) => list(s.model.authors)),
    line("released", (s) => s.model.releaseDate ?? "-"),
    line("knowledge", (s) => s.model.knowledgeCutoff ?? "-"),
    line("providers", (s) => String(s.summary.providers)),
    line("context", (s) => tokens(s.summary.context)),
    line("max output", (s) => tokens(s.offering?.limits.output ?? s.model.limits.output)),
    line("input $/1M", (s) => price(s.summary.input)),
    line("output $/1M", (s) => price(s.summary.output)),
    line("input", (s) => list(s.model.modalities.input)),
    line("output", (s) => list(s.model.modalities.output)),
    line("capabilities", (s) => capabilityTags(s.offering ?? s.model)),
    line("tool calls", (s) => tri((s.offering ?? s.model).capabilities.toolCalls)),
    line("reasoning", (s) => tri((s.offering ?? s.model).capabilities.reasoning)),
    line("structured output", (s) => tri((s.offering ?? s.model).capabilities.structuredOutput)),
    line("open weights", (s) => tri(s.model.openWeights)),
    line("lifecycle", (s) => (s.offering ? lifecycleText(s.offering) : "-")),
    line("parameters", (s) => list(s.offering?.params)),
  ];
}

/** `models compare <a> <b> …`. */
export async function compareModels(ctx: Context, refs: string[], cmd: InvokedCommand): Promise<void> {
  if (refs.length < 2) throw new StarmapError("invalid", "models compare needs at least two models");
  const { settings, catalog } = await ctx.load(cmd);
  const items = refs.map((ref) => catalog.resolve(ref));
  const keys = items.map((
    { model, offering },
  ) => (offering ? `${offering.provider}/${offering.id}` : model.id));
  const { format } = settings.render;
  if (format === "name" && !settings.render.fields) return ctx.io.out(keys.map((k) => `${k}\n`).join(""));
  if (isDataFormat(format)) {
    const data = items.map(({ model, offering }) => ({
      model,
      ...(offering ? { offering } : { offerings: catalog.offerings(model.id) }),
    }));
    ctx.io.out(renderData(data, format));
    return;
  }
  // Machine names (csv, tsv, --fields) are the exact ids compared; headers are what the user typed.
  const columns: Column<Row>[] = [
    { name: "field", header: "", value: (r) => r.label, id: true },
    ...keys.map((key, i) => ({
      name: key,
      header: refs[i]!.trim().toUpperCase(),
      value: (r: Row) => r.values[i],
    })),
  ];
  const table = rows(catalog, items);
  ctx.io.out(renderList(table, { noun: "fields", key: (r) => r.label, columns }, table, settings.render));
}
