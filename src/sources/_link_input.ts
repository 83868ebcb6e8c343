/**
 * What a source hands the linker: offerings as the linker sees them, the author-level models it already knows,
 * and the links a source states outright. Plain types, declared with the sources that produce them; the linker
 * (`reconcile/`) reads them.
 *
 * @module
 */

/** Limits as a source states them. */
export interface LinkLimits {
  /** Context window in tokens. */
  context?: number | undefined;
  /** Largest output in tokens. */
  output?: number | undefined;
}

/** Links a source states outright, strongest signal first. */
export interface LinkHints {
  /** models.dev's source archive `base_model` (`<lab>/<model>`). */
  baseModel?: string | undefined;
  /** OpenRouter's `canonical_slug` (`anthropic/claude-4.5-sonnet-20250929`). */
  canonicalSlug?: string | undefined;
  /** OpenRouter's `hugging_face_id` (`meta-llama/Llama-3.3-70B-Instruct`). */
  huggingFaceId?: string | undefined;
}

/** One provider's offering of a model, as the linker sees it. */
export interface LinkOffering {
  /** The provider id (`amazon-bedrock`). */
  provider: string;
  /** The provider's model id (`us.anthropic.claude-sonnet-4-5-20250929-v1:0`). */
  id: string;
  /** The display name. */
  name?: string | undefined;
  /** The model family. */
  family?: string | undefined;
  /** Author ids, when a source states them. */
  authors?: readonly string[] | undefined;
  /** Release date (`YYYY-MM-DD`). */
  releaseDate?: string | undefined;
  /** Limits as served. */
  limits?: LinkLimits | undefined;
  /** Whether the weights are open. */
  openWeights?: boolean | undefined;
  /** Explicit links from sources. */
  hints?: LinkHints | undefined;
}

/** A model already defined at the author level (models.dev `models.json`). */
export interface KnownModel {
  /** `author/slug`. */
  id: string;
  /** The display name. */
  name?: string | undefined;
  /** The model family. */
  family?: string | undefined;
  /** Release date (`YYYY-MM-DD`). */
  releaseDate?: string | undefined;
  /** Limits as the author publishes them. */
  limits?: LinkLimits | undefined;
  /** Whether the weights are open. */
  openWeights?: boolean | undefined;
}
