/**
 * CSV (RFC 4180), TSV and Markdown over a view's columns. CSV and TSV carry raw values under machine names
 * (numbers as numbers, unknown as an empty cell, lists joined with commas), so spreadsheets and csv readers
 * get data, not display text; Markdown is for people and carries the display text.
 *
 * @module
 */
import { csvEscape } from "../../words/mod.ts";
import { cellText, type Column, type Raw } from "./_columns.ts";

/** A raw value as one delimited cell: empty when unknown, lists joined with commas. */
export function rawCell(value: Raw): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.join(",");
  return String(value);
}

/** A TSV field: tabs and line breaks (which TSV cannot hold) become spaces. */
function tsvCell(text: string): string {
  return text.replace(/[\t\r\n]+/g, " ");
}

/** Renders rows as CSV or TSV: a header of machine names (unless `headers` is false), then raw values. */
export function renderDelimited<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  options: { tab: boolean; headers: boolean },
): string {
  const cell = options.tab ? tsvCell : csvEscape;
  const sep = options.tab ? "\t" : ",";
  const lines = rows.map((r) => columns.map((c) => cell(rawCell(c.value(r)))));
  if (options.headers) lines.unshift(columns.map((c) => cell(c.name)));
  return lines.map((l) => `${l.join(sep)}\n`).join("");
}

function mdCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s+/g, " ") || " ";
}

/** Renders rows as a GitHub-flavoured Markdown table. */
export function renderMarkdown<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const head = `| ${columns.map((c) => mdCell(c.header)).join(" | ")} |`;
  const rule = `| ${columns.map((c) => (c.right ? "---:" : "---")).join(" | ")} |`;
  const body = rows.map((r) => `| ${columns.map((c) => mdCell(cellText(c, r))).join(" | ")} |`);
  return [head, rule, ...body].map((l) => `${l}\n`).join("");
}
