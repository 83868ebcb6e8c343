/**
 * The one schema module of the catalog: zod schemas and the types inferred from them.
 *
 * Catalog data that starmap writes is strict (unknown keys are rejected); upstream payloads are parsed
 * loosely next to their source and translated into these shapes.
 *
 * @module
 */
import { z } from "zod";
import type * as Types from "./types.gen.ts";
import { MODALITIES, MODEL_STATUSES } from "./vocabulary.ts";
import { isCalendarDate } from "./calendar.ts";

const isoDate = /^\d{4}-\d{2}(-\d{2})?$/;

/** A calendar date `YYYY-MM-DD`, or a month `YYYY-MM` where the upstream only knows the month. */
export const CatalogDate = z.string().regex(isoDate, "expected a date YYYY-MM-DD or YYYY-MM").refine(
  isCalendarDate,
  "not a calendar date",
);
/** A calendar date `YYYY-MM-DD`, or a month `YYYY-MM`. */
export type CatalogDate = Types.CatalogDate;

/** The id of a provider or an author: lowercase letters, digits, `.`, `_` and `-`. */
export const Slug = z.string().min(1, "id is empty").regex(
  /^[a-z0-9][a-z0-9._-]*$/,
  "expected a lowercase id",
);
/** The id of a provider or an author. */
export type Slug = Types.Slug;

/** A model id as its provider names it: no white space, may contain `/` (`meta-llama/Llama-3.3-70B`). */
export const ModelId = z.string().min(1, "id is empty").regex(
  /^[^\s/][^\s]*$/,
  "expected an id without spaces",
);
/** A model id as its provider names it. */
export type ModelId = Types.ModelId;

/** A kind of content a model reads or writes. */
export const Modality = z.enum(MODALITIES);
/** A kind of content a model reads or writes. */
export type Modality = Types.Modality;

/** The life-cycle state of a model. */
export const ModelStatus = z.enum(MODEL_STATUSES);
/** The life-cycle state of a model. */
export type ModelStatus = Types.ModelStatus;

/** The protocol a provider's list-models endpoint speaks. */
export const EndpointType = z.enum(["openai", "anthropic", "google", "openrouter", "none"]);
/** The protocol a provider's list-models endpoint speaks. */
export type EndpointType = Types.EndpointType;

const tokens = z.number().int().nonnegative();
const usdPerMillion = z.number().nonnegative().finite();

/** A provider's list-models endpoint: its protocol and the path under the provider's API base URL. */
export const Endpoint = z.strictObject({
  type: EndpointType,
  path: z.string().startsWith("/").optional(),
});
/** A provider's list-models endpoint. */
export type Endpoint = Types.Endpoint;

/**
 * An API base URL that may hold `${ENV_VAR}` placeholders filled from the user's environment
 * (`https://${DATABRICKS_HOST}/ai-gateway/mlflow/v1`): a URL once they are filled, not a URI before.
 */
export const UrlTemplate = z.string()
  .regex(/^https?:\/\/\S+$/, "expected an http(s) URL")
  .refine(
    (v) => URL.canParse(v.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*\}/g, "x")),
    "expected a URL, with ${VAR} placeholders at most",
  )
  .describe("An http(s) base URL that may hold ${ENV_VAR} placeholders, filled from the environment.");
/** An API base URL that may hold `${ENV_VAR}` placeholders. */
export type UrlTemplate = Types.UrlTemplate;

/** A service that serves models over an API. */
export const Provider = z.strictObject({
  id: Slug,
  name: z.string().min(1),
  aliases: z.array(z.string()).optional(),
  env: z.array(z.string().regex(/^[A-Z][A-Z0-9_]*$/, "expected an environment variable name")),
  api: UrlTemplate.optional(),
  endpoint: Endpoint.optional(),
  npm: z.string().optional(),
  docs: z.url().optional(),
  statusPage: z.url().optional(),
});
/** A service that serves models over an API. */
export type Provider = Types.Provider;

/** An organisation that creates models (a lab). */
export const Author = z.strictObject({
  id: Slug,
  name: z.string().min(1),
  website: z.url().optional(),
  huggingFace: z.string().optional(),
  github: z.string().optional(),
});
/** An organisation that creates models (a lab). */
export type Author = Types.Author;

/** One way a model's reasoning can be steered. */
export const ReasoningOption = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("toggle") }),
  z.strictObject({ type: z.literal("effort"), values: z.array(z.string()) }),
  z.strictObject({
    type: z.literal("budget_tokens"),
    min: tokens.optional(),
    max: tokens.optional(),
    /** The model may choose its own budget (upstream `-1`). */
    dynamic: z.literal(true).optional(),
  }),
]);
/** One way a model's reasoning can be steered. */
export type ReasoningOption = Types.ReasoningOption;

