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
import { MODALITIES, MODEL_STATUSES } from "../words/mod.ts";
import { isCalendarDate } from "../words/mod.ts";
import { CATALOG_VERSION } from "./_format.ts";
import { Pricing } from "./_schema_pricing.ts";
import {
  CanonicalModelId,
  Lifecycle,
  OfferingLink,
  Operation,
  ParamRange,
  ParamValue,
  RateLimits,
  RequestParam,
} from "./_schema_offering.ts";

export { Currency, Prices, PriceTier, Pricing, ServiceRate } from "./_schema_pricing.ts";
export {
  CanonicalModelId,
  Lifecycle,
  LifecycleStatus,
  LinkMethod,
  OfferingLink,
  Operation,
  ParamRange,
  RateLimits,
  RequestParam,
} from "./_schema_offering.ts";

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

/** A provider's list-models endpoint: its protocol and the path under the provider's API base URL. */
export const Endpoint = z.strictObject({
  type: EndpointType,
  path: z.string().startsWith("/").optional(),
});
/** A provider's list-models endpoint. */
export type Endpoint = Types.Endpoint;

/**
 * An API base URL that may hold `${ENV_VAR}` references filled from the user's environment
 * (`https://${DATABRICKS_HOST}/ai-gateway/mlflow/v1`): a URL once they are filled, not a URI before.
 */
export const UrlTemplate = z.string()
  .regex(/^https?:\/\/\S+$/, "expected an http(s) URL")
  .refine(
    (v) => URL.canParse(v.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*\}/g, "x")),
    "expected a URL, with ${VAR} references at most",
  )
  .describe("An http(s) base URL that may hold ${ENV_VAR} references, filled from the environment.");
/** An API base URL that may hold `${ENV_VAR}` references. */
export type UrlTemplate = Types.UrlTemplate;

/** A service that serves models over an API. */
export const Provider = z.strictObject({
  id: Slug,
  name: z.string().min(1),
  aliases: z.array(z.string()).optional(),
  env: z.array(z.string().regex(/^[A-Z0-9][A-Z0-9_]*$/, "expected an environment variable name")),
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
  /** The lab's logo as SVG markup (models.dev's `labs/<id>/logo.svg`). */
  logo: z.string().startsWith("<svg").max(65536).optional(),
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
  /** The model decides when and how much to think (Anthropic's adaptive thinking). */
  z.strictObject({ type: z.literal("adaptive") }),
]);
/** One way a model's reasoning can be steered. */
export type ReasoningOption = Types.ReasoningOption;

/**
 * What a model can do beyond plain text completion. Every flag is three-valued: `true`, `false`, or absent when no
 * source says (unknown is never stored as `false`).
 */
export const Capabilities = z.strictObject({
  attachments: z.boolean().optional(),
  reasoning: z.boolean().optional(),
  reasoningOptions: z.array(ReasoningOption).optional(),
  /** Where interleaved reasoning is returned (`true` when the provider does not name a field). */
  interleaved: z.union([z.literal(true), z.string()]).optional(),
  toolCalls: z.boolean().optional(),
  structuredOutput: z.boolean().optional(),
  temperature: z.boolean().optional(),
  /** Prompt caching (cached input is billed at `pricing.cacheRead`). */
  promptCaching: z.boolean().optional(),
  /** A built-in web search. */
  webSearch: z.boolean().optional(),
  /** Fetching the pages of URLs named in the prompt. */
  urlContext: z.boolean().optional(),
  /** The computer-use tool. */
  computerUse: z.boolean().optional(),
  /** System messages (some reasoning models refuse them). */
  systemMessages: z.boolean().optional(),
  /** System messages after the first user or assistant message, not only at the start. */
  midConversationSystem: z.boolean().optional(),
  /** Prefilling the start of the assistant's answer. */
  assistantPrefill: z.boolean().optional(),
  /** Streaming answers natively (not simulated by a gateway). */
  streaming: z.boolean().optional(),
  /** The provider's batch API (asynchronous requests at a batch price). */
  batch: z.boolean().optional(),
  /** Answers that cite passages of the documents given. */
  citations: z.boolean().optional(),
  /** The provider's code-execution tool. */
  codeExecution: z.boolean().optional(),
  /** Clearing old tool results or thinking from a long conversation on the server (context editing). */
  contextManagement: z.boolean().optional(),
});
/** What a model can do beyond plain text completion. */
export type Capabilities = Types.Capabilities;

