/**
 * Plain-text tables that fit the terminal without cutting ids: text columns wrap onto more lines first, then
 * the columns of least priority give way; id columns keep their full width.
 *
 * @module
 */
import { cellText, type Column } from "./_columns.ts";

/** The text column of views not yet declared as column specs (see `_columns.ts`). */
export type { TextColumn as Column } from "./_columns.ts";

/** Options of {@link renderTable}. */
export interface TableOptions {
  /** The width to fit, in characters; no fitting when undefined. */
  width?: number | undefined;
  /** Emphasise the header with ANSI bold. @default false */
  color?: boolean;
  /** Print the header line. @default true */
  headers?: boolean;
}

const GAP = 3;
/** The narrowest a wrapping column gets before columns are dropped instead. */
const MIN_WRAP = 10;

function total(widths: readonly number[]): number {
  return widths.reduce((a, b) => a + b, 0) + GAP * Math.max(0, widths.length - 1);
}

/** Splits text into lines of at most `width` characters, at spaces or after `,`, `-` and `/` where possible. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const space = rest.lastIndexOf(" ", width);
    let after = -1;
    for (let i = width - 1; i > 0 && after < 0; i--) if (",-/".includes(rest[i]!)) after = i + 1;
    const at = Math.max(space, after);
    const cut = at > 0 ? at : width;
    lines.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest || lines.length === 0) lines.push(rest);
  return lines;
}

interface Layout {
  shown: number[];
  widths: number[];
}

/** Chooses the columns and their widths: ids at full width, others wrapped, then dropped by priority. */
function layout<T>(columns: readonly Column<T>[], natural: number[], width: number | undefined): Layout {
  let shown = columns.map((_, i) => i);
  const fitted = (): number[] | undefined => {
    const widths = shown.map((i) => natural[i]!);
    if (width === undefined) return widths;
    let over = total(widths) - width;
    const order = shown.map((i, k) => ({ i, k })).filter(({ i }) => !columns[i]!.id && !columns[i]!.right)
      .sort((a, b) => widths[b.k]! - widths[a.k]!);
    for (const { i, k } of order) {
      if (over <= 0) break;
      const floor = Math.min(natural[i]!, Math.max(MIN_WRAP, columns[i]!.header.length));
      const cut = Math.min(over, widths[k]! - floor);
      if (cut > 0) {
        widths[k] = widths[k]! - cut;
        over -= cut;
      }
    }
    return over <= 0 ? widths : undefined;
  };
  for (;;) {
    const widths = fitted();
    if (widths) return { shown, widths };
    const droppable = shown.filter((i) => !columns[i]!.id);
    if (droppable.length === 0) return { shown, widths: shown.map((i) => natural[i]!) };
    const drop = droppable.reduce((a, b) =>
      (columns[b]!.priority ?? 5) >= (columns[a]!.priority ?? 5) ? b : a
    );
    shown = shown.filter((i) => i !== drop);
  }
}

/** Renders rows as an aligned table with a header line; every line ends with a newline. */
export function renderTable<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  options: TableOptions = {},
): string {
  const cells = rows.map((r) => columns.map((c) => cellText(c, r).replace(/\s+/g, " ")));
  const natural = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i]!.length)));
  const { shown, widths } = layout(columns, natural, options.width);
  const last = shown.length - 1;
  const line = (values: string[]) =>
    values.map((v, k) => {
      const c = columns[shown[k]!]!;
      if (k === last && !c.right) return v;
      return c.right ? v.padStart(widths[k]!) : v.padEnd(widths[k]!);
    }).join(" ".repeat(GAP)).trimEnd();
  const out: string[] = [];
  if (options.headers !== false) {
    const header = line(shown.map((i) => columns[i]!.header));
    out.push(options.color ? `\x1b[1m${header}\x1b[0m` : header);
  }
  for (const row of cells) {
    const parts = shown.map((i, k) => (columns[i]!.id ? [row[i]!] : wrap(row[i]!, widths[k]!)));
    const height = Math.max(...parts.map((p) => p.length));
    for (let n = 0; n < height; n++) out.push(line(parts.map((p) => p[n] ?? "")));
  }
  return out.map((l) => `${l}\n`).join("");
}
