/**
 * A local Ollama server, keyless: `GET /api/tags` lists the pulled models, then `POST /api/show` per model gives
 * the context length (`model_info["<arch>.context_length"]`), family, parameter size, quantization and
 * capabilities (`tools`, `thinking`, `vision`, `embedding`, …): the weights as served (exact parameter count from
 * `general.parameter_count`, quantization, format), operations and capabilities.
 *
 * @module
 */
import { z } from "zod";
import type { Modality, Operation } from "../../catalog/types.gen.ts";
import type { ListedRecord } from "./_entries.ts";
import { compact } from "../_compact.ts";
import { payloadError } from "./_openai_compatible.ts";
import { readEntries } from "./_entries.ts";
import { joinUrl, type ListRequest, type Protocol } from "./_protocol.ts";

const Details = z.looseObject({
  format: z.string().optional(),
  family: z.string().optional(),
  parameter_size: z.string().optional(),
  quantization_level: z.string().optional(),
});

/** One model of `/api/tags`. */
export const OllamaTag = z.looseObject({ name: z.string().min(1), details: Details.optional() });
/** `/api/tags`. */
export const OllamaTags = z.looseObject({ models: z.array(z.unknown()).default([]) });
/** `/api/show` of one model. */
export const OllamaShow = z.looseObject({
  details: Details.optional(),
  model_info: z.record(z.string(), z.unknown()).optional(),
  capabilities: z.array(z.string()).optional(),
  parameters: z.string().optional().catch(undefined),
});
type Show = z.infer<typeof OllamaShow>;

/** The fields of Ollama's answers that reach the catalog (the fields test pins this list). */
export const OLLAMA_FIELDS_USED = [
  "tags.name",
  "details.family",
  "details.parameter_size",
  "details.quantization_level",
  "details.format",
  "show.details",
  "show.model_info",
  "show.capabilities",
  "show.parameters",
] as const;

/** Fields of Ollama's answers deliberately left out, with the reason. */
export const OLLAMA_FIELDS_LEFT_OUT: Readonly<Record<string, string>> = {
  model: "the same as name",
  modified_at: "when the model was pulled, not a release date",
  size: "bytes on disk, a weights fact",
  digest: "the local manifest digest",
  "details.parent_model": "empty for pulled models",
  "details.families": "repeats family",
  "show.modelfile": "the local build recipe",
  "show.template": "the full Go template text; promptFormat holds a template's name, and none is given",
  "show.license":
    "the licence's full text; the catalog keeps a licence id (weights.license), which the text " +
    "does not state",
  "show.modified_at": "when the model was pulled",
};

/** The exact parameter count (`general.parameter_count`), else the rounded size (`8.2B`, `137M`). */
function parameterCount(show: Show | undefined, size: string | undefined): number | undefined {
  const exact = show?.model_info?.["general.parameter_count"];
  if (typeof exact === "number" && Number.isInteger(exact) && exact > 0) return exact;
  const m = /^(\d+(?:\.\d+)?)([KMBT])$/i.exec(size ?? "");
  if (!m) return undefined;
  const scale = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 }[m[2]!.toUpperCase() as "K" | "M" | "B" | "T"];
  return Math.round(Number(m[1]) * scale);
}

/** Ollama's capabilities and the operation each one serves through its API. */
const CAPABILITY_OPERATION: Readonly<Record<string, Operation>> = {
  completion: "chat",
  insert: "completion",
  embedding: "embeddings",
};

/**
 * The request defaults the model file sets (`PARAMETER temperature 0.6`), named as Ollama's `options` take them;
 * `stop` may repeat and becomes a list.
 */
