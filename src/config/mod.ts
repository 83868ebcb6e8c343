/**
 * The public door of `config/`: the configuration file's schema, its sections (which the parts of starmap that own
 * them re-export) and its reader. The reader is loaded on first use, so that importing a section's schema does not
 * load the YAML parser.
 *
 * @module
 */
export type { Config } from "./_schema.ts";
export type { CatalogConfig, OutputConfig, ProviderApiConfig } from "./types.gen.ts";
export {
  PricingConfig,
  ProvidersConfig,
  ReconcileConfig,
  ReconcileStrategy,
  ServerConfig,
  SourcesConfig,
  WeightsConfig,
} from "./_sections.ts";

/**
 * Reads a configuration file; a missing file gives an empty config when `optional`.
 *
 * @throws {StarmapError} `invalid` for bad content, `not_found` for a required file that does not exist,
 * `storage` when it cannot be read.
 */
export async function loadConfig(file: string, optional: boolean): Promise<import("./_schema.ts").Config> {
  const { loadConfig } = await import("./_load.ts");
  return await loadConfig(file, optional);
}
