/**
 * The text of the embedded catalog's provenance, built with it by `catalog:build`. Only
 * {@link loadEmbeddedProvenance} imports this module, and only when it is called.
 *
 * @module
 */
import text from "../../catalog/provenance.json" with { type: "text" };

/** The provenance document as built, unparsed. */
export const PROVENANCE_TEXT: string = text;
