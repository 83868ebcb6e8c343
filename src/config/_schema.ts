/**
 * The configuration file's schema. Each part of starmap owns one section; the file is YAML, validated strictly so
 * that a misspelt key is reported with its file and path.
 *
 * @module
 */
import { z } from "zod";
import { OUTPUT_FORMATS } from "../limits.ts";
import {
  PricingConfig,
  ProvidersConfig,
  ReconcileConfig,
  ServerConfig,
  SourcesConfig,
  WeightsConfig,
} from "./_sections.ts";
import type * as Types from "./types.gen.ts";

/** Output settings shared by every command. */
export const OutputConfig = z.strictObject({
  /** Default output format. */
  format: z.enum(OUTPUT_FORMATS).optional(),
  /** Use colour on terminals (NO_COLOR always wins). */
  color: z.boolean().optional(),
});

/** Where the user's catalog lives. */
export const CatalogConfig = z.strictObject({
  /** The user's catalog directory (overrides and the updated catalog). */
  dir: z.string().min(1).optional(),
});

/** The whole configuration file. */
export const Config = z.strictObject({
  output: OutputConfig.optional(),
  catalog: CatalogConfig.optional(),
  pricing: PricingConfig.optional(),
  sources: SourcesConfig.optional(),
  providers: ProvidersConfig.optional(),
  weights: WeightsConfig.optional(),
  reconcile: ReconcileConfig.optional(),
  server: ServerConfig.optional(),
});
/** The whole configuration file. */
export type Config = Types.Config;
