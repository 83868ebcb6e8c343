/**
 * The spelling rules as data: which parts of a provider's model id are packaging (region and vendor prefixes, path
 * segments, version suffixes, serving tags) rather than the model's identity. Authors and their organisation names
 * come from the shipped author table (`catalog/authors.json`), not from here.
 *
 * @module
 */

/** Region prefixes that cloud providers put before a vendor prefix (`us.anthropic.…`, `global.…`). */
export const REGION_PREFIXES: ReadonlySet<string> = new Set([
  "us",
  "eu",
  "apac",
  "ap",
  "au",
  "jp",
  "ca",
  "uk",
  "in",
  "sa",
  "me",
  "global",
  "us-gov",
]);

/** Path segments that only route a request (`accounts/fireworks/models/…`, `@cf/…`, `route/…`). */
export const ROUTING_SEGMENTS: ReadonlySet<string> = new Set([
  "accounts",
  "models",
  "cf",
  "workers-ai",
  "route",
  "chat-completion",
  "hf",
  "publishers",
  "deployments",
  "tee",
  "public",
]);

/**
 * Suffixes (after `-` or as a `:` tag) that describe how an offering is served, not which model it is: prices,
 * quantisation, confidential computing, context caps. An offering with one links to the same model.
 */
export const SERVING_SUFFIXES: readonly RegExp[] = [
  /^free$/,
  /^(nv|mx)?fp(4|6|8|16|32)$/,
  /^bf16$/,
  /^int(4|8)$/,
  /^w(4|8)a(8|16)$/,
  /^\d+bit$/,
  /^awq$/,
  /^gptq$/,
  /^gguf$/,
  /^mlx$/,
  /^tee$/,
  /^hf$/,
  /^\d+k$/,
  /^(on-)?demand$/,
  /^beta$/,
];

/**
 * Suffixes that name a variant of a model (same weights, another mode or tier of service). Without a known model
 * of that exact name, the offering gets a variant model whose lineage points to the base.
 */
export const VARIANT_SUFFIXES: ReadonlySet<string> = new Set([
  "fast",
  "highspeed",
  "flex",
  "lightning",
  "turbo",
  "thinking",
  "priority",
]);

/** Pinned versions after `@` that mean "the current one" (`claude-sonnet-5@default`). */
export const FLOATING_PINS: ReadonlySet<string> = new Set(["default", "latest", "stable"]);

/**
 * Suffixes that some providers add and others drop for one model: instruction-tuned markers
 * (`llama-3.3-70b` vs `llama-3.3-70b-instruct`), "the current version" (`mistral-large-latest`) and the
 * preview a model is served as before its release (`gemini-3-pro` vs `gemini-3-pro-preview`).
 */
export const OPTIONAL_SUFFIXES: readonly string[] = ["instruct", "it", "latest", "preview"];
