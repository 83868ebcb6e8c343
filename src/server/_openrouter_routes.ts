/**
 * OpenRouter-compatible routes, so that a client written for OpenRouter can read starmap: `GET
 * /openrouter/v1/models` (one entry per model, in the shape of OpenRouter's `/api/v1/models`) and `GET
 * /openrouter/v1/models/{author}/{slug}/endpoints` (every offering of a model as an endpoint). Prices are decimal
 * strings in USD per token (per request and per search as OpenRouter prices them).
 *
 * @module
 */
import { z } from "zod";
import type { Catalog } from "../catalog/mod.ts";
import type { Model, Offering, Pricing } from "../catalog/types.gen.ts";
import { ParamValue } from "../catalog/mod.ts";
import { openRouterPricing } from "../pricing/mod.ts";
import { parseQuery, type QueryParam } from "./_query.ts";
import type { RouteRequest, RouteSpec } from "./_route.ts";

const text = z.string();
/** OpenRouter's prices: decimal strings in USD per token (per request, per image, per search where so named). */
export const OpenRouterPricing = z.record(z.string(), z.string());
const price = OpenRouterPricing;

/** The architecture block of an OpenRouter model. */
export const OpenRouterArchitecture = z.object({
  modality: text,
  input_modalities: z.array(text),
  output_modalities: z.array(text),
  tokenizer: text,
  instruct_type: text.nullable(),
});
const Architecture = OpenRouterArchitecture;

/** One model of OpenRouter's `/api/v1/models`, as starmap serves it. */
export const OpenRouterModel = z.object({
  id: text,
  canonical_slug: text,
  hugging_face_id: text.nullable(),
  name: text,
  created: z.number().int(),
  description: text,
  context_length: z.number().int(),
  architecture: Architecture,
  pricing: price,
  top_provider: z.object({
    context_length: z.number().int().nullable(),
    max_completion_tokens: z.number().int().nullable(),
    is_moderated: z.boolean(),
  }),
  per_request_limits: z.null(),
  supported_parameters: z.array(text),
  default_parameters: z.record(z.string(), ParamValue),
  supported_voices: z.null(),
  knowledge_cutoff: text.nullable(),
  expiration_date: text.nullable(),
  links: z.object({ details: text }),
});

/** OpenRouter's `/api/v1/models` response. */
export const OpenRouterModelList = z.object({ data: z.array(OpenRouterModel) });

/** One endpoint (a provider's offering) of OpenRouter's `/api/v1/models/{author}/{slug}/endpoints`. */
export const OpenRouterEndpoint = z.object({
  name: text,
  model_id: text,
  model_name: text,
  context_length: z.number().int().nullable(),
  pricing: price,
  provider_name: text,
  tag: text,
  quantization: text.nullable(),
  max_completion_tokens: z.number().int().nullable(),
  max_prompt_tokens: z.number().int().nullable(),
  supported_parameters: z.array(text),
  status: z.number().int(),
  uptime_last_30m: z.number().nullable(),
  supports_implicit_caching: z.boolean(),
});

/** OpenRouter's `/api/v1/models/{author}/{slug}/endpoints` response. */
export const OpenRouterEndpoints = z.object({
  data: z.object({
    id: text,
    name: text,
    created: z.number().int(),
    description: text,
    architecture: Architecture,
    endpoints: z.array(OpenRouterEndpoint),
  }),
});

function pricing(p: Pricing | undefined): Record<string, string> {
  const out = openRouterPricing(p ?? {});
  if (!out.prompt) out.prompt = "0";
  if (!out.completion) out.completion = "0";
  return out;
}

function architecture(m: Model) {
  const input = [...m.modalities.input];
  const output = [...m.modalities.output];
  return {
    modality: `${input.join("+")}->${output.join("+")}`,
    input_modalities: input,
    output_modalities: output,
    tokenizer: m.family ?? "Other",
    instruct_type: null,
  };
}

/** Seconds since the epoch of a release date (`YYYY-MM` counts from the first of the month), 0 when unknown. */
function created(date: string | undefined): number {
  if (!date) return 0;
  const t = Date.parse(date.length === 7 ? `${date}-01T00:00:00Z` : `${date}T00:00:00Z`);
  return Number.isFinite(t) ? Math.floor(t / 1000) : 0;
}

function params(offerings: readonly Offering[]): string[] {
  return [...new Set(offerings.flatMap((o) => o.params ?? []))].sort();
}

