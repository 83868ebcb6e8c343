/**
 * Output formats and the one function that renders a list or a record in any of them.
 *
 * @module
 */
import { renderCsv, renderMarkdown } from "./delimited.ts";
import { type Column, renderTable } from "./table.ts";

/** The output formats of every command. */
export const OUTPUT_FORMATS = ["table", "wide", "json", "yaml", "csv", "markdown"] as const;
/** The output formats of every command. */
export type OutputFormat = typeof OUTPUT_FORMATS[number];

/** Tells whether a word is one of the output formats. */
export function isOutputFormat(value: string): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(value);
}

let yaml: typeof import("yaml") | undefined;

/**
 * Loads what rendering in `format` needs beyond JSON (the YAML serializer, kept out of every other run). The
 * settings call it once the format is known; {@link renderData} in YAML needs it first.
 */
export async function prepareRenderer(format: OutputFormat): Promise<void> {
  if (format === "yaml") yaml ??= await import("yaml");
}

/** How to render: the format and what the terminal allows. */
export interface RenderOptions {
  /** The output format. */
  format: OutputFormat;
  /** Terminal width to fit tables to; undefined when stdout is not a terminal. */
  width?: number | undefined;
  /** Whether ANSI colour is allowed. */
  color: boolean;
}

/**
 * Renders structured data as JSON (two-space indent) or YAML 1.2.
 *
 * @throws {Error} for YAML before {@link prepareRenderer} loaded its serializer.
 */
export function renderData(value: unknown, format: "json" | "yaml"): string {
  if (format === "json") return `${JSON.stringify(value, null, 2)}\n`;
  if (!yaml) throw new Error('the YAML renderer is not loaded: call prepareRenderer("yaml") first');
  return yaml.stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

/**
 * Renders a list: tables for humans (`table` hides wide-only columns), csv and markdown with every column,
 * and `data` (the documented machine shape) for json and yaml.
 */
export function renderList<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  data: unknown,
  options: RenderOptions,
): string {
  const { format } = options;
  if (format === "json" || format === "yaml") return renderData(data, format);
  if (format === "csv") return renderCsv(rows, columns);
  if (format === "markdown") return renderMarkdown(rows, columns);
  const shown = format === "wide" ? columns : columns.filter((c) => !c.wide);
  return renderTable(rows, shown, { width: options.width, color: options.color });
}

/** A labelled line of a record's detail view. */
export type Field = readonly [label: string, value: string | undefined];

/** Renders a record as aligned `Label: value` lines (empty values are left out). */
export function renderFields(fields: readonly Field[], options: { color: boolean }): string {
  const shown = fields.filter((f): f is readonly [string, string] => f[1] !== undefined && f[1] !== "");
  const width = Math.max(0, ...shown.map(([l]) => l.length)) + 1;
  return shown.map(([label, value]) => {
    const l = `${label}:`.padEnd(width);
    return `${options.color ? `\x1b[1m${l}\x1b[0m` : l} ${value}\n`;
  }).join("");
}
