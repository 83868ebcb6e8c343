/**
 * OpenRouter's model list as input to the linker: each entry an offering with its explicit links
 * (`canonical_slug`, `hugging_face_id`).
 *
 * @module
 */
import type { LinkOffering } from "../_link_input.ts";

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The offerings of an OpenRouter `/api/v1/models` response, under the given provider id. */
export function offeringsFromOpenRouter(doc: unknown, provider = "openrouter"): LinkOffering[] {
  const data = typeof doc === "object" && doc !== null ? (doc as { data?: unknown }).data : undefined;
  if (!Array.isArray(data)) return [];
  const out: LinkOffering[] = [];
  for (const m of data) {
    if (typeof m !== "object" || m === null || !text(m.id)) continue;
    out.push({
      provider,
      id: m.id,
      name: text(m.name),
      limits: { context: typeof m.context_length === "number" ? m.context_length : undefined },
      hints: { canonicalSlug: text(m.canonical_slug), huggingFaceId: text(m.hugging_face_id) },
    });
  }
  return out;
}
