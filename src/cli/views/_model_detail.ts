/**
 * The detail views of `models show`: a model (author level) and an offering (one provider's service of it).
 *
 * @module
 */
import type { Model, Offering, Pricing } from "../../catalog/types.gen.ts";
import type { Field } from "../render/mod.ts";
import { lifecycleText } from "./_models.ts";
import { flag, price, tokens } from "./_values.ts";

function per(value: number | undefined, unit: string): string | undefined {
  return value === undefined ? undefined : `${price(value)} ${unit}`;
}

/** The capability lines of a model or an offering (`no` and `unknown` kept apart). */
function capabilityFields(m: Pick<Model, "capabilities">): Field[] {
  const c = m.capabilities;
  return [
    ["Tool calls", flag(c.toolCalls)],
    ["Reasoning", flag(c.reasoning)],
    ["Reasoning options", c.reasoningOptions?.map((o) => o.type).join(", ")],
    ["Structured output", flag(c.structuredOutput)],
    ["Attachments", flag(c.attachments)],
    ["Temperature", flag(c.temperature)],
    ["Interleaved", c.interleaved === undefined ? undefined : String(c.interleaved)],
    ["Prompt caching", flag(c.promptCaching)],
    ["Web search", flag(c.webSearch)],
    ["URL context", flag(c.urlContext)],
    ["Computer use", flag(c.computerUse)],
    ["System messages", flag(c.systemMessages)],
    ["System mid-conversation", flag(c.midConversationSystem)],
    ["Assistant prefill", flag(c.assistantPrefill)],
    ["Streaming", flag(c.streaming)],
    ["Batch API", flag(c.batch)],
    ["Citations", flag(c.citations)],
    ["Code execution", flag(c.codeExecution)],
    ["Context management", flag(c.contextManagement)],
  ];
}

/** The lines of a model's or an offering's weights, when they are open. */
function weightsFields(w: Model["weights"]): Field[] {
  return [
    ["Hugging Face", w?.huggingFace],
    ["Licence", w?.license],
    ["Parameter count", w?.parameters === undefined ? undefined : w.parameters.toLocaleString("en-US")],
    ["Quantization", w?.quantization],
    ["Weights format", w?.format],
  ];
}

/** The limit lines beyond context, input and output. */
function extraLimitFields(l: Model["limits"]): Field[] {
  return [
    ["Cache minimum", l.cacheMinTokens === undefined ? undefined : tokens(l.cacheMinTokens)],
    ["Embedding size", l.embeddingDimensions === undefined ? undefined : String(l.embeddingDimensions)],
  ];
}

/** The detail lines of a model. */
export function modelFields(m: Model, offerings: number): Field[] {
  return [
    ["Model", m.id],
    ["Name", m.name],
    ["Authors", m.authors.join(", ")],
    ["Family", m.family],
    ["Base", m.base],
    ["Aliases", m.aliases?.join(", ")],
    ["Description", m.description],
    ["Released", m.releaseDate],
    ["Knowledge", m.knowledgeCutoff],
    ["Open weights", flag(m.openWeights)],
    ...weightsFields(m.weights),
    ["Input", m.modalities.input.join(", ")],
    ["Output", m.modalities.output.join(", ")],
    ["Context", m.limits.context === undefined ? undefined : tokens(m.limits.context)],
    ["Max output", m.limits.output === undefined ? undefined : tokens(m.limits.output)],
    ...extraLimitFields(m.limits),
    ...capabilityFields(m),
    ["Offerings", String(offerings)],
  ];
}

