/**
 * The loose schema of one entry of an OpenAI-shaped model list, as OpenAI, Groq, Mistral, DeepInfra, Fireworks,
 * Together, vLLM, llama.cpp, LM Studio and the other compatible servers fill it, and its translation.
 *
 * `created` is deliberately not read: it is the time the entry was made on that server (or a dummy value such as
 * 0), never the model's release date.
 *
 * @module
 */
import { z } from "zod";
import type { Capabilities, Modality, Operation } from "../../catalog/types.gen.ts";
import type { ListedRecord } from "./_entries.ts";
import { upstreamPerMillion } from "../../pricing/mod.ts";
import { compact } from "../_compact.ts";
import { calendarDate } from "./_entries.ts";

const tokens = z.number().int().nonnegative().nullish();
const dateLike = z.union([z.string(), z.number()]).nullish();
const flag = z.boolean().nullish();

/** One model of an OpenAI-shaped list; every field but `id` is optional and unknown fields pass through. */
export const OpenAIModel = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  display_name: z.string().nullish(),
  description: z.string().nullish(),
  aliases: z.array(z.string()).nullish(),
  active: flag,
  deprecated: flag,
  /** vLLM. */
  max_model_len: tokens,
  /** Groq, Fireworks, Together, OpenRouter-like gateways. */
  context_window: tokens,
  context_length: tokens,
  /** Mistral, LM Studio. */
  max_context_length: tokens,
  max_completion_tokens: tokens,
  max_output_tokens: tokens,
  max_input_tokens: tokens,
  /** Gateways that copy OpenRouter's shape. */
  top_provider: z.looseObject({ context_length: tokens, max_completion_tokens: tokens }).nullish(),
  /** OpenAI (`shutdown_date`), Mistral (`deprecation`), others (`deprecation_date`). */
  shutdown_date: dateLike,
  deprecation_date: dateLike,
  deprecation: dateLike,
  deprecation_replacement_model: z.string().nullish(),
  /** Mistral's capability flags. */
  capabilities: z.looseObject({
    function_calling: flag,
    vision: flag,
    reasoning: flag,
  }).nullish(),
  /** Fireworks' capability flags. */
  supports_tools: flag,
  supports_image_input: flag,
  /** The kind of model (LM Studio's `llm`/`vlm`/`embeddings`, Together's `chat`/`embedding`/`rerank`/…). */
  type: z.string().nullish(),
  /** LM Studio's REST API (`/api/v0/models`): the weights it has on disk. */
  quantization: z.string().nullish(),
  compatibility_type: z.string().nullish(),
  /**
   * Token prices: Together's `input`/`output` (USD per 1M tokens, numbers), or `prompt`/`completion` (USD per
   * token, strings) of gateways that copy OpenRouter's shape.
   */
  pricing: z.looseObject({
    input: z.number().nullish(),
    output: z.number().nullish(),
    prompt: z.union([z.string(), z.number()]).nullish(),
    completion: z.union([z.string(), z.number()]).nullish(),
  }).nullish(),
  /** DeepInfra keeps its facts in `metadata`. */
  metadata: z.looseObject({
    description: z.string().nullish(),
    context_length: tokens,
    max_tokens: tokens,
  }).nullish(),
});
/** One model of an OpenAI-shaped list. */
export type OpenAIModel = z.infer<typeof OpenAIModel>;

/** The fields of an OpenAI-shaped entry that reach the catalog (the fields test pins this list). */
export const OPENAI_FIELDS_USED = [
  "id",
  "name",
  "display_name",
  "description",
  "aliases",
  "active",
  "deprecated",
  "max_model_len",
  "context_window",
  "context_length",
  "max_context_length",
  "max_completion_tokens",
  "max_output_tokens",
  "max_input_tokens",
  "top_provider",
  "shutdown_date",
  "deprecation_date",
  "deprecation",
  "deprecation_replacement_model",
  "capabilities",
  "supports_tools",
  "supports_image_input",
  "type",
  "quantization",
  "compatibility_type",
  "metadata",
  "pricing",
] as const;

/** Fields of OpenAI-shaped entries deliberately left out, with the reason. */
export const OPENAI_FIELDS_LEFT_OUT: Readonly<Record<string, string>> = {
  object: "always `model`",
  created: "the time the entry was made on that server (or 0), not a release date",
  owned_by: "an account or organisation name (`system`, `openai-internal`, `Cerebras`), not a catalog author",
  public_apps: "Groq's app sharing setting, nothing about the model",
  root: "vLLM's served-model root path",
  parent: "vLLM's base model of an adapter",
  permission: "vLLM's per-key permissions",
  meta: "llama.cpp's training context (`n_ctx_train`), not the context the server serves",
  publisher: "LM Studio: the account that published the file (`lmstudio-community`), not the model's author",
  arch: "LM Studio: the architecture's loader name (`qwen2`), not a family as the catalog spells it",
  state: "LM Studio: whether the model is loaded right now",
};

