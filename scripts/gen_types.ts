/**
 * `deno task types:gen`: writes the public TypeScript types of starmap (`src/<area>/types.gen.ts`) from the zod
 * schemas, and `src/types.gen_test.ts`, which proves at type-check time that each generated type and its schema's
 * type are mutually assignable. zod stays the single source of truth; the generated declarations are what the
 * package's public API (and its docs on JSR) show, since types from an npm package cannot be public there.
 *
 * Run with `--check` to fail, instead of writing, when a committed file differs from what would be generated.
 *
 * @module
 */
import { readFile, writeFile } from "node:fs/promises";
import type { z } from "zod";
import { AREAS, type AreaSpec, JSON_TYPE, SAME_AS, type TypeSpec } from "./types_gen/areas.ts";
import { jsDoc, schemaDocs } from "./types_gen/docs.ts";
import {
  type Io,
  objectDef,
  render,
  type RenderContext,
  renderObject,
  type TypeRef,
} from "./types_gen/render.ts";

/** The file with the compile-time drift checks. */
export const CHECK_FILE = "src/types.gen_test.ts";

const ROOT = new URL("../", import.meta.url);

interface Loaded {
  path: string;
  source: string;
  schemas: Record<string, z.ZodType>;
}

interface Planned {
  area: AreaSpec;
  module: Loaded;
  spec: Required<Pick<TypeSpec, "name" | "schema">> & { io: Io };
}

function relative(from: string, to: string): string {
  const a = from.split("/").slice(0, -1);
  const b = to.split("/");
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const up = a.length - i;
  return `${up === 0 ? "./" : "../".repeat(up)}${b.slice(i).join("/")}`;
}

async function load(path: string): Promise<Loaded> {
  const url = new URL(path, ROOT);
  const source = await readFile(url, "utf8");
  const mod = await import(url.href) as Record<string, unknown>;
  const schemas: Record<string, z.ZodType> = {};
  for (const [name, value] of Object.entries(mod)) {
    if (value && typeof value === "object" && "_zod" in value) schemas[name] = value as z.ZodType;
  }
  return { path, source, schemas };
}

async function plan(): Promise<Planned[]> {
  const out: Planned[] = [];
  for (const area of AREAS) {
    for (const m of area.modules) {
      const module = await load(m.path);
      for (const t of m.types) {
        const spec = typeof t === "string" ? { name: t } : t;
        const schema = spec.schema ?? spec.name;
        if (!module.schemas[schema]) throw new Error(`types:gen: ${m.path} exports no schema ${schema}`);
        out.push({ area, module, spec: { name: spec.name, schema, io: spec.io ?? "output" } });
      }
    }
  }
  return out;
}

function context(planned: Planned[], modules: Map<string, Loaded>): (out: string) => RenderContext & {
  imports: Map<string, Set<string>>;
} {
  const refs = { output: new Map<z.ZodType, TypeRef>(), input: new Map<z.ZodType, TypeRef>() };
  for (const p of planned) {
    refs[p.spec.io].set(p.module.schemas[p.spec.schema]!, { name: p.spec.name, out: p.area.out });
  }
  for (const [alias, target] of Object.entries(SAME_AS)) {
    const [aliasPath, aliasName] = alias.split("#") as [string, string];
    const [targetPath, targetName] = target.split("#") as [string, string];
    const ref = refs.output.get(modules.get(targetPath)!.schemas[targetName]!);
    const schema = modules.get(aliasPath)?.schemas[aliasName];
    if (ref && schema) refs.output.set(schema, ref);
  }
  const jsonArea = AREAS.find((a) => a.json);
  if (!jsonArea) throw new Error("types:gen: no area declares the JSON value type");
  const json: TypeRef = { name: JSON_TYPE, out: jsonArea.out };
  const silent: RenderContext = { refOf: (s, io) => refOf(s, io), json, use: () => {} };
  const same = new Map<z.ZodType, boolean>();
  function refOf(schema: z.ZodType, io: Io): TypeRef | undefined {
    const output = refs.output.get(schema);
    if (io === "output") return output;
    const input = refs.input.get(schema);
    if (input || !output) return input;
    if (!same.has(schema)) {
      same.set(schema, render(schema, "input", silent, true) === render(schema, "output", silent, true));
    }
    return same.get(schema) ? output : undefined;
  }
  return (out) => {
    const imports = new Map<string, Set<string>>();
    return {
      refOf,
      json,
      imports,
      use(ref) {
        const from = importFrom(ref.out, out);
        if (from === out) return;
        const names = imports.get(from) ?? new Set<string>();
        names.add(ref.name);
        imports.set(from, names);
      },
    };
  };
}

function folderOf(path: string): string {
  return path.split("/").slice(0, -1).join("/");
}

/** The file `out` imports a type declared in `declared` from: another folder goes through the re-exporting file. */
function importFrom(declared: string, out: string): string {
  const via = AREAS.find((a) => a.out === declared)?.via;
  return via && folderOf(via) !== folderOf(out) ? via : declared;
}

