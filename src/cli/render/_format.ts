/**
 * Output formats and the one function that renders a list or a record in any of them.
 *
 * @module
 */
import { StarmapError } from "../../errors.ts";
import { OUTPUT_FORMATS } from "../../limits.ts";
import { suggest } from "../../words/mod.ts";
import { type Column, type TextColumn, textView, type View } from "./_columns.ts";
import { renderDelimited, renderMarkdown } from "./_delimited.ts";
import { renderTable } from "./_table.ts";

export { OUTPUT_FORMATS };
/** The output formats of every command. */
export type OutputFormat = typeof OUTPUT_FORMATS[number];

/** Tells whether a word is one of the output formats. */
export function isOutputFormat(value: string): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(value);
}

let yaml: typeof import("./_yaml.ts") | undefined;

/**
 * Loads what rendering in `format` needs beyond JSON (the YAML serializer, kept out of every other run). The
 * settings call it once the format is known; {@link renderData} in YAML needs it first.
 */
export async function prepareRenderer(format: OutputFormat): Promise<void> {
  if (format === "yaml") yaml ??= await import("./_yaml.ts");
}

/** How to render: the format and what the terminal allows. */
export interface RenderOptions {
  /** The output format. */
  format: OutputFormat;
  /** Terminal width to fit tables to; undefined when stdout is not a terminal. */
  width?: number | undefined;
  /** Whether ANSI colour is allowed. */
  color: boolean;
  /** Print header lines (tables, csv, tsv). @default true */
  headers?: boolean;
  /** `--fields`: the machine names of the columns to keep. */
  fields?: readonly string[];
}

/** Whether a format prints data records (json, jsonl, yaml) rather than rows of columns. */
export function isDataFormat(format: OutputFormat): format is "json" | "jsonl" | "yaml" {
  return format === "json" || format === "jsonl" || format === "yaml";
}

/**
 * Renders structured data as JSON (two-space indent), JSON Lines (one record of an array per line) or YAML that
 * YAML 1.1 and 1.2 readers load alike.
 *
 * @throws {Error} for YAML before {@link prepareRenderer} loaded its serializer.
 */
export function renderData(value: unknown, format: "json" | "jsonl" | "yaml"): string {
  if (format === "json") return `${JSON.stringify(value, null, 2)}\n`;
  if (format === "jsonl") {
    const records = Array.isArray(value) ? value : [value];
    return records.map((r) => `${JSON.stringify(r)}\n`).join("");
  }
  if (!yaml) throw new Error('the YAML renderer is not loaded: call prepareRenderer("yaml") first');
  return yaml.toYaml(value);
}

/** The columns `--fields` names, in its order. @throws {StarmapError} `invalid` naming an unknown field. */
export function selectColumns<T>(columns: readonly Column<T>[], fields: readonly string[]): Column<T>[] {
  return fields.map((name) => {
    const column = columns.find((c) => c.name === name);
    if (column) return column;
    const near = suggest(name, columns.map((c) => c.name), { limit: 3 });
    throw new StarmapError("invalid", `--fields: unknown field "${name}"`, {
      hint: `${near.length ? `did you mean ${near.join(", ")}? ` : ""}fields: ${
        columns.map((c) => c.name).join(", ")
      }`,
    });
  });
}

/** The rows as objects of raw values under machine names (what `--fields` prints in json, jsonl and yaml). */
export function rowObjects<T>(rows: readonly T[], columns: readonly Column<T>[]): Record<string, unknown>[] {
  return rows.map((r) => Object.fromEntries(columns.map((c) => [c.name, c.value(r) ?? null])));
}

/**
 * Renders a list: tables for people (`table` leaves out wide-only columns), csv and tsv with raw values of
 * every column, `name` with each row's key, and `data` (the documented records) for json, jsonl and yaml;
 * with `--fields`, every format carries exactly those columns.
 */
export function renderList<T>(
  rows: readonly T[],
  viewOrColumns: View<T> | readonly TextColumn<T>[],
  data: unknown,
  options: RenderOptions,
): string {
  const view = "columns" in viewOrColumns ? viewOrColumns : textView(viewOrColumns);
  const { format } = options;
  const headers = options.headers !== false;
  const picked = options.fields ? selectColumns(view.columns, options.fields) : undefined;
  if (format === "name") return rows.map((r) => `${view.key(r)}\n`).join("");
  if (isDataFormat(format)) return renderData(picked ? rowObjects(rows, picked) : data, format);
  const columns = picked ?? view.columns;
  if (format === "csv" || format === "tsv") {
    return renderDelimited(rows, columns, { tab: format === "tsv", headers });
  }
  if (format === "markdown") return renderMarkdown(rows, columns);
  const shown = picked ?? (format === "wide" ? columns : columns.filter((c) => !c.wide));
  return renderTable(rows, shown, { width: options.width, color: options.color, headers });
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
