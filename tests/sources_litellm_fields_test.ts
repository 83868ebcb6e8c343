/**
 * What the LiteLLM translator keeps of the real price map: a decision on every field (used or left out with a
 * reason), used fields that really reach the output, and the price kinds, flags, tiers, regions, life cycle and
 * rate limits checked on real entries.
 */
import assert from "node:assert/strict";
import { litellmProviderId, translateLiteLLM } from "../src/sources/_litellm.ts";
import { isTierKey, LITELLM_FIELDS_LEFT_OUT, LITELLM_FIELDS_USED } from "../src/sources/_litellm_entry.ts";
import type { OfferingRecord } from "../src/catalog/types.gen.ts";
import { fieldsOf, reachingFields } from "./helpers/field_reach.ts";
import { fixture } from "./helpers/sources_server.ts";

type Entry = Record<string, unknown>;
const map: Record<string, Entry> = JSON.parse(await fixture("litellm/model_prices_and_context_window.json"));
delete map["sample_spec"];
const everyProvider = [
  ...new Set(Object.values(map).map((e) => litellmProviderId(String(e.litellm_provider)))),
];
const { offerings, notes } = translateLiteLLM(map, everyProvider);
const find = (provider: string, id: string): OfferingRecord => {
  const found = offerings.find((o) => o.provider === provider && o.id === id);
  assert.ok(found, `${provider}/${id} is translated`);
  return found;
};

/** Used fields whose values in the real map cannot change the output, with the reason (each is tested below). */
const SILENT_IN_THE_REAL_MAP: Readonly<Record<string, string>> = {
  supports_image_input: "says the same as supports_embedding_image_input on every entry that carries it",
  supports_image_size: "false on every entry, and a false flag adds no parameter",
  ...Object.fromEntries(
    [
      "input_cost_per_image_above_128k_tokens",
      "input_cost_per_character_above_128k_tokens",
      "output_cost_per_character_above_128k_tokens",
      "input_cost_per_audio_per_second_above_128k_tokens",
      "input_cost_per_video_per_second_above_128k_tokens",
    ].map((k) => [k, "zero on every entry, and a zero per-unit price is unknown, tiered or not"]),
  ),
};

Deno.test("litellm: every field of the real map is used or left out with a reason, and used fields reach", () => {
  const seen = fieldsOf(Object.values(map));
  const used = new Set<string>(LITELLM_FIELDS_USED);
  const undecided = [...seen].filter((f) => !used.has(f) && !(f in LITELLM_FIELDS_LEFT_OUT) && !isTierKey(f));
  assert.deepEqual(undecided, [], "fields with no decision (use them or say why not)");
  for (const f of used) assert.ok(!(f in LITELLM_FIELDS_LEFT_OUT), `${f} is both used and left out`);
  const reaching = reachingFields(
    map,
    seen,
    (subset) => translateLiteLLM(subset, everyProvider).offerings,
    400,
  );
  const usedHere = [...seen].filter((f) => used.has(f) || isTierKey(f));
  const silent = usedHere.filter((f) => !reaching.has(f) && !(f in SILENT_IN_THE_REAL_MAP));
  assert.deepEqual(silent, [], "fields marked used that change nothing");
  const leaking = [...reaching].filter((f) => f in LITELLM_FIELDS_LEFT_OUT);
  assert.deepEqual(leaking, [], "fields marked left out that reach the catalog");
});

Deno.test("litellm: tiers from above_Nk keys and from tiered_pricing ranges; batch, priority, flex", () => {
  const pro = find("google-vertex", "gemini-2.5-pro");
  assert.deepEqual(pro.pricing?.tiers, [{
    size: 200000,
    input: 2.5,
    output: 15,
    cacheRead: 0.25,
    cacheWrite: 0.25,
  }]);
  const flash = find("alibaba", "qwen-flash");
  assert.equal(flash.pricing?.input, 0.05);
  assert.deepEqual(flash.pricing?.tiers, [{ size: 256000, input: 0.25, output: 2 }]);
  const gpt4o = find("openai", "gpt-4o");
  assert.deepEqual(gpt4o.pricing?.batch, { input: 1.25, output: 5 });
  assert.equal(gpt4o.pricing?.priority?.input, 4.25);
  const gpt5 = find("openai", "gpt-5");
  assert.ok(gpt5.pricing?.flex?.input, "flex rate kept");
});

