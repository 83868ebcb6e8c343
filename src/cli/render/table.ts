/**
 * Plain-text tables that fit the terminal.
 *
 * @module
 */

/** A column of a table: a header and how to get a row's cell. */
export interface Column<T> {
  /** The header, upper-case by convention. */
  header: string;
  /** The cell text of a row. */
  get: (row: T) => string;
  /** Right-align (numbers). @default false */
  right?: boolean;
  /** May be shortened to fit the width. @default false */
  flex?: boolean;
  /** Shown only in the `wide` format (and csv, markdown). @default false */
  wide?: boolean;
}

/** Options of {@link renderTable}. */
export interface TableOptions {
  /** The width to fit, in characters; no fitting when undefined. */
  width?: number | undefined;
  /** Emphasise the header with ANSI bold. @default false */
  color?: boolean;
}

const GAP = 3;

function truncate(text: string, width: number): string {
  if (text.length <= width) return text;
  return width <= 1 ? text.slice(0, width) : `${text.slice(0, width - 1)}…`;
}

function fit(widths: number[], columns: readonly Column<unknown>[], total: number | undefined): number[] {
  if (total === undefined) return widths;
  const out = [...widths];
  let over = out.reduce((a, b) => a + b, 0) + GAP * (out.length - 1) - total;
  while (over > 0) {
    let widest = -1;
    for (let i = 0; i < out.length; i++) {
      if (columns[i]!.flex && out[i]! > 8 && (widest < 0 || out[i]! > out[widest]!)) widest = i;
    }
    if (widest < 0) break;
    const cut = Math.min(over, out[widest]! - 8, Math.max(1, Math.ceil(out[widest]! / 4)));
    out[widest] = out[widest]! - cut;
    over -= cut;
  }
  return out;
}

/** Renders rows as an aligned table with a header line; every line ends with a newline. */
export function renderTable<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  options: TableOptions = {},
): string {
  const cells = rows.map((r) => columns.map((c) => c.get(r).replace(/\s+/g, " ")));
  const natural = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i]!.length)));
  const widths = fit(natural, columns as readonly Column<unknown>[], options.width);
  const line = (values: string[]) =>
    values.map((v, i) => {
      const text = truncate(v, widths[i]!);
      if (i === values.length - 1 && !columns[i]!.right) return text;
      return columns[i]!.right ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
    }).join(" ".repeat(GAP)).trimEnd();
  const header = line(columns.map((c) => c.header));
  const head = options.color ? `\x1b[1m${header}\x1b[0m` : header;
  return [head, ...cells.map(line)].map((l) => `${l}\n`).join("");
}
