/**
 * The loose schema of one entry of Anthropic's model list and its translation. `created_at` is, by Anthropic's
 * documentation, the time the model was released, so it is the one list-models date that becomes a release date.
 *
 * @module
 */
import { z } from "zod";
import type { Capabilities, Modality, ReasoningOption } from "../../catalog/types.gen.ts";
import type { ListedRecord } from "./_entries.ts";
import { compact } from "../_compact.ts";
import { calendarDate } from "./_entries.ts";

const int = z.number().int().nonnegative();
const supported = z.looseObject({ supported: z.boolean().optional() });

/** One model of Anthropic's list. */
export const AnthropicModel = z.looseObject({
  id: z.string().min(1),
  display_name: z.string().optional(),
  created_at: z.string().optional(),
  max_input_tokens: int.nullish(),
  max_tokens: int.nullish(),
  capabilities: z.looseObject({
    thinking: supported.extend({
      types: z.record(z.string(), supported).optional(),
    }).optional(),
    effort: z.record(z.string(), z.union([z.boolean(), supported])).optional(),
    image_input: supported.optional(),
    pdf_input: supported.optional(),
    structured_outputs: supported.optional(),
    batch: supported.optional(),
    citations: supported.optional(),
    code_execution: supported.optional(),
    context_management: supported.optional(),
  }).nullish(),
});
/** One model of Anthropic's list. */
export type AnthropicModel = z.infer<typeof AnthropicModel>;

/** Anthropic's list-models response page. */
export const AnthropicList = z.looseObject({
  data: z.array(z.unknown()),
  has_more: z.boolean().optional(),
  last_id: z.string().nullish(),
});

/** The fields of an Anthropic entry that reach the catalog (the fields test pins this list). */
export const ANTHROPIC_FIELDS_USED = [
  "id",
  "display_name",
  "created_at",
  "max_input_tokens",
  "max_tokens",
  "capabilities.thinking",
  "capabilities.effort",
  "capabilities.image_input",
  "capabilities.pdf_input",
  "capabilities.structured_outputs",
  "capabilities.batch",
  "capabilities.citations",
  "capabilities.code_execution",
  "capabilities.context_management",
] as const;

/** Fields of Anthropic entries deliberately left out, with the reason. */
export const ANTHROPIC_FIELDS_LEFT_OUT: Readonly<Record<string, string>> = {
  type: "always `model`",
};

function reasoningOptions(c: NonNullable<AnthropicModel["capabilities"]>): ReasoningOption[] | undefined {
  const out: ReasoningOption[] = [];
  const types = c.thinking?.types ?? {};
  if (types.enabled?.supported) out.push({ type: "budget_tokens" });
  if (types.adaptive?.supported) out.push({ type: "adaptive" });
  const effort = c.effort ?? {};
  if (effort.supported !== false) {
    const values = Object.entries(effort)
      .filter(([k, v]) => k !== "supported" && typeof v === "object" && v.supported === true)
      .map(([k]) => k);
    if (values.length) out.push({ type: "effort", values });
  }
  return out.length ? out : undefined;
}

function capabilities(m: AnthropicModel): Partial<Capabilities> | undefined {
  const c = m.capabilities;
  if (!c) return undefined;
  const image = c.image_input?.supported;
  const pdf = c.pdf_input?.supported;
  const out = compact({
    reasoning: c.thinking?.supported,
    reasoningOptions: c.thinking?.supported ? reasoningOptions(c) : undefined,
    attachments: image === undefined && pdf === undefined ? undefined : Boolean(image || pdf),
    structuredOutput: c.structured_outputs?.supported,
    batch: c.batch?.supported,
    citations: c.citations?.supported,
    codeExecution: c.code_execution?.supported,
    // The strategies it lists (`clear_tool_uses_20250919`, …) are dated request types, read as one capability.
    contextManagement: c.context_management?.supported,
  });
  return Object.keys(out).length ? out : undefined;
}

function inputModalities(m: AnthropicModel): Modality[] | undefined {
  const c = m.capabilities;
  if (c?.image_input?.supported === undefined && c?.pdf_input?.supported === undefined) return undefined;
  const out: Modality[] = ["text"];
  if (c.image_input?.supported) out.push("image");
  if (c.pdf_input?.supported) out.push("pdf");
  return out;
}

/** Translates one model of Anthropic's list. */
export function fromAnthropic(provider: string, m: AnthropicModel): ListedRecord {
  const limits = compact({ context: m.max_input_tokens || undefined, output: m.max_tokens || undefined });
  const input = inputModalities(m);
  return compact({
    id: m.id,
    provider,
    name: m.display_name,
    releaseDate: calendarDate(m.created_at),
    limits: Object.keys(limits).length ? limits : undefined,
    capabilities: capabilities(m),
    modalities: input ? { input, output: ["text"] as Modality[] } : undefined,
  });
}