/** The price lines of an offering. */
export function priceFields(p: Pricing | undefined): Field[] {
  const tiers = p?.tiers?.map((t) => `>${tokens(t.size)}: in ${price(t.input)} out ${price(t.output)}`).join(
    "; ",
  );
  const rate = (r: Pricing["batch"]) =>
    r &&
    `in ${price(r.input)} out ${price(r.output)} /1M tokens${r.tiers ? ` (${r.tiers.length} tiers)` : ""}`;
  return [
    ["Price input", p ? `${price(p.input)} /1M tokens` : "unknown"],
    ["Price output", p ? `${price(p.output)} /1M tokens` : undefined],
    ["Price reasoning", per(p?.reasoning, "/1M tokens")],
    ["Price cache read", per(p?.cacheRead, "/1M tokens")],
    ["Price cache write", per(p?.cacheWrite, "/1M tokens")],
    ["Price cache write 1h", per(p?.cacheWriteOneHour, "/1M tokens")],
    ["Price image tokens in", per(p?.inputImage, "/1M tokens")],
    ["Price image tokens out", per(p?.outputImage, "/1M tokens")],
    ["Price audio in", per(p?.inputAudio, "/1M tokens")],
    ["Price audio out", per(p?.outputAudio, "/1M tokens")],
    ["Price audio cache read", per(p?.cacheReadAudio, "/1M tokens")],
    ["Price audio cache write", per(p?.cacheWriteAudio, "/1M tokens")],
    ["Price video tokens out", per(p?.outputVideo, "/1M tokens")],
    ["Price citations", per(p?.citation, "/1M tokens")],
    ["Price tiers", tiers],
    ["Price per request", per(p?.perRequest, "/request")],
    ["Price image in", per(p?.imageInput, "/image")],
    ["Price image out", per(p?.imageOutput, "/image")],
    ["Price audio in", per(p?.audioInputPerSecond, "/second")],
    ["Price audio out", per(p?.audioOutputPerSecond, "/second")],
    ["Price video in", per(p?.videoInputPerSecond, "/second")],
    ["Price video out", per(p?.videoOutputPerSecond, "/second")],
    ["Price characters in", per(p?.inputPerCharacter, "/character")],
    ["Price characters out", per(p?.outputPerCharacter, "/character")],
    ["Price pixels in", per(p?.pixelInput, "/1M pixels")],
    ["Price pixels out", per(p?.pixelOutput, "/1M pixels")],
    ["Price per query", per(p?.perQuery, "/query")],
    ["Price per page", per(p?.perPage, "/page")],
    ["Price annotation", per(p?.annotationPerPage, "/page")],
    ["Price web search", per(p?.webSearch, "/1K searches")],
    [
      "Region multipliers",
      p?.regionMultipliers &&
      Object.entries(p.regionMultipliers).map(([region, x]) => `${region} ×${x}`).join(", "),
    ],
    ["Batch", rate(p?.batch)],
    ["Priority", rate(p?.priority)],
    ["Flex", rate(p?.flex)],
    ["Currency", p?.currency],
  ];
}

/** The detail lines of an offering. */
export function offeringFields(o: Offering): Field[] {
  return [
    ["Offering", `${o.provider}/${o.id}`],
    ["Provider", o.provider],
    ["Provider's id", o.id],
    ["Model", o.model],
    [
      "Link",
      `${o.link.method} (confidence ${o.link.confidence}${o.link.source ? `, from ${o.link.source}` : ""})`,
    ],
    ["Name", o.name],
    ["Aliases", o.aliases?.join(", ")],
    ["Authors", o.authors?.join(", ")],
    ["Family", o.family],
    ["Description", o.description],
    ["Released", o.releaseDate],
    ["Knowledge", o.knowledgeCutoff],
    ["Last updated", o.lastUpdated],
    ["Open weights", flag(o.openWeights)],
    ["Lifecycle", lifecycleText(o)],
    ["Regions", o.regions?.join(", ")],
    ["Operations", o.operations?.join(", ")],
    ["Parameters", o.params?.join(", ")],
    ["Defaults", o.defaults ? JSON.stringify(o.defaults) : undefined],
    ["Parameter ranges", o.paramRanges ? JSON.stringify(o.paramRanges) : undefined],
    [
      "Rate limits",
      o.rateLimits ? Object.entries(o.rateLimits).map(([k, v]) => `${v} ${k}`).join(", ") : undefined,
    ],
    ["Input", o.modalities.input.join(", ")],
    ["Output", o.modalities.output.join(", ")],
    ["Context", tokens(o.limits.context)],
    ["Max input", o.limits.input === undefined ? undefined : tokens(o.limits.input)],
    ["Max output", tokens(o.limits.output)],
    ...extraLimitFields(o.limits),
    ...capabilityFields(o),
    ["Tokenizer", o.tokenizer],
    ["Prompt format", o.promptFormat],
    ["Moderated", flag(o.moderated)],
    ["API", o.api],
    ["SDK package", o.npm],
    ...weightsFields(o.weights),
    ...priceFields(o.pricing),
  ];
}
