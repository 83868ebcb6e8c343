/**
 * Measures file and function sizes against the house limits: no source file over 400 lines and no function
 * (declaration, method, accessor, constructor, arrow or function expression) over 80 lines.
 *
 * Usage: `deno task sizes [--top N] [dir ...]` (default dirs: src scripts bench). Exits 1 when a limit is exceeded.
 *
 * @module
 */
// deno-lint-ignore-file no-console
import ts from "typescript";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";

/** The largest number of lines a source file may have. */
export const MAX_FILE_LINES = 400;
/** The largest number of lines a function may span. */
export const MAX_FUNCTION_LINES = 80;

/** One measured function. */
export interface FunctionSize {
  /** The file it stands in. */
  file: string;
  /** A readable name: the declared name, the property or variable it is assigned to, or `<anonymous>`. */
  name: string;
  /** The 1-based line it starts on. */
  line: number;
  /** How many lines it spans, first and last included. */
  lines: number;
}

/** The sizes of one file. */
export interface FileSize {
  /** The file's path as given. */
  file: string;
  /** Its number of lines (a final newline does not start a line). */
  lines: number;
  /** Every function in it, nested ones included. */
  functions: FunctionSize[];
}

/** Counts the lines of a text the way an editor numbers them. */
export function countLines(text: string): number {
  if (text === "") return 0;
  const lines = text.split("\n").length;
  return text.endsWith("\n") ? lines - 1 : lines;
}

function nameOf(node: ts.Node, source: ts.SourceFile): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name && !ts.isComputedPropertyName(named.name)) return named.name.getText(source);
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const parent = node.parent;
  if (
    ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)
  ) {
    return parent.name.getText(source);
  }
  if (ts.isCallExpression(parent)) return `<callback of ${parent.expression.getText(source).slice(0, 40)}>`;
  return "<anonymous>";
}

function isFunction(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) ||
    ts.isFunctionExpression(node) || ts.isConstructorDeclaration(node) || ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node);
}

/** Measures one file's text: its line count and the span of every function with a body. */
export function measure(file: string, text: string): FileSize {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const functions: FunctionSize[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunction(node) && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      functions.push({ file, name: nameOf(node, source), line: start + 1, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { file, lines: countLines(text), functions };
}

/** Lists the TypeScript files below a directory, skipping `node_modules`. */
export async function listSources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(ts|tsx|mts)$/.test(e.name) && !e.name.endsWith(".d.ts"))
    .map((e) => join(e.parentPath, e.name))
    .filter((path) => !path.split(/[\\/]/).includes("node_modules"))
    .sort();
}

/** What a check over many files found. */
export interface SizeReport {
  /** Files over {@link MAX_FILE_LINES}. */
  largeFiles: FileSize[];
  /** Functions over {@link MAX_FUNCTION_LINES}. */
  longFunctions: FunctionSize[];
  /** Every measured file. */
  files: FileSize[];
}

/** Measures every TypeScript file below the given directories. */
export async function checkSizes(dirs: string[]): Promise<SizeReport> {
  const files: FileSize[] = [];
  for (const dir of dirs) {
    for (const path of await listSources(dir)) files.push(measure(path, await readFile(path, "utf8")));
  }
  return {
    files,
    largeFiles: files.filter((f) => f.lines > MAX_FILE_LINES),
    longFunctions: files.flatMap((f) => f.functions).filter((f) => f.lines > MAX_FUNCTION_LINES),
  };
}

if (import.meta.main) {
  const args = [...Deno.args];
  const topAt = args.indexOf("--top");
  const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 5;
  const dirs = args.length > 0 ? args : ["src", "scripts", "bench"];
  const report = await checkSizes(dirs);
  const cwd = Deno.cwd();
  const show = (path: string) => relative(cwd, path) || path;
  const biggest = [...report.files].sort((a, b) => b.lines - a.lines).slice(0, top);
  const longest = report.files.flatMap((f) => f.functions).sort((a, b) => b.lines - a.lines).slice(0, top);
  console.log(`${report.files.length} files in ${dirs.join(", ")}`);
  console.log(`largest files (limit ${MAX_FILE_LINES}):`);
  for (const f of biggest) console.log(`  ${f.lines}\t${show(f.file)}`);
  console.log(`longest functions (limit ${MAX_FUNCTION_LINES}):`);
  for (const f of longest) console.log(`  ${f.lines}\t${show(f.file)}:${f.line} ${f.name}`);
  for (const f of report.largeFiles) {
    console.error(`file over ${MAX_FILE_LINES} lines: ${show(f.file)} (${f.lines})`);
  }
  for (const f of report.longFunctions) {
    console.error(
      `function over ${MAX_FUNCTION_LINES} lines: ${show(f.file)}:${f.line} ${f.name} (${f.lines})`,
    );
  }
  if (report.largeFiles.length > 0 || report.longFunctions.length > 0) Deno.exit(1);
}
