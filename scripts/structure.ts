/**
 * Reads the import graph of `src/` and checks the structural rules: dependencies between folders point one way
 * (no cycle between folders), code outside a folder enters it only through its door (`mod.ts`, or the generated
 * `types.gen.ts` for type-only imports), and runtime-specific APIs (`Deno`, `Bun`, `process`) are used only in
 * `src/runtime/`.
 *
 * Usage: `deno task structure`. Prints the folders in dependency order; exits 1 when a rule is broken.
 *
 * @module
 */
// deno-lint-ignore-file no-console
import ts from "typescript";
import { readFile, stat } from "node:fs/promises";
import { dirname, join, normalize, relative, sep } from "node:path";
import { listSources } from "./sizes.ts";

/**
 * Imports allowed past a door, each with its reason. The list is meant to stay short: an entry is a cost a door
 * would add that users would feel.
 */
export const ALLOWED_PAST_DOORS: ReadonlyMap<string, string> = new Map([
  [
    "src/cli/_context.ts -> src/catalog/_store.ts",
    "the CLI loads the catalog without the catalog door's zod schemas, which every command's start-up would pay",
  ],
]);

/** One relative import of one source file. */
export interface ImportEdge {
  /** The importing file, relative to the root. */
  from: string;
  /** The imported file, relative to the root. */
  to: string;
  /** Whether only types are imported (`import type`, `export type`). */
  typeOnly: boolean;
}

/** What the check found. */
export interface StructureReport {
  /** Every relative import between TypeScript files. */
  edges: ImportEdge[];
  /** The folders of `src/` (a root file counts as its own folder) and the folders each imports. */
  folders: Map<string, Set<string>>;
  /** Each cycle between folders, as the folders in order. */
  cycles: string[][];
  /** Imports that reach past a door, with the door they should use. */
  pastDoors: (ImportEdge & { door: string })[];
  /** Uses of a runtime-specific global outside `src/runtime/` (`file:line Deno.env`). */
  runtimeCalls: string[];
}

const RUNTIME_GLOBALS = new Set(["Deno", "Bun", "process"]);

