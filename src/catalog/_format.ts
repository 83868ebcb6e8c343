/**
 * The format number of the catalog document, apart from the schemas so that reading a catalog can tell an older
 * document without loading them.
 *
 * @module
 */

/** The version of the catalog document starmap writes. */
export const CATALOG_VERSION = 2;
