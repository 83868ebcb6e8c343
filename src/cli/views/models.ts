/**
 * How models read in tables and detail views.
 *
 * @module
 */
import type { Model } from "../../catalog/schema.ts";
import type { Field } from "../render/format.ts";
import type { Column } from "../render/table.ts";
import { flag, list, price, tokens } from "./values.ts";

function capabilityTags(m: Model): string {
  const tags: string[] = [];
  if (m.capabilities.toolCalls) tags.push("tools");
  if (m.capabilities.reasoning) tags.push("reasoning");
  if (m.modalities.input.includes("image")) tags.push("vision");
  if (m.capabilities.structuredOutput) tags.push("json");
  if (m.openWeights) tags.push("open");
  return list(tags);
}

/** The columns of `models list`. */
export const modelColumns: readonly Column<Model>[] = [
  { header: "PROVIDER", get: (m) => m.provider },
  { header: "ID", get: (m) => m.id, flex: true },
  { header: "NAME", get: (m) => m.name, flex: true },
  { header: "AUTHOR", get: (m) => list(m.authors), wide: true },
  { header: "CONTEXT", get: (m) => tokens(m.limits.context), right: true },
  { header: "OUTPUT", get: (m) => tokens(m.limits.output), right: true, wide: true },
  { header: "INPUT $/1M", get: (m) => price(m.pricing?.input), right: true },
  { header: "OUTPUT $/1M", get: (m) => price(m.pricing?.output), right: true },
  { header: "CACHE READ $/1M", get: (m) => price(m.pricing?.cacheRead), right: true, wide: true },
  { header: "CAPABILITIES", get: capabilityTags, wide: true },
  { header: "INPUT", get: (m) => list(m.modalities.input), wide: true },
  { header: "STATUS", get: (m) => m.status ?? "active", wide: true },
  { header: "RELEASED", get: (m) => m.releaseDate ?? "-", wide: true },
];

/** The detail view of `models show`. */
export function modelFields(m: Model): Field[] {
  const p = m.pricing;
  const tiers = p?.tiers?.map((t) => `>${tokens(t.size)}: in ${price(t.input)} out ${price(t.output)}`).join(
    "; ",
  );
  return [
    ["ID", `${m.provider}/${m.id}`],
    ["Name", m.name],
    ["Provider", m.provider],
    ["Authors", m.authors.join(", ")],
    ["Family", m.family],
    ["Aliases", m.aliases?.join(", ")],
    ["Description", m.description],
    ["Status", m.status ?? "active"],
    ["Released", m.releaseDate],
    ["Knowledge", m.knowledgeCutoff],
    ["Updated", m.lastUpdated],
    ["Open weights", m.openWeights === undefined ? undefined : m.openWeights ? "yes" : "no"],
    ["Input", m.modalities.input.join(", ")],
    ["Output", m.modalities.output.join(", ")],
    ["Context", tokens(m.limits.context)],
    ["Max input", m.limits.input === undefined ? undefined : tokens(m.limits.input)],
    ["Max output", tokens(m.limits.output)],
    ["Tool calls", flag(m.capabilities.toolCalls)],
    ["Reasoning", flag(m.capabilities.reasoning)],
    ["Reasoning options", m.capabilities.reasoningOptions?.map((o) => o.type).join(", ")],
    ["Structured output", flag(m.capabilities.structuredOutput)],
    ["Attachments", flag(m.capabilities.attachments)],
    ["Temperature", m.capabilities.temperature === undefined ? undefined : flag(m.capabilities.temperature)],
    ["Price input", p ? `${price(p.input)} /1M tokens` : "unknown"],
    ["Price output", p ? `${price(p.output)} /1M tokens` : undefined],
    ["Price reasoning", p?.reasoning === undefined ? undefined : `${price(p.reasoning)} /1M tokens`],
    ["Price cache read", p?.cacheRead === undefined ? undefined : `${price(p.cacheRead)} /1M tokens`],
    ["Price cache write", p?.cacheWrite === undefined ? undefined : `${price(p.cacheWrite)} /1M tokens`],
    ["Price audio in", p?.inputAudio === undefined ? undefined : `${price(p.inputAudio)} /1M tokens`],
    ["Price audio out", p?.outputAudio === undefined ? undefined : `${price(p.outputAudio)} /1M tokens`],
    ["Price tiers", tiers],
    [
      "Deprecation",
      m.deprecation ? [m.deprecation.date, m.deprecation.replacement].filter(Boolean).join(" → ") : undefined,
    ],
  ];
}