/** Model types (LM Studio's, Together's) and the operation each one is served through. */
const TYPE_OPERATION: Readonly<Record<string, Operation>> = {
  llm: "chat",
  vlm: "chat",
  chat: "chat",
  language: "completion",
  code: "completion",
  embeddings: "embeddings",
  embedding: "embeddings",
  image: "image_generation",
  rerank: "rerank",
  moderation: "moderation",
  audio: "audio_speech",
  transcribe: "audio_transcription",
};

function firstToken(...values: (number | null | undefined)[]): number | undefined {
  return values.find((v): v is number => typeof v === "number" && v > 0);
}

function capabilities(m: OpenAIModel): Partial<Capabilities> | undefined {
  const tools = m.capabilities?.function_calling ?? m.supports_tools ?? undefined;
  const vision = m.capabilities?.vision ?? m.supports_image_input ?? undefined;
  const out = compact({
    toolCalls: tools,
    attachments: vision,
    reasoning: m.capabilities?.reasoning ?? undefined,
  });
  return Object.keys(out).length ? out : undefined;
}

function lifecycle(m: OpenAIModel): Pick<ListedRecord, "status" | "deprecation"> {
  const date = calendarDate(m.shutdown_date) ?? calendarDate(m.deprecation_date) ??
    calendarDate(m.deprecation);
  const replacement = m.deprecation_replacement_model ?? undefined;
  const deprecated = m.active === false || m.deprecated === true || date !== undefined;
  return compact({
    status: deprecated ? "deprecated" as const : undefined,
    deprecation: date || replacement ? compact({ date, replacement }) : undefined,
  });
}

/**
 * The token prices an entry states, USD per 1M tokens. All-zero prices stay unknown: lists write 0 both for a free
 * model and for one priced per image, second or hour, and only a positive price says which.
 */
function prices(m: OpenAIModel): { input?: number; output?: number } | undefined {
  const p = m.pricing;
  if (!p) return undefined;
  const perMillion = (n: number | null | undefined) => typeof n === "number" && n >= 0 ? n : undefined;
  const out = compact({
    input: perMillion(p.input) ?? upstreamPerMillion(p.prompt ?? undefined),
    output: perMillion(p.output) ?? upstreamPerMillion(p.completion ?? undefined),
  });
  return (out.input ?? 0) > 0 || (out.output ?? 0) > 0 ? out : undefined;
}

/** Translates one entry of an OpenAI-shaped list into a partial catalog record of `provider`. */
export function fromOpenAI(provider: string, m: OpenAIModel): ListedRecord {
  const context = firstToken(
    m.max_model_len,
    m.context_window,
    m.context_length,
    m.max_context_length,
    m.top_provider?.context_length,
    m.metadata?.context_length,
  );
  const output = firstToken(
    m.max_completion_tokens,
    m.max_output_tokens,
    m.top_provider?.max_completion_tokens,
    m.metadata?.max_tokens,
  );
  const input = firstToken(m.max_input_tokens);
  const limits = compact({
    context,
    input: context === undefined || (input ?? 0) <= context ? input : undefined,
    output,
  });
  const caps = capabilities(m);
  const vision = caps?.attachments === true || m.type === "vlm" ? ["text", "image"] as Modality[] : undefined;
  const operation = m.type ? TYPE_OPERATION[m.type] : undefined;
  const weights = compact({
    quantization: m.quantization ?? undefined,
    format: m.compatibility_type ?? undefined,
  });
  return compact({
    id: m.id,
    provider,
    name: m.display_name ?? m.name ?? undefined,
    description: m.description ?? m.metadata?.description ?? undefined,
    aliases: m.aliases?.filter((a) => a !== m.id).length ? m.aliases.filter((a) => a !== m.id) : undefined,
    ...lifecycle(m),
    limits: Object.keys(limits).length ? limits : undefined,
    capabilities: caps,
    modalities: vision ? { input: vision } : undefined,
    operations: operation ? [operation] : undefined,
    weights: Object.keys(weights).length ? weights : undefined,
    pricing: prices(m),
  });
}
