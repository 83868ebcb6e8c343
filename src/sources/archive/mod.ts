/**
 * The public door of `sources/archive/`: what other folders use of it.
 *
 * @module
 */
export { readTar, TarError } from "./_tar.ts";