/** Token limits of a model. */
export const Limits = z.strictObject({
  context: tokens.optional(),
  input: tokens.optional(),
  output: tokens.optional(),
  /** The fewest prompt tokens a prompt-cache entry holds (shorter prefixes are not cached). */
  cacheMinTokens: tokens.optional(),
  /** The length of the vectors an embedding model returns. */
  embeddingDimensions: z.number().int().positive().optional(),
});
/** Token limits of a model. */
export type Limits = Types.Limits;

/** Input and output modalities of a model. */
export const Modalities = z.strictObject({
  input: z.array(Modality),
  output: z.array(Modality),
});
/** Input and output modalities of a model. */
export type Modalities = Types.Modalities;

const limitsInputWithinContext = {
  check: (m: { limits?: { input?: number | undefined; context?: number | undefined } | undefined }) =>
    m.limits?.input === undefined || m.limits.context === undefined || m.limits.input <= m.limits.context,
  message: { message: "limits.input must not exceed limits.context", path: ["limits", "input"] },
};

/** Open weights of a model: where they are published, under which licence, and how many parameters. */
export const OpenWeights = z.strictObject({
  /** The Hugging Face repository (`meta-llama/Llama-3.3-70B-Instruct`). */
  huggingFace: z.string().optional(),
  /** The licence (`llama3.3`, `apache-2.0`). */
  license: z.string().optional(),
  /** The number of parameters. */
  parameters: z.number().int().positive().optional(),
  /** The quantization of the weights as served (`Q4_K_M`, `F16`). */
  quantization: z.string().optional(),
  /** The file format of the weights as served (`gguf`, `safetensors`). */
  format: z.string().optional(),
});
/** Open weights of a model. */
export type OpenWeights = Types.OpenWeights;

/** The fields of a model, without cross-field checks (see {@link Model}). */
export const ModelFields = z.strictObject({
  /** `author/slug`. */
  id: CanonicalModelId,
  name: z.string().min(1),
  /** Other spellings of the id that name this model (an author's own alias, a gateway's canonical slug). */
  aliases: z.array(z.string()).optional(),
  authors: z.array(Slug),
  family: z.string().optional(),
  /** Lineage: the model this one is a variant of (a thinking, fast or date-pinned variant points to its base). */
  base: CanonicalModelId.optional(),
  description: z.string().optional(),
  releaseDate: CatalogDate.optional(),
  knowledgeCutoff: CatalogDate.optional(),
  /** Whether the weights are published (absent: unknown). */
  openWeights: z.boolean().optional(),
  /** Where open weights are published, when known. */
  weights: OpenWeights.optional(),
  modalities: Modalities,
  /** Capabilities as the author defines them. */
  capabilities: Capabilities,
  /** Limits as the author publishes them. */
  limits: Limits,
});

/** A model, independent of any provider. Its key is its id `author/slug`. */
export const Model = ModelFields.refine(limitsInputWithinContext.check, limitsInputWithinContext.message);
/** A model, independent of any provider. */
export type Model = Types.Model;

/** A partial model as an author-level source knows it: only `id` is required. */
export const ModelRecord = ModelFields.partial().extend({
  id: CanonicalModelId,
  capabilities: Capabilities.partial().optional(),
  modalities: Modalities.partial().optional(),
});
/** A partial model as an author-level source knows it. */
export type ModelRecord = Types.ModelRecord;

