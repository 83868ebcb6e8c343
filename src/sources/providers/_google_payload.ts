/**
 * The loose schema of one entry of Google AI Studio's model list and its translation: limits, `thinking`,
 * `supportedGenerationMethods` as operations (`countTokens` and the batch and cache methods serve none; a listed
 * `createCachedContent` says the model caches prompts), and the sampling defaults (`temperature`, `topP`, `topK`) as
 * default parameters, each also a parameter the model accepts.
 *
 * @module
 */
import { z } from "zod";
import type { Capabilities, Operation } from "../../catalog/types.gen.ts";
import type { ListedRecord } from "./_entries.ts";
import { compact } from "../_compact.ts";

const int = z.number().int().nonnegative();

/** One model of Google AI Studio's list. */
export const GoogleModel = z.looseObject({
  name: z.string().startsWith("models/"),
  displayName: z.string().optional(),
  description: z.string().optional(),
  inputTokenLimit: int.optional(),
  outputTokenLimit: int.optional(),
  supportedGenerationMethods: z.array(z.string()).optional(),
  temperature: z.number().optional(),
  maxTemperature: z.number().optional(),
  topP: z.number().optional(),
  topK: z.number().int().optional(),
  thinking: z.boolean().optional(),
});
/** One model of Google AI Studio's list. */
export type GoogleModel = z.infer<typeof GoogleModel>;

/** Google AI Studio's list-models response page. */
export const GoogleList = z.looseObject({
  models: z.array(z.unknown()).default([]),
  nextPageToken: z.string().optional(),
});

/** The fields of a Google entry that reach the catalog (the fields test pins this list). */
export const GOOGLE_FIELDS_USED = [
  "name",
  "displayName",
  "description",
  "inputTokenLimit",
  "outputTokenLimit",
  "thinking",
  "temperature",
  "maxTemperature",
  "topP",
  "topK",
  "supportedGenerationMethods",
] as const;

/** Fields of Google entries deliberately left out, with the reason. */
export const GOOGLE_FIELDS_LEFT_OUT: Readonly<Record<string, string>> = {
  version: "the API's model version (`001`), not a catalog field",
};

/** Generation methods and the operation each one serves (`countTokens` and batch or cache methods serve none). */
const METHOD_OPERATION: Readonly<Record<string, Operation>> = {
  generateContent: "chat",
  streamGenerateContent: "chat",
  generateText: "completion",
  generateMessage: "chat",
  generateAnswer: "chat",
  embedContent: "embeddings",
  batchEmbedContents: "embeddings",
  asyncBatchEmbedContent: "embeddings",
  embedText: "embeddings",
  bidiGenerateContent: "realtime",
};

/** The operation of `predict`-style methods, which Google uses for Imagen, Veo and embedding models alike. */
function predictOperation(id: string, method: string): Operation | undefined {
  if (method === "predictLongRunning") return /veo/.test(id) ? "video" : undefined;
  if (/imagen/.test(id)) return "image_generation";
  if (/embed/.test(id)) return "embeddings";
  return undefined;
}

/** The operations the listed generation methods serve. */
function operationsOf(id: string, methods: readonly string[] | undefined): Operation[] | undefined {
  const out = new Set<Operation>();
  for (const method of methods ?? []) {
    const op = METHOD_OPERATION[method] ??
      (method.startsWith("predict") ? predictOperation(id, method) : undefined);
    if (op) out.add(op);
  }
  return out.size ? [...out].sort() : undefined;
}

/** The sampling parameters a model states a default for are parameters it accepts. */
function sampling(m: GoogleModel): Pick<ListedRecord, "defaults" | "params" | "paramRanges"> {
  const defaults = compact({ temperature: m.temperature, top_p: m.topP, top_k: m.topK });
  const params = Object.keys(defaults);
  if (m.maxTemperature !== undefined && !params.includes("temperature")) params.push("temperature");
  return compact({
    defaults: Object.keys(defaults).length ? defaults : undefined,
    params: params.length ? params.sort() : undefined,
    paramRanges: m.maxTemperature !== undefined ? { temperature: { max: m.maxTemperature } } : undefined,
  });
}

/** Translates one model of Google AI Studio's list (the `models/` prefix is dropped from the id). */
export function fromGoogle(provider: string, m: GoogleModel): ListedRecord {
  const limits = compact({
    context: m.inputTokenLimit || undefined,
    output: m.outputTokenLimit || undefined,
  });
  const temperature = m.temperature !== undefined || m.maxTemperature !== undefined ? true : undefined;
  const caching = m.supportedGenerationMethods?.includes("createCachedContent") || undefined;
  const caps: Partial<Capabilities> = compact({ reasoning: m.thinking, temperature, promptCaching: caching });
  const id = m.name.slice("models/".length);
  return compact({
    id,
    operations: operationsOf(id, m.supportedGenerationMethods),
    ...sampling(m),
    provider,
    name: m.displayName,
    description: m.description,
    limits: Object.keys(limits).length ? limits : undefined,
    capabilities: Object.keys(caps).length ? caps : undefined,
  });
}
