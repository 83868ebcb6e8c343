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
    ["Hugging Face", m.weights?.huggingFace],
    ["Licence", m.weights?.license],
    ["Input", m.modalities.input.join(", ")],
    ["Output", m.modalities.output.join(", ")],
    ["Context", m.limits.context === undefined ? undefined : tokens(m.limits.context)],
    ["Max output", m.limits.output === undefined ? undefined : tokens(m.limits.output)],
    ...capabilityFields(m),
    ["Offerings", String(offerings)],
  ];
}

/** The price lines of an offering. */
export function priceFields(p: Pricing | undefined): Field[] {
  const tiers = p?.tiers?.map((t) => `>${tokens(t.size)}: in ${price(t.input)} out ${price(t.output)}`).join(
    "; ",
  );
  const rate = (r: Pricing["batch"]) => r && `in ${price(r.input)} out ${price(r.output)} /1M tokens`;
  return [
    ["Price input", p ? `${price(p.input)} /1M tokens` : "unknown"],
    ["Price output", p ? `${price(p.output)} /1M tokens` : undefined],
    ["Price reasoning", per(p?.reasoning, "/1M tokens")],
    ["Price cache read", per(p?.cacheRead, "/1M tokens")],
    ["Price cache write", per(p?.cacheWrite, "/1M tokens")],
    ["Price audio in", per(p?.inputAudio, "/1M tokens")],
    ["Price audio out", per(p?.outputAudio, "/1M tokens")],
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
    ["Price web search", per(p?.webSearch, "/1K searches")],
    ["Batch", rate(p?.batch)],
    ["Priority", rate(p?.priority)],
    ["Flex", rate(p?.flex)],
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
    ["Description", o.description],
    ["Lifecycle", lifecycleText(o)],
    ["Regions", o.regions?.join(", ")],
    ["Operations", o.operations?.join(", ")],
    ["Parameters", o.params?.join(", ")],
    ["Defaults", o.defaults ? JSON.stringify(o.defaults) : undefined],
    [
      "Rate limits",
      o.rateLimits ? Object.entries(o.rateLimits).map(([k, v]) => `${v} ${k}`).join(", ") : undefined,
    ],
    ["Input", o.modalities.input.join(", ")],
    ["Output", o.modalities.output.join(", ")],
    ["Context", tokens(o.limits.context)],
    ["Max input", o.limits.input === undefined ? undefined : tokens(o.limits.input)],
    ["Max output", tokens(o.limits.output)],
    ...capabilityFields(o),
    ...priceFields(o.pricing),
  ];
}
