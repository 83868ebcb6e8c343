/**
 * Limits and word lists that both the library and the CLI's flag parsers use. This module imports nothing, so the
 * CLI can parse flags without loading the pricing schemas or the download engine, and there is one value to change.
 *
 * @module
 */

/** The largest token count one cost component accepts (a trillion tokens). */
export const MAX_TOKENS = 1_000_000_000_000;

/** The formats `export pricing` writes. */
export const PRICE_EXPORT_FORMATS = ["litellm", "openrouter", "yaml", "csv"] as const;

/** The service rates `cost` prices at (`standard` is the default). */
export const COST_SERVICES = ["standard", "batch", "priority", "flex"] as const;

/** The most parallel chunk downloads of a weights pull. */
export const MAX_CONCURRENCY = 16;

/** The packer's default chunk size: 16 MiB. */
export const DEFAULT_CHUNK_SIZE: number = 16 * 1024 * 1024;

/** The default per-source timeout of an update, in milliseconds (`update --help` shows it). */
export const SYNC_TIMEOUT_MS = 60_000;

/** The output formats of every command (the config file's `output.format` takes the same words). */
export const OUTPUT_FORMATS = [
  "table",
  "wide",
  "json",
  "jsonl",
  "yaml",
  "csv",
  "tsv",
  "markdown",
  "name",
] as const;
