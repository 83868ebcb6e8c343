/**
 * JSDoc of the schemas, read from their source: the comment of an exported schema (or of its type) and the
 * comments of the keys of its object literal.
 *
 * @module
 */

/** The JSDoc of a schema and of its keys. */
export interface SchemaDocs {
  /** The comment text of the schema (else of its type), without the comment markers. */
  doc: string | undefined;
  /** Key → comment text, from the schema's own object literal. */
  keys: Map<string, string>;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The text of a `/** … *\/` comment without its markers and leading `*`, lines joined by `\n`. */
export function commentText(comment: string): string {
  return comment
    .replace(/^\/\*\*/, "")
    .replace(/\*\/$/, "")
    .split("\n")
    .map((line) => line.replace(/^\s*\* ?/, "").trimEnd())
    .join("\n")
    .trim();
}

function docBefore(source: string, declaration: string): string | undefined {
  const re = new RegExp(`(\\/\\*\\*(?:(?!\\*\\/)[\\s\\S])*\\*\\/)\\s*${declaration}\\b`);
  const m = re.exec(source);
  return m?.[1] ? commentText(m[1]) : undefined;
}

/** The source of an exported const, up to the next top-level declaration or comment. */
function block(source: string, name: string): string {
  const start = source.search(new RegExp(`^export const ${escape(name)}\\b`, "m"));
  if (start < 0) return "";
  const rest = source.slice(start + 1);
  const end = rest.search(/^(\/\*\*|export |function |const |type |interface )/m);
  return end < 0 ? rest : rest.slice(0, end);
}

/** The docs of the schema `name` and of its type `typeName` in a module's source. */
export function schemaDocs(source: string, name: string, typeName: string = name): SchemaDocs {
  const doc = typeName === name
    ? docBefore(source, `export const ${escape(name)}`) ?? docBefore(source, `export type ${escape(name)}`)
    : docBefore(source, `export type ${escape(typeName)}`) ??
      docBefore(source, `export const ${escape(name)}`);
  const keys = new Map<string, string>();
  for (const m of block(source, name).matchAll(/(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)\s*([A-Za-z_$][\w$]*)\s*:/g)) {
    if (m[1] && m[2] && !keys.has(m[2])) keys.set(m[2], commentText(m[1]));
  }
  return { doc, keys };
}

/** A JSDoc comment for `text`, one line when it fits, indented by `indent`. */
export function jsDoc(text: string, indent = ""): string {
  const lines = text.split("\n");
  if (lines.length === 1) return `${indent}/** ${text} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ""}`).join("\n")}\n${indent} */\n`;
}