/** The fields of an offering, without cross-field checks (see {@link Offering}). */
export const OfferingFields = z.strictObject({
  /** The provider's model id. */
  id: ModelId,
  provider: Slug,
  /** The model this offering serves (`author/slug`). */
  model: CanonicalModelId,
  /** How the link to the model was made. */
  link: OfferingLink,
  name: z.string().min(1),
  aliases: z.array(z.string()).optional(),
  authors: z.array(Slug),
  family: z.string().optional(),
  description: z.string().optional(),
  releaseDate: CatalogDate.optional(),
  knowledgeCutoff: CatalogDate.optional(),
  lastUpdated: CatalogDate.optional(),
  openWeights: z.boolean().optional(),
  /** The weights as this provider serves them (a local server's parameter count and quantization). */
  weights: OpenWeights.optional(),
  /** The base URL this offering is called at, when it differs from the provider's (`${VAR}` references allowed). */
  api: UrlTemplate.optional(),
  /** The AI SDK package that calls this offering, when it differs from the provider's. */
  npm: z.string().optional(),
  /** The tokenizer the provider names (`GPT`, `Claude`, `Llama3`). */
  tokenizer: z.string().optional(),
  /** The prompt template the provider applies to raw completions (`chatml`, `llama3`, `alpaca`). */
  promptFormat: z.string().optional(),
  /** Whether the provider runs prompts and answers through its own moderation (absent: unknown). */
  moderated: z.boolean().optional(),
  modalities: Modalities,
  capabilities: Capabilities,
  /** Limits as served. */
  limits: Limits,
  pricing: Pricing.optional(),
  /** The request parameters the offering accepts, named as sent. */
  params: z.array(RequestParam).optional(),
  /** Default values of request parameters. */
  defaults: z.record(z.string(), ParamValue).optional(),
  /** The values a numeric request parameter accepts, by name (`temperature`: at most 2). */
  paramRanges: z.record(z.string(), ParamRange).optional(),
  /** The API operations the offering is served through. */
  operations: z.array(Operation).optional(),
  lifecycle: Lifecycle.optional(),
  /** Regions the offering is served in, as the provider names them. */
  regions: z.array(z.string()).optional(),
  rateLimits: RateLimits.optional(),
});

/** One provider's service of one model. Its key is `provider/id`. */
export const Offering = OfferingFields.refine(
  limitsInputWithinContext.check,
  limitsInputWithinContext.message,
);
/** One provider's service of one model. Its key is `provider/id`. */
export type Offering = Types.Offering;

/**
 * A partial offering as a source knows it: `provider` and `id` are required, everything else may be missing, and
 * nested groups may be partial. Sources emit these; the reconciler merges them field by field and links each
 * offering to its model (a `model` given by a local override pins the link).
 */
export const OfferingRecord = OfferingFields.partial().extend({
  id: ModelId,
  provider: Slug,
  capabilities: Capabilities.partial().optional(),
  modalities: Modalities.partial().optional(),
  link: OfferingLink.partial().optional(),
});
/** A partial offering as a source knows it. */
export type OfferingRecord = Types.OfferingRecord;

/** A partial provider as a source knows it: only `id` is required. */
export const ProviderRecord = Provider.partial().extend({ id: Slug });
/** A partial provider as a source knows it. */
export type ProviderRecord = Types.ProviderRecord;

/** A partial author as a source knows it: only `id` is required. */
export const AuthorRecord = Author.partial().extend({ id: Slug });
/** A partial author as a source knows it. */
export type AuthorRecord = Types.AuthorRecord;

/** The whole catalog document as starmap writes it: models (author level) and offerings (provider level). */
export const CatalogData = z.strictObject({
  version: z.literal(CATALOG_VERSION),
  /** When the data was last synchronised (ISO 8601). */
  updatedAt: z.iso.datetime(),
  providers: z.array(Provider),
  authors: z.array(Author),
  models: z.array(Model),
  offerings: z.array(Offering),
});
/** The whole catalog document as starmap writes it. */
export type CatalogData = Types.CatalogData;

/** The JSON Schema (draft 2020-12) of the catalog document, generated from the zod schema. */
export function catalogJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(CatalogData, { io: "input" }) as Record<string, unknown>;
}
