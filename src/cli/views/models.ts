/**
 * How models read in lists and detail views.
 *
 * @module
 */
import type { Model } from "../../catalog/schema.ts";
import type { Field } from "../render/format.ts";
import type { View } from "../render/columns.ts";
import { flag, price, tokens } from "./values.ts";
import { type FieldSpec, recordFields } from "./record.ts";

function capabilityTags(m: Model): string[] {
  const tags: string[] = [];
  if (m.capabilities.toolCalls) tags.push("tools");
  if (m.capabilities.reasoning) tags.push("reasoning");
  if (m.modalities.input.includes("image")) tags.push("vision");
  if (m.capabilities.structuredOutput) tags.push("json");
  if (m.openWeights) tags.push("open");
  return tags;
}

/** The list view of models (`models list`, and `providers show`'s models). */
export const modelView: View<Model> = {
  noun: "models",
  key: (m) => `${m.provider}/${m.id}`,
  columns: [
    { name: "provider", header: "PROVIDER", value: (m) => m.provider, id: true },
    { name: "id", header: "ID", value: (m) => m.id, id: true },
    { name: "name", header: "NAME", value: (m) => m.name, priority: 4 },
    { name: "authors", header: "AUTHOR", value: (m) => m.authors, wide: true, type: "array" },
    {
      name: "context_tokens",
      header: "CONTEXT",
      value: (m) => m.limits.context,
      format: (m) => tokens(m.limits.context),
      right: true,
      priority: 3,
      type: "integer",
    },
    {
      name: "output_tokens",
      header: "OUTPUT",
      value: (m) => m.limits.output,
      format: (m) => tokens(m.limits.output),
      right: true,
      wide: true,
      type: "integer",
    },
    {
      name: "input_usd_per_1m",
      header: "INPUT $/1M",
      value: (m) => m.pricing?.input,
      format: (m) => price(m.pricing?.input),
      right: true,
      priority: 2,
      type: "number",
    },
    {
      name: "output_usd_per_1m",
      header: "OUTPUT $/1M",
      value: (m) => m.pricing?.output,
      format: (m) => price(m.pricing?.output),
      right: true,
      priority: 2,
      type: "number",
    },
    {
      name: "cache_read_usd_per_1m",
      header: "CACHE READ $/1M",
      value: (m) => m.pricing?.cacheRead,
      format: (m) => price(m.pricing?.cacheRead),
      right: true,
      wide: true,
      type: "number",
    },
    { name: "capabilities", header: "CAPABILITIES", value: capabilityTags, wide: true, type: "array" },
    {
      name: "input_modalities",
      header: "INPUT",
      value: (m) => m.modalities.input,
      wide: true,
      type: "array",
    },
    { name: "status", header: "STATUS", value: (m) => m.status ?? "active", wide: true },
    { name: "release_date", header: "RELEASED", value: (m) => m.releaseDate, wide: true },
  ],
};

const perMillion = (v: unknown) => `${price(Number(v))} /1M tokens`;
const tokenText = (v: unknown) => tokens(Number(v));
const yesNo = (v: unknown) => flag(typeof v === "boolean" ? v : undefined);

const modelSpecs: FieldSpec[] = [
  { path: "id", label: "ID" },
  { path: "name", label: "Name" },
  { path: "provider", label: "Provider" },
  { path: "authors", label: "Authors" },
  { path: "family", label: "Family" },
  { path: "aliases", label: "Aliases", optional: true },
  { path: "description", label: "Description", optional: true },
  { path: "status", label: "Status" },
  { path: "releaseDate", label: "Released" },
  { path: "knowledgeCutoff", label: "Knowledge" },
  { path: "lastUpdated", label: "Updated" },
  { path: "openWeights", label: "Open weights", format: yesNo },
  { path: "modalities.input", label: "Input" },
  { path: "modalities.output", label: "Output" },
  { path: "limits.context", label: "Context", format: tokenText },
  { path: "limits.input", label: "Max input", format: tokenText },
  { path: "limits.output", label: "Max output", format: tokenText },
  { path: "capabilities.toolCalls", label: "Tool calls", format: yesNo },
  { path: "capabilities.reasoning", label: "Reasoning", format: yesNo },
  { path: "capabilities.reasoningOptions", label: "Reasoning options", optional: true },
  { path: "capabilities.interleaved", label: "Interleaved", optional: true },
  { path: "capabilities.structuredOutput", label: "Structured output", format: yesNo },
  { path: "capabilities.attachments", label: "Attachments", format: yesNo },
  { path: "capabilities.temperature", label: "Temperature", format: yesNo },
  { path: "pricing.input", label: "Price input", format: perMillion },
  { path: "pricing.output", label: "Price output", format: perMillion },
  { path: "pricing.reasoning", label: "Price reasoning", format: perMillion, optional: true },
  { path: "pricing.cacheRead", label: "Price cache read", format: perMillion, optional: true },
  { path: "pricing.cacheWrite", label: "Price cache write", format: perMillion, optional: true },
  { path: "pricing.inputAudio", label: "Price audio in", format: perMillion, optional: true },
  { path: "pricing.outputAudio", label: "Price audio out", format: perMillion, optional: true },
  { path: "pricing.tiers", label: "Price tiers", optional: true, format: tiers },
  { path: "deprecation", label: "Deprecation", optional: true },
];

function tiers(value: unknown): string {
  if (!Array.isArray(value)) return String(value);
  return value.map((t: { size?: number; input?: number; output?: number }) =>
    `>${tokens(t.size)}: in ${price(t.input)} out ${price(t.output)}`
  ).join("; ");
}

/** The detail view of `models show`: every field of the record; a field the catalog does not know is `unknown`. */
export function modelFields(m: Model): Field[] {
  const fields = recordFields({ ...m, status: m.status ?? "active" }, modelSpecs);
  return fields.map(([label, value]) => label === "ID" ? [label, `${m.provider}/${m.id}`] : [label, value]);
}
