/**
 * Prints the TypeScript type of a zod 4 schema, walking `schema._zod.def`. Schemas that have a generated name
 * are referenced by it; everything else is written inline.
 *
 * @module
 */
import type { z } from "zod";
import { jsDoc } from "./docs.ts";

/** Which side of a schema is printed: what parsing returns, or what it accepts. */
export type Io = "output" | "input";

/** A generated type name and the file that declares it. */
export interface TypeRef {
  /** The type's name. */
  name: string;
  /** The generated file that declares it. */
  out: string;
}

/** What the printer needs to know about the other generated types. */
export interface RenderContext {
  /** The named type of a schema for one side, if it has one. */
  refOf(schema: z.ZodType, io: Io): TypeRef | undefined;
  /** The JSON value type (`z.json()`). */
  json: TypeRef;
  /** Records a reference so that the file can import it. */
  use(ref: TypeRef): void;
}

interface Def {
  type: string;
  [key: string]: unknown;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
// zod marks a key that may be left out with `optin` (input side) and `optout` (output side): "optional", or
// "defaulted" for a default that fills it in.
const optional = (schema: unknown, io: Io): boolean =>
  Boolean((schema as { _zod: Record<string, unknown> })._zod[io === "output" ? "optout" : "optin"]);
const identifier = /^[A-Za-z_$][\w$]*$/;

function isJson(def: Def): boolean {
  if (def.type !== "lazy") return false;
  const inner = defOf((def.getter as () => unknown)());
  const kinds = inner.type === "union" ? (inner.options as unknown[]).map((o) => defOf(o).type) : [];
  return kinds.join() === "string,number,boolean,null,array,record";
}

/** Splits `text` at its `|` outside braces, brackets and parentheses. */
function members(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if ("{[(<".includes(ch)) depth++;
    else if ("}])>".includes(ch)) depth--;
    else if (depth === 0 && ch === "|") {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out;
}

function union(parts: string[]): string {
  return [...new Set(parts.flatMap(members))].join(" | ");
}

function wrap(text: string): string {
  return members(text).length > 1 ? `(${text})` : text;
}

/** Prints the members of an object schema, with the docs of its keys. */
export function renderObject(
  def: Def,
  io: Io,
  ctx: RenderContext,
  keyDocs: ReadonlyMap<string, string> = new Map(),
): string {
  const shape = def.shape as Record<string, z.ZodType>;
  const lines: string[] = [];
  for (const [key, value] of Object.entries(shape)) {
    const doc = keyDocs.get(key);
    const name = identifier.test(key) ? key : JSON.stringify(key);
    lines.push(
      `${doc ? jsDoc(doc, "  ") : ""}  ${name}${optional(value, io) ? "?" : ""}: ${render(value, io, ctx)};`,
    );
  }
  const catchall = def.catchall ? defOf(def.catchall) : undefined;
  if (catchall && catchall.type !== "never") {
    lines.push(`  [key: string]: ${render(def.catchall as z.ZodType, io, ctx)};`);
  }
  return `{\n${lines.join("\n")}\n}`;
}

/** Prints the type of `schema`: its generated name if it has one (unless `top`), else its structure. */
export function render(schema: z.ZodType, io: Io, ctx: RenderContext, top = false): string {
  const ref = top ? undefined : ctx.refOf(schema, io);
  if (ref) {
    ctx.use(ref);
    return ref.name;
  }
  const def = defOf(schema);
  const inner = () => render(def.innerType as z.ZodType, io, ctx);
  switch (def.type) {
    case "string":
    case "number":
    case "boolean":
    case "bigint":
    case "symbol":
    case "null":
    case "undefined":
    case "unknown":
    case "never":
      return def.type;
    case "date":
      return "Date";
    case "literal":
      return union((def.values as unknown[]).map((v) => JSON.stringify(v)));
    case "enum":
      return union(
        Object.values(def.entries as Record<string, string | number>).map((v) => JSON.stringify(v)),
      );
    case "array":
      return `${wrap(render(def.element as z.ZodType, io, ctx))}[]`;
    case "optional":
      return union([inner(), "undefined"]);
    case "nullable":
      return union([inner(), "null"]);
    case "default":
    case "prefault":
      return io === "output" ? inner() : union([inner(), "undefined"]);
    case "readonly":
      return `Readonly<${inner()}>`;
    case "union":
      return union((def.options as z.ZodType[]).map((o) => render(o, io, ctx)));
    case "record":
      return `Record<${render(def.keyType as z.ZodType, io, ctx)}, ${
        render(def.valueType as z.ZodType, io, ctx)
      }>`;
    case "object":
      return renderObject(def, io, ctx);
    case "pipe":
      return render((io === "output" ? def.out : def.in) as z.ZodType, io, ctx);
    case "lazy":
      if (isJson(def)) {
        ctx.use(ctx.json);
        return ctx.json.name;
      }
      throw new Error("types:gen: only z.json() is supported among lazy schemas");
    default:
      throw new Error(
        `types:gen: zod type "${def.type}" is not supported; extend scripts/types_gen/render.ts`,
      );
  }
}

/** Whether a schema prints as an object type (for its members' docs). */
export function objectDef(schema: z.ZodType): Def | undefined {
  const def = defOf(schema);
  return def.type === "object" ? def : undefined;
}
