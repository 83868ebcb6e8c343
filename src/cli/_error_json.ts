/**
 * Errors under `--json` / `-o json`: one JSON document on stdout, whatever raised them (the argument parser, a
 * catalog command, a weights command), so a script reads every failure the same way.
 *
 * @module
 */
import { CommanderError } from "commander";
import { isStarmapError } from "../errors.ts";
import { WeightsStorageError } from "../weights/mod.ts";
import { ExitCode, reportError } from "./_exit_codes.ts";

/** Whether a command line asks for JSON output (`--json`, `-o json`, `--output json`, `--output=json`, `-ojson`). */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  const args = end < 0 ? argv : argv.slice(0, end);
  return args.some((arg, i) =>
    arg === "--json" || arg === "--output=json" || arg === "-ojson" ||
    ((arg === "-o" || arg === "--output") && args[i + 1] === "json")
  );
}

/** The name of an exit code (`storage`, `notFound`, …). */
function exitName(code: number): string {
  return Object.entries(ExitCode).find(([, c]) => c === code)?.[0] ?? "unexpected";
}

/** The parser's message without its `error: ` prefix, and its "Did you mean" as suggestions. */
function parserError(error: CommanderError): { message: string; suggestions: string[] } {
  const [first = "", ...rest] = error.message.replace(/^error: /, "").split("\n");
  const suggestions = rest.flatMap((line) => /^\(Did you mean (.+)\?\)$/.exec(line.trim())?.[1] ?? [])
    .flatMap((s) => s.split(/,\s*/));
  return { message: first, suggestions };
}

const FIELDS = ["path", "needed", "available", "holder", "setting", "ref", "version", "verifiedChunks"];

/**
 * The body of an error under `--json`: `{ code, exitCode, message, hint, … }`; `advice` (the CLI's wording of a
 * library error) replaces the library's hint.
 */
export function errorBody(error: unknown, advice?: string): Record<string, unknown> {
  const report = reportError(error, false);
  const fields: Record<string, unknown> = {};
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    for (const key of FIELDS) {
      const value = (e as unknown as Record<string, unknown>)[key];
      if (value !== undefined && fields[key] === undefined) fields[key] = value;
    }
    if (e instanceof WeightsStorageError) fields.systemCode ??= e.code;
  }
  const parsed = error instanceof CommanderError ? parserError(error) : undefined;
  const hint = advice ?? (isStarmapError(error) ? error.hint : undefined);
  const suggestions = parsed?.suggestions ?? (isStarmapError(error) ? error.suggestions : []);
  const message = parsed?.message ?? (error instanceof Error ? error.message : String(error));
  return {
    code: exitName(report.code),
    exitCode: report.code,
    message,
    ...(hint ? { hint } : {}),
    ...(suggestions.length ? { suggestions } : {}),
    ...fields,
  };
}

/** The JSON document an error is written as under `--json`: `{ "error": { code, exitCode, message, … } }`. */
export function errorJson(error: unknown, advice?: string): string {
  return `${JSON.stringify({ error: errorBody(error, advice) }, null, 2)}\n`;
}
