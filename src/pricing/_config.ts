/**
 * The `pricing` section of the configuration file.
 *
 * @module
 */
import { z } from "zod";
import type * as Types from "./types.gen.ts";

/** Pricing settings: the override file (the `--pricing-file` flag and `STARMAP_PRICING_FILE` win over it). */
export const PricingConfig = z.strictObject({
  /** A YAML file of price overrides by `provider/model`. */
  file: z.string().min(1).optional(),
});
/** Pricing settings of the configuration file. */
export type PricingConfig = Types.PricingConfig;
