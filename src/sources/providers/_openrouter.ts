/**
 * OpenRouter's `/models`: an OpenAI-shaped list whose entries carry names, modalities, supported parameters and
 * prices as strings in USD per token, converted exactly to USD per 1M tokens.
 *
 * @module
 */
import { z } from "zod";
import type { Modality, OfferingRecord, Pricing } from "../../catalog/types.gen.ts";
import type { LinkHints } from "../_source.ts";
import { upstreamPerMillion as perMillion, upstreamPerUnit as perUnit } from "../../pricing/mod.ts";
import { compact } from "../_compact.ts";
import { MODALITIES } from "../../words/mod.ts";
import { openaiProtocol, payloadError } from "./_openai_compatible.ts";
import { calendarDate, readEntries } from "./_entries.ts";
import type { Protocol } from "./_protocol.ts";

const price = z.union([z.string(), z.number()]).optional();

/** One model of OpenRouter's list. */
export const OpenRouterModel = z.looseObject({
  id: z.string().min(1),
  canonical_slug: z.string().nullish(),
  hugging_face_id: z.string().nullish(),
  name: z.string().optional(),
  created: z.number().optional(),
  description: z.string().optional(),
  context_length: z.number().int().nonnegative().nullish(),
  architecture: z.looseObject({
    input_modalities: z.array(z.string()).optional(),
    output_modalities: z.array(z.string()).optional(),
    tokenizer: z.string().nullish(),
    instruct_type: z.string().nullish(),
  }).optional(),
  pricing: z.looseObject({
    prompt: price,
    completion: price,
    input_cache_read: price,
    input_cache_write: price,
    internal_reasoning: price,
    audio: price,
    request: price,
    web_search: price,
    image: price,
  }).optional(),
  top_provider: z.looseObject({
    max_completion_tokens: z.number().int().nonnegative().nullish(),
    is_moderated: z.boolean().nullish(),
  }).optional(),
  /** Per-request token limits (documented `{prompt_tokens, completion_tokens}`; null for most models). */
  per_request_limits: z.looseObject({ prompt_tokens: price, completion_tokens: price }).nullish().catch(null),
  supported_parameters: z.array(z.string()).optional(),
  default_parameters: z.record(z.string(), z.json()).nullish(),
  expiration_date: z.string().nullish(),
  knowledge_cutoff: z.string().nullish(),
});

/** The fields of an OpenRouter entry that reach the catalog, nested ones as `parent.child` (the fields test pins this list). */
export const OPENROUTER_FIELDS_USED = [
  "id",
  "name",
  "description",
  "context_length",
  "architecture.input_modalities",
  "architecture.output_modalities",
  "architecture.tokenizer",
  "architecture.instruct_type",
  "pricing.prompt",
  "pricing.completion",
  "pricing.input_cache_read",
  "pricing.input_cache_write",
  "pricing.internal_reasoning",
  "pricing.audio",
  "pricing.image",
  "pricing.request",
  "pricing.web_search",
  "top_provider.max_completion_tokens",
  // Null in every entry of the capture; read as the input limit and, where top_provider says none, the output.
  "per_request_limits",
  "top_provider.is_moderated",
  "supported_parameters",
  "knowledge_cutoff",
  "expiration_date",
  // Every default OpenRouter states is kept by name; a null default says nothing.
  "default_parameters",
  // Link hints for the linker, and the open weights the offering serves.
  "canonical_slug",
  "hugging_face_id",
] as const;

/** Fields of OpenRouter entries deliberately left out, with the reason. */
export const OPENROUTER_FIELDS_LEFT_OUT: Readonly<Record<string, string>> = {
  created: "when OpenRouter listed the model, not a release date",
  supported_voices: "null in every entry of the capture: no voice list to keep",
  links: "the path of OpenRouter's own per-model endpoints page (`/api/v1/models/<id>/endpoints`)",
  "architecture.modality": "input_modalities and output_modalities (both kept) joined in one string",
  "top_provider.context_length": "equal to context_length (kept) in every entry that carries it",
};
/** OpenRouter's list-models response. */
export const OpenRouterList = z.looseObject({ data: z.array(z.unknown()) });

const modalities = new Set<string>(MODALITIES);

function pricing(p: z.infer<typeof OpenRouterModel>["pricing"]): Pricing | undefined {
  if (!p) return undefined;
  const out = compact({
    input: perMillion(p.prompt),
    output: perMillion(p.completion),
    cacheRead: perMillion(p.input_cache_read),
    cacheWrite: perMillion(p.input_cache_write),
    reasoning: perMillion(p.internal_reasoning),
    inputAudio: perMillion(p.audio),
    perRequest: perUnit(p.request),
    // Input images are priced per image token, like the prompt.
    inputImage: perMillion(p.image),
    // OpenRouter prices web search per search; the catalog per 1K searches.
    webSearch: perUnit(p.web_search, 1000),
  });
  return Object.keys(out).length ? out : undefined;
}