Deno.test("litellm: per-pixel, per-query, per-page, per-character, per-second and image-token prices", () => {
  // 2.4414e-07 USD per pixel is 0.24414 per 1M pixels, kept exactly.
  assert.equal(find("openai", "256-x-256/dall-e-2").pricing?.pixelInput, 0.24414);
  assert.equal(find("amazon-bedrock", "amazon.rerank-v1:0").pricing?.perQuery, 0.001);
  assert.equal(find("mistral", "mistral-ocr-latest").pricing?.perPage, 0.004);
  assert.ok(offerings.some((o) => o.pricing?.inputPerCharacter), "per-character prices kept");
  assert.ok(offerings.some((o) => o.pricing?.audioInputPerSecond), "per-second audio prices kept");
  assert.ok(offerings.some((o) => o.pricing?.videoOutputPerSecond), "per-second video prices kept");
  assert.ok(offerings.some((o) => o.pricing?.inputImage), "image token prices kept");
  assert.ok(offerings.some((o) => o.pricing?.cacheWriteOneHour), "one-hour cache writes kept");
});

Deno.test("litellm: mode and endpoints are operations; flags are three-valued capabilities and parameters", () => {
  assert.deepEqual(find("openai", "dall-e-2").operations, ["image_edit", "image_generation"]);
  const gpt5 = find("openai", "gpt-5");
  assert.deepEqual(gpt5.capabilities?.reasoningOptions, [{
    type: "effort",
    values: ["minimal", "low", "medium", "high"],
  }]);
  assert.equal(gpt5.capabilities?.toolCalls, true);
  assert.ok(gpt5.params?.includes("tools"));
  const flash = find("google", "gemini-2.0-flash");
  assert.equal(flash.lifecycle?.deprecationDate, "2026-06-01");
  assert.deepEqual(flash.rateLimits, { rpm: 10000, tpm: 10000000 });
  // An entry that says nothing about a flag leaves it unknown: never false.
  const bare = Object.entries(map).find(([, e]) =>
    e.litellm_provider === "openai" && !("supports_vision" in e) &&
    !("supports_function_calling" in e) && e.mode === "chat"
  );
  assert.ok(bare);
  const record = find("openai", bare[0]);
  assert.equal(record.capabilities?.toolCalls, undefined);
  assert.equal(record.modalities?.input, undefined);
});

