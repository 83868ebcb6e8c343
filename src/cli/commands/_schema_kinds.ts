/**
 * The kinds of output that `starmap schema` describes, shared by the command and its action.
 *
 * @module
 */

/** The outputs `starmap schema` describes: records (json, jsonl, yaml) and rows (csv, tsv, `--fields`). */
export const SCHEMA_KINDS = [
  "model",
  "models",
  "models-row",
  "offering",
  "offerings",
  "offerings-row",
  "provider",
  "providers",
  "providers-row",
  "author",
  "authors",
  "authors-row",
  "cost",
  "cost-row",
  "catalog",
] as const;
