/**
 * The closed word lists of the catalog and its filters as plain constants, so that code which only needs the words
 * (command-line choices, help text) does not load the zod schemas built from them.
 *
 * @module
 */

/** The kinds of content a model reads or writes. */
export const MODALITIES = ["text", "image", "audio", "video", "pdf", "file", "embedding"] as const;

/** The life-cycle states of a model. */
export const MODEL_STATUSES = ["active", "preview", "beta", "alpha", "deprecated", "retired"] as const;

/** The keys a model list can be sorted by. */
export const MODEL_SORT_KEYS = [
  "id",
  "name",
  "provider",
  "context",
  "output",
  "input_price",
  "output_price",
  "release_date",
] as const;

/** The capability flags a model filter can require. */
export const CAPABILITIES = [
  "tools",
  "reasoning",
  "vision",
  "structured_output",
  "open_weights",
  "attachments",
] as const;