/** One model in OpenRouter's shape, priced by its cheapest offering. */
export function openRouterModel(catalog: Catalog, m: Model, prefix: string): z.infer<typeof OpenRouterModel> {
  const offerings = catalog.offerings(m.id);
  const cheapest = offerings[0];
  // OpenRouter always states a context length: the model's, else the largest an offering serves, else 0.
  const context = m.limits.context ?? Math.max(0, ...offerings.map((o) => o.limits.context ?? 0));
  return {
    id: m.id,
    canonical_slug: m.id,
    hugging_face_id: m.weights?.huggingFace ?? null,
    name: m.name,
    created: created(m.releaseDate),
    description: m.description ?? "",
    context_length: context,
    architecture: architecture(m),
    pricing: pricing(cheapest?.pricing),
    top_provider: {
      context_length: cheapest?.limits.context ?? (context || null),
      max_completion_tokens: cheapest?.limits.output ?? m.limits.output ?? null,
      is_moderated: false,
    },
    per_request_limits: null,
    supported_parameters: params(offerings),
    default_parameters: { ...cheapest?.defaults },
    supported_voices: null,
    knowledge_cutoff: m.knowledgeCutoff ?? null,
    expiration_date: cheapest?.lifecycle?.retirementDate ?? null,
    links: { details: `${prefix}/openrouter/v1/models/${m.id}/endpoints` },
  };
}

/** The query of `GET /openrouter/v1/models`: OpenRouter's own filter by supported parameter. */
export const OPENROUTER_QUERY: readonly QueryParam[] = [{
  name: "supported_parameters",
  key: "params",
  list: true,
  kind: "string",
  schema: z.string().min(1),
  description: "request parameters the model's listed `supported_parameters` hold (all)",
}];

/** `GET /openrouter/v1/models`. */
export function openRouterModels(r: RouteRequest): z.infer<typeof OpenRouterModelList> {
  const catalog = r.catalog();
  const prefix = r.state.options.prefix;
  const wanted = (parseQuery(r.url.searchParams, OPENROUTER_QUERY).params ?? []) as string[];
  const data = catalog.models.map((m) => openRouterModel(catalog, m, prefix));
  return { data: data.filter((m) => wanted.every((p) => m.supported_parameters.includes(p))) };
}

/** `GET /openrouter/v1/models/{author}/{slug}/endpoints`. */
export function openRouterEndpoints(r: RouteRequest): z.infer<typeof OpenRouterEndpoints> {
  const catalog = r.catalog();
  const { model } = catalog.resolve(`${r.params.author}/${r.params.slug}`);
  const endpoints = catalog.offerings(model.id).map((o) => {
    const provider = catalog.provider(o.provider)?.name ?? o.provider;
    return {
      name: `${provider} | ${o.id}`,
      model_id: o.model,
      model_name: o.name,
      context_length: o.limits.context ?? null,
      pricing: pricing(o.pricing),
      provider_name: provider,
      tag: o.provider,
      quantization: null,
      max_completion_tokens: o.limits.output ?? null,
      max_prompt_tokens: o.limits.input ?? null,
      supported_parameters: [...(o.params ?? [])],
      // OpenRouter's status: 0 serving, negative when degraded or withdrawn.
      status: o.lifecycle?.status === "retired" ? -10 : o.lifecycle?.status === "deprecated" ? -1 : 0,
      uptime_last_30m: null,
      supports_implicit_caching: o.pricing?.cacheRead !== undefined,
    };
  });
  return {
    data: {
      id: model.id,
      name: model.name,
      created: created(model.releaseDate),
      description: model.description ?? "",
      architecture: architecture(model),
      endpoints,
    },
  };
}

/** The OpenRouter-compatible routes. */
export const OPENROUTER_ROUTES: readonly RouteSpec[] = [
  {
    method: "GET",
    path: "/openrouter/v1/models",
    operationId: "openRouterModels",
    summary: "Every model in the shape of OpenRouter's GET /api/v1/models (priced by its cheapest offering)",
    tag: "openrouter",
    response: { status: 200, description: "The models", schema: "OpenRouterModelList" },
    errors: [304, 429, 503],
    kind: "read",
    query: OPENROUTER_QUERY,
    example: "/openrouter/v1/models",
    handle: openRouterModels,
  },
  {
    method: "GET",
    path: "/openrouter/v1/models/{author}/{slug}/endpoints",
    operationId: "openRouterEndpoints",
    summary:
      "Every offering of a model as OpenRouter's GET /api/v1/models/{author}/{slug}/endpoints shows them",
    tag: "openrouter",
    pathParams: { author: "the model's author", slug: "the model's slug" },
    response: { status: 200, description: "The model and its endpoints", schema: "OpenRouterEndpoints" },
    errors: [304, 404, 429, 503],
    kind: "read",
    example: "/openrouter/v1/models/anthropic/claude-sonnet-4-5/endpoints",
    handle: openRouterEndpoints,
  },
];
