/**
 * CSV (RFC 4180) and Markdown tables over the same columns as the text tables.
 *
 * @module
 */
import type { Column } from "./table.ts";

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Renders rows as CSV with a header row, CRLF-free (one `\n` per record). */
export function renderCsv<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const lines = [
    columns.map((c) => csvCell(c.header)),
    ...rows.map((r) => columns.map((c) => csvCell(c.get(r)))),
  ];
  return lines.map((l) => `${l.join(",")}\n`).join("");
}

function mdCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s+/g, " ") || " ";
}

/** Renders rows as a GitHub-flavoured Markdown table. */
export function renderMarkdown<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const head = `| ${columns.map((c) => mdCell(c.header)).join(" | ")} |`;
  const rule = `| ${columns.map((c) => (c.right ? "---:" : "---")).join(" | ")} |`;
  const body = rows.map((r) => `| ${columns.map((c) => mdCell(c.get(r))).join(" | ")} |`);
  return [head, rule, ...body].map((l) => `${l}\n`).join("");
}
