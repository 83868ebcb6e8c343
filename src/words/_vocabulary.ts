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

/** What an offering can be called for: the API operations a provider serves a model through. */
export const OPERATIONS = [
  "chat",
  "responses",
  "completion",
  "embeddings",
  "image_generation",
  "image_edit",
  "audio_transcription",
  "audio_speech",
  "realtime",
  "rerank",
  "moderation",
  "ocr",
  "video",
] as const;

/**
 * The request parameters an offering may accept, named as they are sent. Sources may report names outside this
 * list; they are kept as given (the list is what filters and help text offer).
 */
export const REQUEST_PARAMS = [
  "tools",
  "tool_choice",
  "parallel_tool_calls",
  "response_format",
  "structured_outputs",
  "seed",
  "logprobs",
  "top_logprobs",
  "logit_bias",
  "stop",
  "temperature",
  "top_p",
  "top_k",
  "top_a",
  "min_p",
  "frequency_penalty",
  "presence_penalty",
  "repetition_penalty",
  "reasoning",
  "include_reasoning",
  "reasoning_effort",
  "verbosity",
  "web_search_options",
  "max_tokens",
  "max_completion_tokens",
  "n",
  "user",
] as const;

/** How an offering was linked to its model, strongest signal first. */
export const LINK_METHODS = ["override", "explicit", "spelling", "agreement", "new"] as const;

/** The list-models protocols starmap speaks, for config validation and messages. */
export const PROVIDER_PROTOCOLS = [
  "openai",
  "anthropic",
  "google",
  "openrouter",
  "vertex",
  "azure",
  "ollama",
] as const;
