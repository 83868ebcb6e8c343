/**
 * LiteLLM's real price map (the capture in tests/fixtures/sources/litellm/) read by the LiteLLM source into catalog
 * offerings, then written back by the LiteLLM export: every price field both sides know keeps its value.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { fromLiteLLM, litellmProviderId } from "../src/sources/_litellm.ts";
import { LiteLLMEntry } from "../src/sources/_litellm_entry.ts";
import type { Offering, Pricing } from "../src/catalog/types.gen.ts";
import { litellmEntry } from "../src/pricing/export/_litellm.ts";
import { ROOT } from "./helpers/cli.ts";

const capture = JSON.parse(
  await readFile(`${ROOT}tests/fixtures/sources/litellm/model_prices_and_context_window.json`, "utf8"),
) as Record<string, unknown>;

/** A price field: a cost, a multiplier, or the web search price object. */
const PRICE = /cost|multiplier/;

function exported(key: string, value: unknown): Record<string, unknown> | undefined {
  const parsed = LiteLLMEntry.safeParse(value);
  if (!parsed.success) return undefined;
  const e = parsed.data;
  const provider = litellmProviderId(e.litellm_provider);
  const record = fromLiteLLM(key, e, provider);
  if (!record?.pricing) return undefined;
  const modalities = { input: ["text"], output: ["text"], ...record.modalities };
  const model = { limits: {}, capabilities: {}, ...record, modalities } as unknown;
  return litellmEntry({
    key: `${provider}/${record.id}`,
    provider,
    id: record.id,
    model: model as Offering,
    pricing: record.pricing as Pricing,
    overridden: false,
  });
}

/**
 * Equal values. Of the web search prices by context size, the catalog keeps the medium one only. The catalog
 * holds a price per unit (second, image, query) to the nano-dollar, so those may differ by half of one; a price
 * per token may differ in the last binary digit where LiteLLM writes 17 significant digits
 * (`1.5000020000000002e-05`), which no shorter decimal spells.
 */
function same(ours: unknown, theirs: unknown, perToken: boolean): boolean {
  if (typeof ours === "object" && ours && typeof theirs === "object" && theirs) {
    return Object.entries(ours).every(([k, v]) => same(v, (theirs as Record<string, unknown>)[k], false));
  }
  const [a, b] = [Number(ours), Number(theirs)];
  return a === b || Math.abs(a - b) <= (perToken ? Number.EPSILON * 2 * Math.abs(b) : 5e-10);
}

Deno.test("LiteLLM capture → catalog → LiteLLM export keeps every price field both sides know", () => {
  const fields = new Set<string>();
  const differ: string[] = [];
  let entries = 0;
  for (const [key, value] of Object.entries(capture)) {
    if (key === "sample_spec" || typeof value !== "object" || !value) continue;
    const e = value as Record<string, unknown>;
    const out = exported(key, e);
    if (!out) continue;
    entries++;
    for (const [field, theirs] of Object.entries(e)) {
      if (!PRICE.test(field) || !(field in out)) continue;
      fields.add(sized(field));
      if (!same(out[field], theirs, /token/.test(field))) {
        differ.push(`${key}.${field}: ${JSON.stringify(out[field])} ≠ ${JSON.stringify(theirs)}`);
      }
    }
  }
  assert.ok(entries > 2000, `${entries} entries priced`);
  assert.deepEqual(differ, []);
  // The exporter writes the prices the issue asks for, under the names the capture uses.
  for (
    const name of [
      "cache_read_input_audio_token_cost",
      "cache_creation_input_audio_token_cost",
      "output_cost_per_video_token",
      "citation_cost_per_token",
      "input_cost_per_character",
      "output_cost_per_character",
      "output_cost_per_video_per_second",
      "input_cost_per_video_per_second",
      "input_cost_per_audio_per_second",
      "input_cost_per_second",
      "output_cost_per_second",
      "input_cost_per_image",
      "output_cost_per_image",
      "input_cost_per_pixel",
      "input_cost_per_query",
      "input_cost_per_request",
      "ocr_cost_per_page",
      "annotation_cost_per_page",
      "search_context_cost_per_query",
      "regional_processing_uplift_multiplier_eu",
      "input_cost_per_token_batches",
      "cache_read_input_token_cost_flex",
      "cache_creation_input_token_cost_priority",
      "input_cost_per_token_above_<N>k_tokens_priority",
    ]
  ) assert.ok(fields.has(name), `the export writes ${name}`);
});

/** A field name with its tier size left out: LiteLLM's tiers are named by size (`_above_200k_tokens`). */
function sized(name: string): string {
  return name.replace(/_above_\d+k_tokens/, "_above_<N>k_tokens");
}

Deno.test("every price field name the export writes is one LiteLLM's map uses", () => {
  const theirs = new Set<string>();
  for (const value of Object.values(capture)) {
    if (typeof value === "object" && value) { for (const k of Object.keys(value)) theirs.add(sized(k)); }
  }
  const unknown = new Set<string>();
  for (const [key, value] of Object.entries(capture)) {
    if (key === "sample_spec" || typeof value !== "object" || !value) continue;
    const out = exported(key, value);
    for (const field of Object.keys(out ?? {})) {
      if (PRICE.test(field) && !theirs.has(sized(field))) unknown.add(field);
    }
  }
  assert.deepEqual([...unknown], []);
});
