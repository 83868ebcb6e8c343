/**
 * The detail view of any record: every field it has, nested ones as dotted paths, so a field the views do not
 * know yet still shows. Known fields get a label and a formatter, and show `unknown` when the record leaves
 * them out (unknown is not false).
 *
 * @module
 */
import type { Field } from "../render/mod.ts";

/** A labelled field of a detail view. */
export interface FieldSpec {
  /** The dotted path in the record: `limits.context`. */
  path: string;
  /** The label: `Context`. */
  label: string;
  /** The display text of a present value. @default plain text, lists joined with commas */
  format?: (value: unknown) => string;
  /** Leave the line out when the value is absent (optional fields where absence means none). @default false */
  optional?: boolean;
}

/** Flattens a record to dotted leaf paths; arrays of scalars stay whole, arrays of objects become JSON. */
export function leaves(value: unknown, prefix = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, value);
  return out;
}

/** Plain display text of a leaf value. */
export function plain(value: unknown): string {
  if (Array.isArray(value)) {
    return value.every((v) => typeof v !== "object") ? value.join(", ") : JSON.stringify(value);
  }
  if (typeof value === "boolean") return value ? "yes" : "no";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** The detail lines of a record: the known fields in their order, then every other field by its path. */
export function recordFields(record: object, specs: readonly FieldSpec[]): Field[] {
  const all = leaves(record);
  const used = new Set<string>();
  const lines: Field[] = [];
  for (const spec of specs) {
    const inside = [...all.keys()].filter((k) => k === spec.path || k.startsWith(`${spec.path}.`));
    inside.forEach((k) => used.add(k));
    const value = all.has(spec.path) ? all.get(spec.path) : undefined;
    if (value === undefined && inside.length > 0) {
      const nested = Object.fromEntries(inside.map((k) => [k.slice(spec.path.length + 1), all.get(k)]));
      lines.push([spec.label, (spec.format ?? plain)(nested)]);
    } else if (value === undefined) {
      if (!spec.optional) lines.push([spec.label, "unknown"]);
    } else lines.push([spec.label, (spec.format ?? plain)(value)]);
  }
  for (const [path, value] of all) {
    if (!used.has(path) && value !== undefined) lines.push([path, plain(value)]);
  }
  return lines;
}
