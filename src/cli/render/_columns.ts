/**
 * The column specs every list view declares: a machine name (csv, tsv, `--fields`, JSON of selected fields), a
 * header and display text for people, the raw value for scripts, and how a column gives way on a narrow
 * terminal. A new column is one entry in a view's list.
 *
 * @module
 */

/** A raw cell value as scripts receive it: numbers stay numbers, unknown is null. */
export type Raw = string | number | boolean | null | undefined | readonly string[];

/** A column of a list view. */
export interface Column<T> {
  /** The machine name: `input_usd_per_1m`. Used by csv, tsv, `--fields` and the field schemas. */
  name: string;
  /** The header for people, upper-case by convention: `INPUT $/1M`. */
  header: string;
  /** The raw value of a row. */
  value: (row: T) => Raw;
  /** The display text of a row's cell. @default the raw value as text, `-` when unknown */
  format?: (row: T) => string;
  /** Right-align (numbers). @default false */
  right?: boolean;
  /** The row's identity: never cut, never dropped. @default false */
  id?: boolean;
  /** Shown only in `-o wide` (csv, tsv and json carry every column). @default false */
  wide?: boolean;
  /**
   * Which columns give way first on a narrow terminal: the highest number is dropped first once wrapping
   * cannot make the table fit. @default 5
   */
  priority?: number;
  /** The JSON Schema type of the raw value (for `starmap schema`). @default "string" */
  type?: "string" | "number" | "integer" | "boolean" | "array";
}

/** A list view: what a row is called, its key for `-o name`, and its columns. */
export interface View<T> {
  /** The plural noun for the count line: `models`. */
  noun: string;
  /** The row's identity for `-o name`: `openai/gpt-4o`. */
  key: (row: T) => string;
  /** The columns, in order. */
  columns: readonly Column<T>[];
}

/** The display text of a raw value: `-` for unknown, lists joined with commas. */
export function displayRaw(value: Raw): string {
  if (value === undefined || value === null) return "-";
  if (Array.isArray(value)) return value.length ? value.join(",") : "-";
  return String(value);
}

/** The display text of a cell. */
export function cellText<T>(column: Column<T>, row: T): string {
  return column.format ? column.format(row) : displayRaw(column.value(row));
}

/**
 * A column in the older form (display text only), still accepted by `renderList`: its machine name is its
 * header and its raw value is its text, as before column specs. Views that scripts read should declare {@link Column}s.
 */
export interface TextColumn<T> {
  /** The header, upper-case by convention. */
  header: string;
  /** The cell text of a row. */
  get: (row: T) => string;
  /** Right-align (numbers). @default false */
  right?: boolean;
  /** May wrap to fit the width. @default false */
  flex?: boolean;
  /** Shown only in the `wide` format. @default false */
  wide?: boolean;
  /** Part of the row's identity beside the first column: never cut, never dropped. @default false */
  id?: boolean;
  /** Which columns give way first on a narrow terminal (see {@link Column}). @default 5 */
  priority?: number;
}

/**
 * A list view from text columns: the first column is the row's key, never cut unless it is `flex` (then it wraps
 * on a narrow terminal and is the last to give way).
 */
export function textView<T>(columns: readonly TextColumn<T>[]): View<T> {
  return {
    noun: "rows",
    key: (row) => columns[0]?.get(row) ?? "",
    columns: columns.map((c, i) => ({
      name: c.header,
      header: c.header,
      value: c.get,
      ...(c.right ? { right: true } : {}),
      ...(c.wide ? { wide: true } : {}),
      ...((i === 0 && !c.flex) || c.id ? { id: true } : {}),
      ...(c.priority !== undefined ? { priority: c.priority } : i === 0 ? { priority: 0 } : {}),
    })),
  };
}