/** What a model can do beyond plain text completion. */
export const Capabilities = z.strictObject({
  attachments: z.boolean(),
  reasoning: z.boolean(),
  reasoningOptions: z.array(ReasoningOption).optional(),
  /** Where interleaved reasoning is returned (`true` when the provider does not name a field). */
  interleaved: z.union([z.literal(true), z.string()]).optional(),
  toolCalls: z.boolean(),
  structuredOutput: z.boolean().optional(),
  temperature: z.boolean().optional(),
});
/** What a model can do beyond plain text completion. */
export type Capabilities = Types.Capabilities;

/** Token limits of a model. */
export const Limits = z.strictObject({
  context: tokens.optional(),
  input: tokens.optional(),
  output: tokens.optional(),
});
/** Token limits of a model. */
export type Limits = Types.Limits;

/** Prices in USD per 1M tokens. */
export const Prices = z.strictObject({
  input: usdPerMillion.optional(),
  output: usdPerMillion.optional(),
  reasoning: usdPerMillion.optional(),
  cacheRead: usdPerMillion.optional(),
  cacheWrite: usdPerMillion.optional(),
  inputAudio: usdPerMillion.optional(),
  outputAudio: usdPerMillion.optional(),
});
/** Prices in USD per 1M tokens. */
export type Prices = Types.Prices;

/** Prices that apply once the prompt exceeds `size` tokens. */
export const PriceTier = Prices.extend({ size: tokens.positive() });
/** Prices that apply once the prompt exceeds `size` tokens. */
export type PriceTier = Types.PriceTier;

/** A model's pricing: base prices in USD per 1M tokens, and context tiers ordered by size. */
export const Pricing = Prices.extend({
  tiers: z.array(PriceTier).optional(),
}).refine(
  (p) => !p.tiers || p.tiers.every((t, i, all) => i === 0 || t.size > all[i - 1]!.size),
  { message: "tiers must be ordered by increasing size", path: ["tiers"] },
);
/** A model's pricing: base prices in USD per 1M tokens, and context tiers ordered by size. */
export type Pricing = Types.Pricing;

/** When and how a model is withdrawn. */
export const Deprecation = z.strictObject({
  date: CatalogDate.optional(),
  replacement: z.string().optional(),
});
/** When and how a model is withdrawn. */
export type Deprecation = Types.Deprecation;

/** Input and output modalities of a model. */
export const Modalities = z.strictObject({
  input: z.array(Modality),
  output: z.array(Modality),
});
/** Input and output modalities of a model. */
export type Modalities = Types.Modalities;

/** The fields of a model, without cross-field checks (see {@link Model}). */
export const ModelFields = z.strictObject({
  id: ModelId,
  provider: Slug,
  name: z.string().min(1),
  aliases: z.array(z.string()).optional(),
  authors: z.array(Slug),
  family: z.string().optional(),
  description: z.string().optional(),
  status: ModelStatus.optional(),
  releaseDate: CatalogDate.optional(),
  knowledgeCutoff: CatalogDate.optional(),
  lastUpdated: CatalogDate.optional(),
  openWeights: z.boolean().optional(),
  modalities: Modalities,
  capabilities: Capabilities,
  limits: Limits,
  pricing: Pricing.optional(),
  deprecation: Deprecation.optional(),
});

/** A model as one provider serves it. Its key is `provider/id`. */
export const Model = ModelFields.refine(
  (m) => m.limits.input === undefined || m.limits.context === undefined || m.limits.input <= m.limits.context,
  { message: "limits.input must not exceed limits.context", path: ["limits", "input"] },
);
/** A model as one provider serves it. Its key is `provider/id`. */
export type Model = Types.Model;

/**
 * A partial model as a source knows it: `provider` and `id` are required, everything else may be missing, and
 * nested groups (capabilities, modalities, limits, pricing) may be partial. Sources emit these; the reconciler
 * merges them field by field.
 */
export const ModelRecord = ModelFields.partial().extend({
  id: ModelId,
  provider: Slug,
  capabilities: Capabilities.partial().optional(),
  modalities: Modalities.partial().optional(),
});
/** A partial model as a source knows it. */
export type ModelRecord = Types.ModelRecord;

/** A partial provider as a source knows it: only `id` is required. */
export const ProviderRecord = Provider.partial().extend({ id: Slug });
/** A partial provider as a source knows it. */
export type ProviderRecord = Types.ProviderRecord;

/** A partial author as a source knows it: only `id` is required. */
export const AuthorRecord = Author.partial().extend({ id: Slug });
/** A partial author as a source knows it. */
export type AuthorRecord = Types.AuthorRecord;

/** The whole catalog document as starmap writes it. */
export const CatalogData = z.strictObject({
  version: z.literal(1),
  /** When the data was last synchronised (ISO 8601). */
  updatedAt: z.iso.datetime(),
  providers: z.array(Provider),
  authors: z.array(Author),
  models: z.array(Model),
});
/** The whole catalog document as starmap writes it. */
export type CatalogData = Types.CatalogData;

/** The JSON Schema (draft 2020-12) of the catalog document, generated from the zod schema. */
export function catalogJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(CatalogData, { io: "input" }) as Record<string, unknown>;
}
