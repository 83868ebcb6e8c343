/**
 * The public door of `config/`: what other folders use of it.
 *
 * @module
 */
export type { Config } from "./schema.ts";
export type { CatalogConfig, OutputConfig } from "./types.gen.ts";
export { loadConfig } from "./load.ts";