/** The uses of `Deno.*`, `Bun.*` and `process.*` in one file, as `file:line Name.member`. */
export function runtimeCallsOf(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) &&
      RUNTIME_GLOBALS.has(node.expression.text)
    ) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      out.push(`${file}:${line} ${node.expression.text}.${node.name.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const posix = (path: string) => path.split(sep).join("/");

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return !clause.name && !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 &&
    bindings.elements.every((e) => e.isTypeOnly);
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return !!clause && ts.isNamedExports(clause) && clause.elements.length > 0 &&
    clause.elements.every((e) => e.isTypeOnly);
}

/** The relative module specifiers of one file, static and dynamic, with whether each imports types only. */
export function importsOf(file: string, text: string): { specifier: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push({ specifier: node.moduleSpecifier.text, typeOnly: isTypeOnlyImport(node) });
    } else if (
      ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)
    ) {
      out.push({ specifier: node.moduleSpecifier.text, typeOnly: isTypeOnlyExport(node) });
    } else if (
      ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])
    ) {
      out.push({ specifier: node.arguments[0].text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const literal = node.argument.literal;
      if (ts.isStringLiteral(literal)) out.push({ specifier: literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out.filter((i) => i.specifier.startsWith("."));
}

/** The folder a file of `src/` belongs to: `src/<name>`, or the file itself for a file directly in `src/`. */
export function folderOf(path: string): string {
  const parts = path.split("/");
  if (parts[0] !== "src") return path;
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : path;
}

async function exists(path: string): Promise<boolean> {
  return await stat(path).then(() => true, () => false);
}

/**
 * The door an import from `from` to `to` must pass: the outermost directory holding a `mod.ts` that contains
 * `to` but not `from`. Undefined when the import stays inside every such directory.
 */
export async function doorFor(root: string, from: string, to: string): Promise<string | undefined> {
  const parts = to.split("/").slice(0, -1);
  // `src/mod.ts` is the library's root API, not a door into the folders below it.
  for (let i = parts[0] === "src" ? 2 : 1; i <= parts.length; i++) {
    const dir = parts.slice(0, i).join("/");
    if (from.startsWith(`${dir}/`)) continue;
    if (await exists(join(root, dir, "mod.ts"))) return dir;
  }
  return undefined;
}

function passesDoor(edge: ImportEdge, door: string): boolean {
  if (edge.to === `${door}/mod.ts`) return true;
  return edge.typeOnly && dirname(edge.to) === door && /\/types(_\w+)?\.gen\.ts$/.test(edge.to);
}

/** Finds the cycles of a directed graph (one per strongly connected component of more than one node). */
export function cyclesOf(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let top: string;
    do {
      top = stack.pop()!;
      onStack.delete(top);
      component.push(top);
    } while (top !== node);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) connect(node);
  return cycles;
}

/** Reads the import graph of `src/` (and `main.ts`) below `root` and checks folder cycles and doors. */
export async function checkStructure(root: string): Promise<StructureReport> {
  const files = (await listSources(join(root, "src"))).map((f) => posix(relative(root, f)))
    .filter((f) => !f.endsWith("_test.ts"));
  if (await exists(join(root, "main.ts"))) files.push("main.ts");
  const edges: ImportEdge[] = [];
  const runtimeCalls: string[] = [];
  for (const from of files) {
    const text = await readFile(join(root, from), "utf8");
    if (from.startsWith("src/") && !from.startsWith("src/runtime/")) {
      runtimeCalls.push(...runtimeCallsOf(from, text));
    }
    for (const i of importsOf(from, text)) {
      const to = posix(normalize(join(dirname(from), i.specifier)));
      if (/\.(ts|tsx|mts)$/.test(to)) edges.push({ from, to, typeOnly: i.typeOnly });
    }
  }
  const folders = new Map<string, Set<string>>();
  const pastDoors: StructureReport["pastDoors"] = [];
  for (const edge of edges) {
    const [a, b] = [folderOf(edge.from), folderOf(edge.to)];
    for (const f of [a, b]) {
      if (f === "main.ts" || f.startsWith("src/")) folders.set(f, folders.get(f) ?? new Set());
    }
    if (a !== b && b.startsWith("src/")) folders.get(a)!.add(b);
    const door = await doorFor(root, edge.from, edge.to);
    const allowed = ALLOWED_PAST_DOORS.has(`${edge.from} -> ${edge.to}`);
    if (door && !passesDoor(edge, door) && !allowed) pastDoors.push({ ...edge, door: `${door}/mod.ts` });
  }
  return { edges, folders, cycles: cyclesOf(folders), pastDoors, runtimeCalls };
}

/** Orders folders so that each comes after every folder it imports (folders in a cycle are left out). */
export function layersOf(folders: Map<string, Set<string>>): string[] {
  const order: string[] = [];
  const placed = new Set<string>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const [folder, deps] of [...folders].sort(([a], [b]) => a.localeCompare(b))) {
      if (placed.has(folder) || ![...deps].every((d) => placed.has(d) || !folders.has(d))) continue;
      order.push(folder);
      placed.add(folder);
      progress = true;
    }
  }
  return order;
}

if (import.meta.main) {
  const report = await checkStructure(Deno.cwd());
  console.log(`${report.edges.length} imports; folders, lowest first:`);
  for (const folder of layersOf(report.folders)) {
    console.log(`  ${folder} -> ${[...report.folders.get(folder)!].sort().join(", ") || "(nothing)"}`);
  }
  for (const [edge, why] of ALLOWED_PAST_DOORS) console.log(`allowed past a door: ${edge} (${why})`);
  for (const cycle of report.cycles) console.error(`folders in a cycle: ${cycle.join(", ")}`);
  for (const e of report.pastDoors) console.error(`past the door ${e.door}: ${e.from} imports ${e.to}`);
  for (const call of report.runtimeCalls) console.error(`runtime API outside src/runtime/: ${call}`);
  if (report.cycles.length > 0 || report.pastDoors.length > 0 || report.runtimeCalls.length > 0) Deno.exit(1);
}