/** A token count OpenRouter may give as a number or a numeric string; `undefined` unless a positive integer. */
function tokenCount(value: string | number | undefined): number | undefined {
  const n = typeof value === "string" ? Number(value) : value;
  return n !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
}

function modalityList(list: string[] | undefined): Modality[] | undefined {
  const out = (list ?? []).filter((m): m is Modality => modalities.has(m));
  return out.length ? out : undefined;
}

function expiry(date: string | null | undefined): Pick<OfferingRecord, "lifecycle"> {
  const day = calendarDate(date);
  return day ? { lifecycle: { status: "deprecated", retirementDate: day } } : {};
}

/** Translates one OpenRouter model (`created` is when OpenRouter listed it, not a release date). */
export function fromOpenRouter(m: z.infer<typeof OpenRouterModel>): OfferingRecord {
  const params = new Set(m.supported_parameters ?? []);
  const cutoff = m.knowledge_cutoff && /^\d{4}-\d{2}(-\d{2})?$/.test(m.knowledge_cutoff)
    ? m.knowledge_cutoff
    : undefined;
  const perRequest = m.per_request_limits;
  const context = m.context_length || undefined;
  const prompt = tokenCount(perRequest?.prompt_tokens);
  const limits = compact({
    context,
    input: prompt !== undefined && (context === undefined || prompt <= context) ? prompt : undefined,
    output: m.top_provider?.max_completion_tokens || tokenCount(perRequest?.completion_tokens),
  });
  const input = modalityList(m.architecture?.input_modalities);
  const output = modalityList(m.architecture?.output_modalities);
  return compact({
    id: m.id,
    provider: "openrouter",
    name: m.name,
    description: m.description,
    knowledgeCutoff: cutoff,
    tokenizer: m.architecture?.tokenizer && m.architecture.tokenizer !== "Other"
      ? m.architecture.tokenizer
      : undefined,
    promptFormat: m.architecture?.instruct_type && m.architecture.instruct_type !== "none"
      ? m.architecture.instruct_type
      : undefined,
    moderated: m.top_provider?.is_moderated ?? undefined,
    ...(m.hugging_face_id ? { openWeights: true, weights: { huggingFace: m.hugging_face_id } } : {}),
    modalities: input || output ? compact({ input, output }) : undefined,
    capabilities: m.supported_parameters
      ? compact({
        reasoning: params.has("reasoning") || params.has("include_reasoning"),
        toolCalls: params.has("tools"),
        structuredOutput: params.has("structured_outputs") || undefined,
        temperature: params.has("temperature") || undefined,
      })
      : undefined,
    limits: Object.keys(limits).length ? limits : undefined,
    pricing: pricing(m.pricing),
    params: m.supported_parameters?.length
      ? [...params].filter((p) => /^[a-z][a-z0-9_.]*$/.test(p)).sort()
      : undefined,
    defaults: defaults(m.default_parameters),
    ...expiry(m.expiration_date),
  });
}

/** The default parameter values OpenRouter states (a `null` default says nothing and is left out). */
function defaults(
  values: Record<string, unknown> | null | undefined,
): Record<string, z.core.util.JSONType> | undefined {
  const out: Record<string, z.core.util.JSONType> = {};
  for (const [k, v] of Object.entries(values ?? {})) if (v !== null) out[k] = v as z.core.util.JSONType;
  return Object.keys(out).length ? out : undefined;
}

/** The explicit links OpenRouter states for one model: its canonical slug and its Hugging Face repository. */
export function openRouterHints(m: z.infer<typeof OpenRouterModel>): LinkHints | undefined {
  if (!m.canonical_slug && !m.hugging_face_id) return undefined;
  return compact({
    canonicalSlug: m.canonical_slug ?? undefined,
    huggingFaceId: m.hugging_face_id || undefined,
  });
}

/** OpenRouter's protocol (its model list is public: the key is optional). */
export const openrouterProtocol: Protocol = {
  keyOptional: true,
  pages: openaiProtocol.pages,
  translate(provider, pages) {
    const entries = pages.flatMap((page) => {
      const parsed = OpenRouterList.safeParse(page);
      if (!parsed.success) throw payloadError(provider, parsed.error);
      return parsed.data.data;
    });
    return readEntries(provider, entries, OpenRouterModel, (m) => ({ ...fromOpenRouter(m), provider }));
  },
  hints(provider, pages) {
    const out: Record<string, LinkHints> = {};
    for (const page of pages) {
      const parsed = OpenRouterList.safeParse(page);
      if (!parsed.success) continue;
      for (const raw of parsed.data.data) {
        const m = OpenRouterModel.safeParse(raw);
        const hints = m.success ? openRouterHints(m.data) : undefined;
        if (hints && m.data) out[`${provider}/${m.data.id}`] = hints;
      }
    }
    return out;
  },
};
