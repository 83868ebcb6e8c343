/**
 * The enrichment step of `catalog:build`: OpenRouter's model list and LiteLLM's price map add what models.dev does
 * not hold to offerings the build already has (request parameters, default parameters, operations, regions, rate
 * limits, life-cycle dates, non-token prices and batch, priority and flex rates), and OpenRouter's explicit links
 * (`canonical_slug`, `hugging_face_id`) feed the linker. Neither adds an offering nor changes a value already set.
 *
 * @module
 */
import type { OfferingRecord, Pricing } from "../src/catalog/_schema.ts";
import type { UnlinkedOffering } from "../src/reconcile/_linking.ts";
import { translateLiteLLM } from "../src/sources/_litellm.ts";
import {
  fromOpenRouter,
  openRouterHints,
  OpenRouterList,
  OpenRouterModel,
} from "../src/sources/providers/_openrouter.ts";
import type { LinkHints } from "../src/sources/_source.ts";

type Row = UnlinkedOffering;

const ADDED_PRICES = [
  "perRequest",
  "imageInput",
  "imageOutput",
  "audioInputPerSecond",
  "audioOutputPerSecond",
  "videoInputPerSecond",
  "videoOutputPerSecond",
  "inputPerCharacter",
  "outputPerCharacter",
  "webSearch",
  "batch",
  "priority",
  "flex",
] as const;

function union(a: readonly string[] | undefined, b: readonly string[] | undefined): string[] | undefined {
  if (!a?.length && !b?.length) return undefined;
  return [...new Set([...(a ?? []), ...(b ?? [])])].sort();
}

/** Adds a record's new fields to a row; what the row already has wins. */
function enrich(row: Row, r: OfferingRecord): Row {
  const out: Row = { ...row };
  const params = union(row.params, r.params);
  if (params) out.params = params;
  const operations = union(row.operations, r.operations) as Row["operations"];
  if (operations) out.operations = operations;
  const regions = union(row.regions, r.regions);
  if (regions) out.regions = regions;
  if (r.defaults && !row.defaults) out.defaults = r.defaults;
  if (r.rateLimits && !row.rateLimits) out.rateLimits = r.rateLimits;
  if (r.lifecycle) out.lifecycle = { ...r.lifecycle, ...row.lifecycle };
  const capabilities = { ...r.capabilities, ...row.capabilities };
  out.capabilities = capabilities;
  if (r.pricing && row.pricing) {
    const pricing: Record<string, unknown> = { ...row.pricing };
    for (const field of ADDED_PRICES) {
      if (r.pricing[field] !== undefined && pricing[field] === undefined) pricing[field] = r.pricing[field];
    }
    out.pricing = pricing as Pricing;
  }
  return out;
}

/** What the enrichment reads: OpenRouter's `/api/v1/models` and LiteLLM's price map, unparsed. */
export interface EnrichInputs {
  /** OpenRouter's model list. */
  openrouter?: unknown;
  /** LiteLLM's price map. */
  litellm?: unknown;
}

/** Enriches the rows (in place in the map) and returns OpenRouter's explicit links by offering key. */
export function enrichRows(
  rows: Map<string, Row>,
  inputs: EnrichInputs,
  providerIds: readonly string[],
): Record<string, LinkHints> {
  const hints: Record<string, LinkHints> = {};
  if (inputs.openrouter !== undefined) {
    for (const raw of OpenRouterList.parse(inputs.openrouter).data) {
      const parsed = OpenRouterModel.safeParse(raw);
      if (!parsed.success) continue;
      const m = parsed.data;
      const key = `openrouter/${m.id}`;
      const row = rows.get(key);
      if (!row) continue;
      rows.set(key, enrich(row, { ...fromOpenRouter(m), capabilities: {} }));
      const h = openRouterHints(m);
      if (h) hints[key] = h;
    }
  }
  if (inputs.litellm !== undefined) {
    for (const r of translateLiteLLM(inputs.litellm, providerIds).offerings) {
      const key = `${r.provider}/${r.id}`;
      const row = rows.get(key);
      if (row) rows.set(key, enrich(row, r));
    }
  }
  return hints;
}
