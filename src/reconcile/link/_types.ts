/**
 * The shapes the linker reads and returns. Plain types: the linker is a pure function over values already parsed
 * by their sources, so nothing here is parsed from untrusted input.
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

/** How a link was made: a local override, a source's explicit link, a spelling rule, agreement of fields, or none. */
export type LinkMethod = "override" | "explicit" | "spelling" | "agreement" | "new";

/** The link of one offering to one model. */
export interface OfferingLink {
  /** `provider/providerModelId`. */
  offering: string;
  /** The canonical model id `author/slug`. */
  model: string;
  /** How the link was made. */
  method: LinkMethod;
  /** How sure the link is, from 0 to 1. */
  confidence: number;
  /** What made it: the hint, spelling rules or agreeing fields (`region-prefix+version-suffix`). */
  evidence: string;
  /** Set when an explicit link only confirms the model the offering's own id reaches by spelling. */
  confirms?: boolean | undefined;
}

/** A model the links point to: one of the known models, or one minted for offerings no known model covers. */
export interface ModelDefinition {
  /** `author/slug`. */
  id: string;
  /** The author id. */
  author: string;
  /** Whether it came from the known models (otherwise minted here). */
  known: boolean;
  /** The display name (the known model's, or the most common among its offerings). */
  name?: string | undefined;
  /** The family, when one is known. */
  family?: string | undefined;
  /** Lineage: the model this one is a variant of (a date-pinned snapshot or a fast/thinking variant). */
  base?: string | undefined;
  /** What kind of variant it is (`snapshot`, `fast`, …), when `base` is set. */
  variant?: string | undefined;
  /** How many offerings link to it. */
  offerings: number;
}

/** What {@link linkOfferings} returns. */
export interface LinkResult {
  /** One link per offering, in input order. */
  links: OfferingLink[];
  /** Every model linked to (and every known model), sorted by id. */
  models: ModelDefinition[];
}
