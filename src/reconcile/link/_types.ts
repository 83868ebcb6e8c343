/**
 * The shapes the linker reads and returns. Plain types: the linker is a pure function over values already parsed
 * by their sources, so nothing here is parsed from untrusted input.
 *
 * @module
 */

// What sources hand the linker is declared with the sources.
export type { KnownModel, LinkHints, LinkLimits, LinkOffering } from "../../sources/mod.ts";

import type { LinkMethod } from "../../catalog/types.gen.ts";

// How a link was made is one of the catalog's words.
export type { LinkMethod };

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
