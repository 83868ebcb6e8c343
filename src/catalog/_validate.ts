/**
 * Validation of catalog documents with messages that name the file and the field.
 *
 * @module
 */
import type { z } from "zod";
import { StarmapError } from "../errors.ts";
import { fieldPath } from "../words/mod.ts";
import { CatalogData } from "./_schema.ts";
import type * as Types from "./types.gen.ts";

/** One problem found in a document: where, and what. */
export interface Problem {
  /** The file or document the problem is in. */
  file: string;
  /** The dotted path of the field, `models[12].pricing.input`. */
  field: string;
  /** What is wrong. */
  message: string;
}

/** Lists the problems of a zod error, each with its file and field. */
export function zodProblems(error: z.ZodError, file: string): Problem[] {
  return error.issues.map((i) => ({ file, field: fieldPath(i.path), message: i.message }));
}

/** Formats a zod error as one line per problem: `file: field: message`. */
export function formatZodIssues(error: z.ZodError, file: string): string {
  return zodProblems(error, file).map((p) => `${p.file}: ${p.field}: ${p.message}`).join("\n");
}

/**
 * Parses a catalog document strictly.
 *
 * @throws {StarmapError} `invalid`, whose message lists every problem with file and field.
 */
export function parseCatalogData(value: unknown, file: string): Types.CatalogData {
  const result = CatalogData.safeParse(value);
  if (result.success) return result.data;
  const problems = zodProblems(result.error, file);
  const shown = problems.slice(0, 20).map((p) => `  ${p.field}: ${p.message}`).join("\n");
  const more = problems.length > 20 ? `\n  … and ${problems.length - 20} more` : "";
  throw new StarmapError(
    "invalid",
    `invalid catalog in ${file} (${problems.length} problems):\n${shown}${more}`,
  );
}
