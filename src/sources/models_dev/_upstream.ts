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
  /** How this model is called when it differs from its provider: package, base URL, API shape. */
  provider: z.looseObject({
    npm: z.string().optional(),
    api: z.string().optional(),
    shape: z.string().optional(),
  }).optional().catch(undefined),
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

/**
 * The fields of a models.dev provider and of its models (nested ones as `parent.child`) that reach the catalog;
 * the fields test holds the real `api.json` against this list, so a new upstream field is a visible decision.
 */
export const MODELS_DEV_FIELDS_USED = {
  provider: ["id", "name", "env", "npm", "api", "doc", "models"],
  model: [
    "id",
    "name",
    "family",
    "attachment",
    "reasoning",
    "reasoning_options",
    "interleaved",
    "tool_call",
    "structured_output",
    "temperature",
    "knowledge",
    "release_date",
    "last_updated",
    "modalities.input",
    "modalities.output",
    "open_weights",
    "limit.context",
    "limit.input",
    "limit.output",
    "cost.input",
    "cost.output",
    "cost.reasoning",
    "cost.cache_read",
    "cost.cache_write",
    "cost.input_audio",
    "cost.output_audio",
    "cost.tiers",
    "cost.context_over_200k",
    "status",
    "provider.npm",
    "provider.api",
    "provider.shape",
    "experimental.modes",
  ],
} as const;