Deno.test("litellm: region-prefixed keys and supported_regions are regions; commitments are left out", () => {
  const claude = find("amazon-bedrock", "anthropic.claude-v2:1");
  assert.deepEqual(claude.regions, ["ap-northeast-1", "eu-central-1", "us-east-1", "us-west-2"]);
  assert.equal(claude.pricing?.input, 8, "the plain key's prices win over regional ones");
  assert.deepEqual(find("amazon-bedrock", "us.amazon.nova-2-lite-v1:0").regions, ["us"]);
  const azure = find("azure", "gpt-4o-2024-08-06");
  assert.ok(azure.regions?.includes("eu") && azure.regions.includes("us"), "Azure data zones are regions");
  assert.ok(!offerings.some((o) => o.provider === "azure" && /^(eu|us|global)\//.test(o.id)));
  assert.deepEqual(find("google-vertex", "deepseek-ai/deepseek-v3.1-maas").regions, ["us-central1"]);
  assert.ok(!offerings.some((o) => /commitment/.test(o.id)), "provisioned-throughput keys are not models");
});

Deno.test("litellm: a malformed entry is skipped with a note naming it; repeated ids are reported", () => {
  const entries = {
    "gpt-4o": map["gpt-4o"],
    "broken": { litellm_provider: 42 },
    "openai/gpt-4o": map["gpt-4o"],
    "gpt-4o-mini": map["gpt-4o-mini"],
    "openai/container": map["openai/container"],
  };
  const result = translateLiteLLM(entries, ["openai"]);
  assert.deepEqual(result.offerings.map((o) => o.id), ["gpt-4o", "gpt-4o-mini"]);
  assert.ok(
    result.notes.some((n) => /1 tool price entries skipped, not models \(openai\/container\)/.test(n)),
    result.notes.join("\n"),
  );
  assert.ok(
    result.notes.some((n) => /1 malformed entries skipped \(broken\)/.test(n)),
    result.notes.join("\n"),
  );
  assert.ok(result.notes.some((n) => /1 keys name a model already listed/.test(n)), result.notes.join("\n"));
  assert.ok(notes.some((n) => /models mapped/.test(n)));
});

Deno.test("litellm: audio cache, video-token, citation, annotation prices; region multipliers; priority tiers", () => {
  const realtime = find("openai", "gpt-realtime-2.1");
  assert.equal(realtime.pricing?.cacheReadAudio, 0.4);
  assert.equal(find("azure", "gpt-4o-mini-realtime-preview-2024-12-17").pricing?.cacheWriteAudio, 0.3);
  assert.equal(find("google", "gemini-omni-flash-preview").pricing?.outputVideo, 17.5);
  assert.equal(find("perplexity", "sonar-deep-research").pricing?.citation, 2);
  assert.equal(find("mistral", "mistral-ocr-latest").pricing?.annotationPerPage, 0.005);
  assert.deepEqual(find("openai", "gpt-5.6").pricing?.regionMultipliers, { eu: 1.1, us: 1.1 });
  const priority = find("google-vertex", "gemini-3-pro-preview").pricing?.priority;
  assert.equal(priority?.input, 3.6);
  assert.deepEqual(priority?.tiers, [{ size: 200000, input: 7.2, output: 32.4, cacheRead: 0.72 }]);
});

Deno.test("litellm: per-unit prices past a prompt size join the tier; zero stays unknown as untiered", () => {
  const real = map["gemini/gemma-3-27b-it"]!;
  const priced = Object.fromEntries(
    Object.entries(real).map(([k, v]) => [k, /_above_128k_tokens$/.test(k) ? 0.002 : v]),
  );
  const [record] = translateLiteLLM({ "gemini/gemma-3-27b-it": priced }, ["google"]).offerings;
  assert.deepEqual(record?.pricing?.tiers, [{
    size: 128000,
    input: 2000,
    output: 2000,
    imageInput: 0.002,
    inputPerCharacter: 0.002,
    outputPerCharacter: 0.002,
    audioInputPerSecond: 0.002,
    videoInputPerSecond: 0.002,
  }]);
  const free = find("google", "gemma-3-27b-it").pricing?.tiers?.[0];
  assert.equal(free?.imageInput, undefined, "a zero per-unit price is unknown, as everywhere");
});

Deno.test("litellm: cache minimum, embedding size, adaptive thinking, effort ceiling, and the Anthropic flags", () => {
  assert.equal(
    find("amazon-bedrock", "anthropic.claude-3-5-haiku-20241022-v1:0").limits?.cacheMinTokens,
    2048,
  );
  assert.equal(find("amazon-bedrock", "amazon.titan-embed-text-v1").limits?.embeddingDimensions, 1536);
  const opus46 = find("amazon-bedrock", "anthropic.claude-opus-4-6-v1");
  assert.deepEqual(opus46.capabilities?.reasoningOptions, [
    { type: "effort", values: ["low", "medium", "high", "max"] },
    { type: "adaptive" },
  ]);
  assert.ok(opus46.params?.includes("output_config"));
  const opus45 = find("amazon-bedrock", "anthropic.claude-opus-4-5-20251101-v1:0");
  assert.deepEqual(opus45.capabilities?.reasoningOptions?.[0], {
    type: "effort",
    values: ["low", "medium", "high"],
  });
  assert.ok(find("anthropic", "claude-opus-4-6").params?.includes("speed"));
  assert.ok(
    find("amazon-bedrock", "anthropic.claude-haiku-4-5-20251001-v1:0").params?.includes(
      "parallel_tool_calls",
    ),
  );
  assert.equal(find("amazon-bedrock", "anthropic.claude-fable-5").capabilities?.midConversationSystem, true);
  assert.deepEqual(find("amazon-bedrock", "amazon.nova-canvas-v1:0").operations, [
    "image_edit",
    "image_generation",
  ]);
});
