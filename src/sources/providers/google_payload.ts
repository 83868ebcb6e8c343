/**
 * The loose schema of one entry of Google AI Studio's model list and its translation.
 *
 * @module
 */
import { z } from "zod";
import type { Capabilities } from "../../catalog/types.gen.ts";
import type { ListedRecord } from "./entries.ts";
import { compact } from "../compact.ts";

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
] as const;

/** Fields of Google entries deliberately left out, with the reason. */
export const GOOGLE_FIELDS_LEFT_OUT: Readonly<Record<string, string>> = {
  version: "the API's model version (`001`), not a catalog field",
  supportedGenerationMethods: "operations wait for the offering level of the catalog",
  topP: "a sampling default; no catalog field yet",
  topK: "a sampling default; no catalog field yet",
};

/** Translates one model of Google AI Studio's list (the `models/` prefix is dropped from the id). */
export function fromGoogle(provider: string, m: GoogleModel): ListedRecord {
  const limits = compact({
    context: m.inputTokenLimit || undefined,
    output: m.outputTokenLimit || undefined,
  });
  const temperature = m.temperature !== undefined || m.maxTemperature !== undefined ? true : undefined;
  const caps: Partial<Capabilities> = compact({ reasoning: m.thinking, temperature });
  return compact({
    id: m.name.slice("models/".length),
    provider,
    name: m.displayName,
    description: m.description,
    limits: Object.keys(limits).length ? limits : undefined,
    capabilities: Object.keys(caps).length ? caps : undefined,
  });
}