function parameterDefaults(text: string | undefined): Record<string, number | string | string[]> | undefined {
  const out: Record<string, number | string | string[]> = {};
  for (const line of (text ?? "").split("\n")) {
    const m = /^\s*([a-z_]+)\s+(.+?)\s*$/.exec(line);
    if (!m) continue;
    const raw = m[2]!.startsWith('"') && m[2]!.endsWith('"') ? m[2]!.slice(1, -1) : m[2]!;
    if (m[1] === "stop") out.stop = [...(out.stop as string[] | undefined ?? []), raw];
    else out[m[1]!] = raw !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return Object.keys(out).length ? out : undefined;
}

function contextLength(show: Show | undefined): number | undefined {
  const info = show?.model_info ?? {};
  const arch = info["general.architecture"];
  const value = typeof arch === "string" ? info[`${arch}.context_length`] : undefined;
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** Translates one pulled model with its `/api/show` answer (when there is one). */
export function fromOllama(
  provider: string,
  tag: z.infer<typeof OllamaTag>,
  show: Show | undefined,
): ListedRecord {
  const d = { ...tag.details, ...show?.details };
  const caps = show?.capabilities;
  const about = [
    d.parameter_size ? `${d.parameter_size} parameters` : undefined,
    d.quantization_level ? `${d.quantization_level} quantization` : undefined,
    d.format ? d.format.toUpperCase() : undefined,
  ].filter(Boolean).join(", ");
  const context = contextLength(show);
  const weights = compact({
    parameters: parameterCount(show, d.parameter_size),
    quantization: d.quantization_level,
    format: d.format,
  });
  const operations = [...new Set((caps ?? []).flatMap((c) => CAPABILITY_OPERATION[c] ?? []))].sort();
  const input: Modality[] = caps?.includes("vision") ? ["text", "image"] : ["text"];
  const output: Modality[] = caps?.includes("embedding") ? ["embedding"] : ["text"];
  return compact({
    id: tag.name,
    provider,
    family: d.family,
    description: about || undefined,
    openWeights: true,
    weights: Object.keys(weights).length ? weights : undefined,
    operations: operations.length ? operations : undefined,
    limits: context ? { context } : undefined,
    defaults: parameterDefaults(show?.parameters),
    capabilities: caps
      ? {
        toolCalls: caps.includes("tools"),
        reasoning: caps.includes("thinking"),
        attachments: caps.includes("vision"),
      }
      : undefined,
    modalities: caps ? { input, output } : undefined,
  });
}

function tagsOf(provider: string, page: unknown): unknown[] {
  const parsed = OllamaTags.safeParse(page);
  if (!parsed.success) throw payloadError(provider, parsed.error);
  return parsed.data.models;
}

/** Ollama's protocol: pages are `[tags, show of model 1, show of model 2, …]` (`null` where a show failed). */
export const ollamaProtocol: Protocol = {
  keyOptional: true,
  async pages(r: ListRequest): Promise<unknown[]> {
    const options = { source: r.provider, signal: r.signal, keyEnv: r.keyEnv };
    const tags = (await r.http.getJson(r.url, options)).value;
    const showUrl = joinUrl(r.url.replace(/\/api\/tags\/?$/, ""), "/api/show");
    const names = tagsOf(r.provider, tags).flatMap((t) => OllamaTag.safeParse(t).data?.name ?? []);
    const shows = await Promise.all(names.map(async (model) => {
      try {
        const body = JSON.stringify({ model });
        const headers = { "content-type": "application/json" };
        return (await r.http.getJson(showUrl, { ...options, body, headers })).value;
      } catch {
        return null;
      }
    }));
    return [tags, ...shows];
  },
  translate(provider, pages) {
    const shows = new Map<string, Show | undefined>();
    const tags = tagsOf(provider, pages[0]);
    const notes: string[] = [];
    let i = 1;
    for (const t of tags) {
      const name = OllamaTag.safeParse(t).data?.name;
      if (!name) continue;
      const show = OllamaShow.safeParse(pages[i++]);
      if (!show.success) notes.push(`${provider}: no details for "${name}" (/api/show failed)`);
      shows.set(name, show.success ? show.data : undefined);
    }
    const result = readEntries(provider, tags, OllamaTag, (t) => fromOllama(provider, t, shows.get(t.name)));
    return { offerings: result.offerings, notes: [...result.notes, ...notes] };
  },
};
