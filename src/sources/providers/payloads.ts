/**
 * Loose schemas of the list-models payloads of provider APIs and their translation into partial catalog models.
 * Each provider's fetching, paging and authentication builds on these.
 *
 * @module
 */
import { z } from "zod";
import type { Limits, ModelStatus } from "../../catalog/schema.ts";
import { compact } from "../models_dev/translate.ts";

/** What a provider's list-models API tells about one model, in catalog terms. */
export interface ListedModel {
  /** The model id as the provider's API names it. */
  id: string;
  /** A display name, where the API has one. */
  name?: string;
  /** A description, where the API has one. */
  description?: string;
  /** When the model was created, as a date `YYYY-MM-DD`. */
  releaseDate?: string;
  /** Token limits the API reports. */
  limits: Limits;
  /** The lifecycle state, where the API reports one. */
  status?: ModelStatus;
  /** Whether the model reasons, where the API reports it. */
  reasoning?: boolean;
  /** The organisation that owns the model, as the API names it. */
  ownedBy?: string;
}

const int = z.number().int().nonnegative();

/** One model of an OpenAI-shaped list (OpenAI, Groq, DeepSeek, Cerebras, Mistral, xAI, …). */
export const OpenAIModel = z.looseObject({
  id: z.string().min(1),
  created: z.number().optional(),
  owned_by: z.string().optional(),
  active: z.boolean().optional(),
  context_window: int.optional(),
  max_completion_tokens: int.optional(),
});
/** An OpenAI-shaped list-models response. */
export const OpenAIList = z.looseObject({ data: z.array(OpenAIModel) });

/** One model of Anthropic's list. */
export const AnthropicModel = z.looseObject({
  id: z.string().min(1),
  display_name: z.string().optional(),
  created_at: z.string().optional(),
  max_input_tokens: int.optional(),
  max_tokens: int.optional(),
  capabilities: z.looseObject({
    thinking: z.looseObject({ supported: z.boolean().optional() }).optional(),
  }).optional(),
});
/** Anthropic's list-models response page. */
export const AnthropicList = z.looseObject({
  data: z.array(AnthropicModel),
  has_more: z.boolean().optional(),
  last_id: z.string().nullish(),
});

/** One model of Google AI Studio's list. */
export const GoogleModel = z.looseObject({
  name: z.string().startsWith("models/"),
  displayName: z.string().optional(),
  description: z.string().optional(),
  inputTokenLimit: int.optional(),
  outputTokenLimit: int.optional(),
  supportedGenerationMethods: z.array(z.string()).optional(),
  thinking: z.boolean().optional(),
});
/** Google AI Studio's list-models response page. */
export const GoogleList = z.looseObject({
  models: z.array(GoogleModel).default([]),
  nextPageToken: z.string().optional(),
});

function day(seconds: number | undefined): string | undefined {
  return seconds === undefined || seconds <= 0
    ? undefined
    : new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** Translates one model of an OpenAI-shaped list. */
export function fromOpenAI(m: z.infer<typeof OpenAIModel>): ListedModel {
  return compact({
    id: m.id,
    releaseDate: day(m.created),
    ownedBy: m.owned_by,
    status: m.active === false ? "deprecated" as const : undefined,
    limits: compact({ context: m.context_window || undefined, output: m.max_completion_tokens || undefined }),
  });
}

/** Translates one model of Anthropic's list. */
export function fromAnthropic(m: z.infer<typeof AnthropicModel>): ListedModel {
  const created = m.created_at && /^\d{4}-\d{2}-\d{2}/.test(m.created_at)
    ? m.created_at.slice(0, 10)
    : undefined;
  return compact({
    id: m.id,
    name: m.display_name,
    releaseDate: created,
    ownedBy: "anthropic",
    reasoning: m.capabilities?.thinking?.supported,
    limits: compact({ context: m.max_input_tokens || undefined, output: m.max_tokens || undefined }),
  });
}

/** Translates one model of Google AI Studio's list (the `models/` prefix is dropped from the id). */
export function fromGoogle(m: z.infer<typeof GoogleModel>): ListedModel {
  return compact({
    id: m.name.slice("models/".length),
    name: m.displayName,
    description: m.description,
    ownedBy: "google",
    reasoning: m.thinking,
    limits: compact({ context: m.inputTokenLimit || undefined, output: m.outputTokenLimit || undefined }),
  });
}
