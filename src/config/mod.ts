/**
 * The public door of `config/`: what other folders use of it.
 *
 * @module
 */
export type { Config } from "./_schema.ts";
export type { CatalogConfig, OutputConfig } from "./types.gen.ts";
export { loadConfig } from "./_load.ts";
