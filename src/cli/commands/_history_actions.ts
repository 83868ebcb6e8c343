/**
 * What `starmap models history <id>` does: read the provenance the updates recorded and render it.
 *
 * @module
 */
import { loadEmbeddedProvenance } from "../../reconcile/mod.ts";
import { modelKey } from "../../catalog/mod.ts";
import { StarmapError } from "../../errors.ts";
import type { ProvenanceEntry } from "../../reconcile/types.gen.ts";
import { loadProvenance, pairedProvenance } from "../../sync/mod.ts";
import type { Context } from "../_context.ts";
import { resolveModelFor } from "../_resolve_model.ts";
import { renderData, renderList } from "../render/mod.ts";
import type { TextColumn as Column } from "../render/mod.ts";
import type { InvokedCommand } from "../_settings.ts";

interface Row extends ProvenanceEntry {
  field: string;
  winner: boolean;
}

function shown(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

const columns: readonly Column<Row>[] = [
  { header: "FIELD", get: (r) => r.field },
  { header: "USED", get: (r) => (r.winner ? "*" : "") },
  { header: "SOURCE", get: (r) => r.source },
  { header: "VALUE", get: (r) => shown(r.value), flex: true },
  { header: "PRIORITY", get: (r) => String(r.priority), right: true },
  { header: "AT", get: (r) => r.at, wide: true },
];

/** `models history <model>`. */
export async function showHistory(
  ctx: Context,
  ref: string,
  flags: { provider?: string },
  cmd: InvokedCommand,
): Promise<void> {
  const { settings, catalog } = await ctx.load(cmd);
  // An offering key names the offering (its fields and its link); any other spelling names the model.
  const named = flags.provider === undefined ? catalog.offering(ref) : undefined;
  const resolved = named ? undefined : resolveModelFor(catalog, ref, flags.provider);
  const offering = named ?? resolved?.offering;
  const key = offering ? modelKey(offering) : resolved!.model.id;
  const notes: string[] = [];
  const saved = settings.catalogDir ? await loadProvenance(settings.catalogDir, notes) : undefined;
  let provenance = pairedProvenance(catalog.data, saved, notes);
  if (!saved) {
    // A fresh install: the embedded catalog ships with the provenance of its build.
    provenance = await loadEmbeddedProvenance(catalog.data);
  }
  for (const n of notes) ctx.io.err(`warning: ${n}\n`);
  const link = offering ? provenance?.links[key] : undefined;
  const fields = offering ? provenance?.offerings[key] : provenance?.models[key];
  if (!fields) {
    throw new StarmapError("not_found", `no provenance recorded for ${key}`, {
      hint: "provenance is recorded by starmap update in the catalog directory; run a full update",
    });
  }
  const { format } = settings.render;
  if (format === "json" || format === "yaml") {
    ctx.io.out(renderData({ key, fields, ...(link ? { link } : {}) }, format));
    return;
  }
  const rows = Object.entries(fields).flatMap(([field, entries]) =>
    entries.map((e, i) => ({ ...e, field, winner: i === 0 }))
  );
  ctx.io.out(renderList(rows, columns, { key, fields }, settings.render));
}
