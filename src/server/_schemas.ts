/**
 * The zod schemas of the API's bodies: the truth for the OpenAPI document and for the tests that check responses.
 *
 * @module
 */
import { z } from "zod";
import { AuthorSummary, ModelFilter, ProviderSummary } from "../catalog/mod.ts";
import {
  Author,
  Lifecycle,
  Limits,
  Model,
  ModelFields,
  Offering,
  Pricing,
  Provider,
  UrlTemplate,
} from "../catalog/mod.ts";
import { ParamValue } from "../catalog/mod.ts";
import { CostRequest, CostResponse } from "../pricing/mod.ts";
import { ErrorBody } from "./_errors.ts";
import { GenerationManifest } from "./_generation.ts";
import { GenerationDocument } from "./_publication_handlers.ts";
import { StreamEvent } from "./_events.ts";
import { ChangeCounts } from "../reconcile/mod.ts";
import {
  OpenRouterArchitecture,
  OpenRouterEndpoints,
  OpenRouterModelList,
  OpenRouterPricing,
} from "./_openrouter_routes.ts";
import { MAX_LIMIT, MAX_LIST_ITEMS, MAX_VALUE_LENGTH, QueryDate } from "./_query.ts";

const names = z.array(z.string().min(1).max(MAX_VALUE_LENGTH)).max(MAX_LIST_ITEMS).optional();

/**
 * The body of `POST /models/search`: the library's model filter, with `limit`, the number and length of list
 * values capped and dates that must be real calendar dates.
 */
export const SearchRequest = ModelFilter.extend({
  provider: names,
  author: names,
  search: names,
  releasedAfter: QueryDate.optional(),
  releasedBefore: QueryDate.optional(),
  limit: z.number().int().min(1).max(MAX_LIMIT).optional(),
});

/** A model in a list: its fields, and what its (matching) offerings add up to. */
export const ModelSummary = ModelFields.extend({
  /** How many distinct providers serve it. */
  providers: z.number().int().nonnegative(),
  /** How many offerings. */
  offerings: z.number().int().nonnegative(),
  /** The largest context window of the model or an offering. */
  context: z.number().int().nonnegative().optional(),
  /** The cheapest prices among the offerings, USD per 1M tokens. */
  cheapest: z.strictObject({ input: z.number().optional(), output: z.number().optional() }),
});

/** A page of models with the number of matches before paging. */
export const ModelPage = z.strictObject({
  version: z.string(),
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
  items: z.array(ModelSummary),
});

/** A page of offerings with the number of matches before paging. */
export const OfferingPage = z.strictObject({
  version: z.string(),
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
  items: z.array(Offering),
});

/** A model with every offering of it, cheapest first, and the offering the path named, if it named one. */
export const ModelDetail = z.strictObject({
  model: Model,
  offering: Offering.optional(),
  offerings: z.array(Offering),
});

/** The summaries the API lists, built by the catalog for every face. */
export { AuthorSummary, ProviderSummary };

/** The provider list. */
export const ProviderList = z.strictObject({
  version: z.string(),
  total: z.number().int().nonnegative(),
  items: z.array(ProviderSummary),
});

/** The author list. */
export const AuthorList = z.strictObject({
  version: z.string(),
  total: z.number().int().nonnegative(),
  items: z.array(AuthorSummary),
});

/** One provider's offer of a model: the prices and limits it serves it with. */
export const ModelOffer = z.strictObject({
  key: z.string(),
  provider: z.string(),
  providerName: z.string(),
  id: z.string(),
  model: z.string(),
  name: z.string(),
  lifecycle: Lifecycle.optional(),
  limits: Limits,
  pricing: Pricing.optional(),
  regions: z.array(z.string()).optional(),
});

/** Every offering of a model, cheapest first. */
export const ModelProviders = z.strictObject({
  version: z.string(),
  id: z.string(),
  total: z.number().int().nonnegative(),
  items: z.array(ModelOffer),
});

/** Counts over the catalog. */
export const Stats = z.strictObject({
  version: z.string(),
  updatedAt: z.string(),
  providers: z.number().int(),
  authors: z.number().int(),
  models: z.number().int(),
  offerings: z.number().int(),
  withPricing: z.number().int(),
  openWeights: z.number().int(),
  reasoning: z.number().int(),
  toolCalls: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  byProvider: z.record(z.string(), z.number().int()),
});

/** Liveness. */
export const Health = z.strictObject({ status: z.literal("ok") });

/** One source's remembered health: its circuit breaker and when it last worked. */
export const SourceState = z.strictObject({
  source: z.string(),
  circuit: z.enum(["closed", "open"]),
  failures: z.number().int().nonnegative(),
  openUntil: z.iso.datetime().optional(),
  lastSuccess: z.iso.datetime().optional(),
  lastFailure: z.iso.datetime().optional(),
  lastError: z.string().optional(),
});

/** Readiness: whether a catalog is loaded and the server is not draining. */
export const Ready = z.strictObject({
  status: z.enum(["ready", "not_ready", "draining", "degraded"]),
  version: z.string().nullable(),
  models: z.number().int().nullable(),
  /** Each source this process has fetched (remembered across runs): its circuit and last success and failure. */
  sources: z.array(SourceState),
});

/** The body of `POST /update`. */
export const UpdateBody = z.strictObject({
  provider: z.string().min(1).max(MAX_VALUE_LENGTH).optional(),
  sources: z.array(z.string().min(1).max(MAX_VALUE_LENGTH)).min(1).max(MAX_LIST_ITEMS).optional(),
});

/** The answer of `POST /update`. */
export const UpdateResult = z.strictObject({
  version: z.string(),
  previousVersion: z.string().nullable(),
  summary: ChangeCounts,
  changeset: z.unknown().optional(),
});

/** Every named schema of the API, as it appears under `components.schemas`. */
export const COMPONENTS: Record<string, z.ZodType> = {
  Model,
  Offering,
  Provider,
  UrlTemplate,
  Author,
  Pricing,
  ModelSummary,
  ModelPage,
  OfferingPage,
  ModelDetail,
  ProviderSummary,
  ProviderList,
  AuthorSummary,
  AuthorList,
  ModelOffer,
  ModelProviders,
  SearchRequest,
  Stats,
  Health,
  Ready,
  SourceState,
  UpdateBody,
  UpdateResult,
  StreamEvent,
  CostRequest,
  CostResponse,
  OpenRouterModelList,
  OpenRouterEndpoints,
  OpenRouterArchitecture,
  OpenRouterPricing,
  JsonValue: ParamValue,
  GenerationManifest,
  GenerationDocument,
  Error: ErrorBody,
};
