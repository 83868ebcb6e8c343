/**
 * The `weights` section of the configuration file.
 *
 * @module
 */
import { z } from "zod";
import type * as Types from "./types.gen.ts";

/** Settings of the weights puller. */
export const WeightsConfig = z.strictObject({
  /** The registry's base URL (serving `models.json` and `data/<hash>`). */
  registry: z.url({ protocol: /^https?$/ }).optional(),
  /** Where installed models, the chunk cache and `registry.json` live. */
  dataDir: z.string().min(1).optional(),
  /** Parallel chunk downloads (1 to 16). */
  concurrency: z.number().int().min(1).max(16).optional(),
});
/** Settings of the weights puller. */
export type WeightsConfig = Types.WeightsConfig;
