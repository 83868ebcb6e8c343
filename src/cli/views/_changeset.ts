/**
 * The human view of a changeset: a summary line, then every model added, removed and updated with its field
 * changes (`path: old → new`).
 *
 * @module
 */
import type { ChangeCounts, Changeset, FieldChange } from "../../reconcile/types.gen.ts";
import type { SourceReport } from "../../sync/mod.ts";

function value(v: unknown): string {
  if (v === undefined) return "(unset)";
  return typeof v === "string" ? v : JSON.stringify(v);
}

function counts(label: string, c: ChangeCounts): string {
  return `${label} +${c.added} ~${c.updated} -${c.removed}`;
}

/** One line summing up a changeset. */
export function summaryLine(changeset: Changeset): string {
  const s = changeset.summary;
  const links = s.links ? `   links moved ${s.links}` : "";
  return `${counts("models", s.models)}   ${counts("offerings", s.offerings)}${links}   ${
    counts("providers", s.providers)
  }   ${counts("authors", s.authors)}`;
}

function paint(text: string, code: number, color: boolean): string {
  return color ? `\x1b[${code}m${text}\x1b[0m` : text;
}

function changeLine(c: FieldChange): string {
  return `    ${c.path}: ${value(c.old)} → ${value(c.new)}\n`;
}

/** Renders a changeset for people. */
export function renderChangeset(changeset: Changeset, options: { color: boolean }): string {
  let out = "";
  const { color } = options;
  for (const p of changeset.providers.added) out += `${paint("+", 32, color)} provider ${p.id}\n`;
  for (const p of changeset.providers.removed) out += `${paint("-", 31, color)} provider ${p.id}\n`;
  for (const u of changeset.providers.updated) {
    out += `${paint("~", 33, color)} provider ${u.key}\n${u.changes.map(changeLine).join("")}`;
  }
  for (const a of changeset.authors.added) out += `${paint("+", 32, color)} author ${a.id}\n`;
  for (const a of changeset.authors.removed) out += `${paint("-", 31, color)} author ${a.id}\n`;
  for (const u of changeset.authors.updated) {
    out += `${paint("~", 33, color)} author ${u.key}\n${u.changes.map(changeLine).join("")}`;
  }
  for (const m of changeset.models.added) out += `${paint("+", 32, color)} model ${m.id}\n`;
  for (const m of changeset.models.removed) out += `${paint("-", 31, color)} model ${m.id}\n`;
  for (const u of changeset.models.updated) {
    out += `${paint("~", 33, color)} model ${u.key}\n${u.changes.map(changeLine).join("")}`;
  }
  for (const m of changeset.offerings.added) out += `${paint("+", 32, color)} ${m.provider}/${m.id}\n`;
  for (const m of changeset.offerings.removed) out += `${paint("-", 31, color)} ${m.provider}/${m.id}\n`;
  for (const u of changeset.offerings.updated) {
    out += `${paint("~", 33, color)} ${u.key}\n${u.changes.map(changeLine).join("")}`;
  }
  for (const l of changeset.links) out += `${paint("→", 36, color)} ${l.offering}: ${l.from} → ${l.to}\n`;
  return `${out}${summaryLine(changeset)}\n`;
}

/** One line per source: ok with its model count, skipped, or failed with the reason. */
export function renderSourceReports(reports: readonly SourceReport[]): string {
  return reports.map((r) =>
    r.ok
      ? `source ${r.id}: ${r.skipped ? "skipped" : `${r.models} models`} (${(r.ms / 1000).toFixed(1)} s)\n`
      : `source ${r.id}: FAILED: ${r.error}\n`
  ).join("");
}

/** The line that names the failed sources of a run that applied the others (shown even when quiet). */
export function partialLine(reports: readonly SourceReport[]): string | undefined {
  const failed = reports.filter((r) => !r.ok);
  if (!failed.length) return undefined;
  return `warning: ${failed.length} of ${reports.length} sources failed (${
    failed.map((r) => r.id).join(", ")
  }); ` +
    "the catalog reflects the others\n";
}