function declaration(p: Planned, ctx: RenderContext): string {
  const schema = p.module.schemas[p.spec.schema]!;
  const docs = schemaDocs(p.module.source, p.spec.schema, p.spec.name);
  if (!docs.doc) throw new Error(`types:gen: ${p.module.path} has no JSDoc for ${p.spec.name}`);
  const def = objectDef(schema);
  const body = def ? renderObject(def, p.spec.io, ctx, docs.keys) : render(schema, p.spec.io, ctx, true);
  return `${jsDoc(docs.doc)}export type ${p.spec.name} = ${body};\n`;
}

const JSON_DECLARATION = `/** A JSON value, as \`z.json()\` accepts it. */
export type ${JSON_TYPE} = string | number | boolean | null | ${JSON_TYPE}[] | { [key: string]: ${JSON_TYPE} };
`;

function header(sources: string[], what: string): string {
  return `// Generated by \`deno task types:gen\` (scripts/gen_types.ts) from ${sources.join(", ")}.\n` +
    `// ${what} Do not edit: change the schemas and run the task again.\n\n`;
}

function areaFile(area: AreaSpec, planned: Planned[], makeContext: ReturnType<typeof context>): string {
  const ctx = makeContext(area.out);
  const body = [
    ...(area.json ? [JSON_DECLARATION] : []),
    ...planned.filter((p) => p.area === area).map((p) => declaration(p, ctx)),
  ].join("\n");
  const imports = [...ctx.imports].sort(([a], [b]) => a.localeCompare(b)).map(([out, names]) =>
    `import type { ${[...names].sort().join(", ")} } from "${relative(area.out, out)}";\n`
  ).join("");
  const reexports = AREAS.filter((a) => a.via === area.out).map((a) =>
    `export type * from "${relative(area.out, a.out)}";\n`
  ).join("");
  const sources = area.modules.map((m) => m.path);
  return header(sources, "The public types of these schemas.") + imports + (imports ? "\n" : "") + reexports +
    (reexports ? "\n" : "") + body;
}

function alias(path: string): string {
  const parts = path.replace(/^src\//, "").replace(/\.gen\.ts$|\.ts$/, "").split(/[/_.]/).filter(Boolean);
  return parts.map((p, i) => i === 0 ? p : p[0]!.toUpperCase() + p.slice(1)).join("");
}

function checkFile(planned: Planned[]): string {
  const paths = [...new Set(planned.flatMap((p) => [p.area.out, p.module.path]))].sort();
  const imports = paths.map((p) => `import type * as ${alias(p)} from "${relative(CHECK_FILE, p)}";\n`).join(
    "",
  );
  const checks = planned.map((p) =>
    `same<Same<${alias(p.area.out)}.${p.spec.name}, z.${p.spec.io}<typeof ${
      alias(p.module.path)
    }.${p.spec.schema}>>>();\n`
  ).join("");
  return header(
    AREAS.map((a) => a.out),
    "Type-checking this file proves the generated types are the schemas' types.",
  ) +
    `import type { z } from "zod";\n${imports}\n` +
    `/** True when A and B are assignable to each other. */\n` +
    `type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;\n\n` +
    `/** Compiles only when its type argument is \`true\`. */\n` +
    `function same<T extends true>(): T | undefined {\n  return undefined;\n}\n\n${checks}`;
}

async function format(text: string): Promise<string> {
  const cmd = new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--ext", "ts", "-"],
    cwd: ROOT,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  });
  const child = cmd.spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(text));
  await writer.close();
  const { code, stdout, stderr } = await child.output();
  if (code !== 0) throw new Error(`types:gen: deno fmt failed: ${new TextDecoder().decode(stderr)}\n${text}`);
  return new TextDecoder().decode(stdout);
}

/** Generates every file: path (relative to the project root) → formatted text. */
export async function generateTypes(): Promise<Map<string, string>> {
  const planned = await plan();
  const modules = new Map(planned.map((p) => [p.module.path, p.module]));
  const makeContext = context(planned, modules);
  const files = new Map<string, string>();
  for (const area of AREAS) files.set(area.out, await format(areaFile(area, planned, makeContext)));
  files.set(CHECK_FILE, await format(checkFile(planned)));
  return files;
}

if (import.meta.main) {
  const check = Deno.args.includes("--check");
  const stale: string[] = [];
  for (const [path, text] of await generateTypes()) {
    const url = new URL(path, ROOT);
    const current = await readFile(url, "utf8").catch(() => undefined);
    if (current === text) continue;
    if (check) stale.push(path);
    else await writeFile(url, text);
  }
  if (stale.length) {
    // deno-lint-ignore no-console
    console.error(`types:gen: out of date: ${stale.join(", ")}; run deno task types:gen`);
    Deno.exit(1);
  }
}
