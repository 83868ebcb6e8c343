/**
 * Loose schemas of the models.dev `/api.json` document. Upstream data is parsed leniently: unknown keys pass,
 * and what starmap does not understand is dropped in translation rather than rejected.
 *
 * @module
 */
import { z } from "zod";

const num = z.number().finite();

/** Prices of one tier or mode, USD per 1M tokens. */
export const DevCost = z.looseObject({
  input: num.optional(),
  output: num.optional(),
  reasoning: num.optional(),
  cache_read: num.optional(),
  cache_write: num.optional(),
  input_audio: num.optional(),
  output_audio: num.optional(),
});

/** A model of models.dev. */
export const DevModel = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  family: z.string().optional(),
  attachment: z.boolean().optional(),
  reasoning: z.boolean().optional(),
  reasoning_options: z.array(z.looseObject({ type: z.string() })).optional(),
  interleaved: z.union([z.boolean(), z.looseObject({ field: z.string() })]).optional(),
  tool_call: z.boolean().optional(),
  structured_output: z.boolean().optional(),
  temperature: z.boolean().optional(),
  knowledge: z.string().optional(),
  release_date: z.string().optional(),
  last_updated: z.string().optional(),
  modalities: z.looseObject({ input: z.array(z.string()), output: z.array(z.string()) }).optional(),
  open_weights: z.boolean().optional(),
  limit: z.looseObject({ context: num.optional(), input: num.optional(), output: num.optional() }).optional(),
  cost: DevCost.extend({
    tiers: z.array(DevCost.extend({ tier: z.looseObject({ type: z.string(), size: num }) })).optional(),
    context_over_200k: DevCost.optional(),
  }).optional(),
  status: z.string().optional(),
  license: z.string().optional().catch(undefined),
  weights: z.array(z.looseObject({ label: z.string().optional(), url: z.string().optional() })).optional()
    .catch(undefined),
  /** Modes sold beside the default (`fast`), each with its prices and the request body that selects it. */
  experimental: z.looseObject({
    modes: z.record(
      z.string(),
      z.looseObject({
        cost: DevCost.optional(),
        provider: z.looseObject({ body: z.looseObject({ service_tier: z.string().optional() }).optional() })
          .optional(),
      }),
    ).optional(),
  }).optional().catch(undefined),
});
/** A model of models.dev. */
export type DevModel = z.infer<typeof DevModel>;

/** A provider of models.dev with its models keyed by id. */
export const DevProvider = z.looseObject({
  id: z.string(),
  name: z.string(),
  env: z.array(z.string()).default([]),
  npm: z.string().optional(),
  api: z.string().optional(),
  doc: z.string().optional(),
  models: z.record(z.string(), DevModel),
});
/** A provider of models.dev with its models keyed by id. */
export type DevProvider = z.infer<typeof DevProvider>;

/** The `/api.json` document: providers keyed by id. */
export const DevApi = z.record(z.string(), DevProvider);
/** The `/api.json` document: providers keyed by id. */
export type DevApi = z.infer<typeof DevApi>;
