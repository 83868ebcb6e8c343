import assert from "node:assert/strict";
import { litellmPrices } from "./_litellm_prices.ts";
import { openRouterPricing } from "./_openrouter.ts";

Deno.test("LiteLLM prices: unit prices in tiers, rates with their names, region multipliers, exact units", () => {
  const out = litellmPrices({
    input: 1.25,
    pixelInput: 0.5,
    webSearch: 35,
    audioInputPerSecond: 0.0001,
    regionMultipliers: { eu: 1.1 },
    tiers: [{ size: 128_000, input: 2.5, imageInput: 0.002, inputPerCharacter: 0.0000025 }],
    batch: { input: 0.625, cacheRead: 0.1 },
    priority: { input: 2.5, cacheWrite: 3, tiers: [{ size: 200_000, input: 5 }] },
  }, "chat");
  assert.deepEqual(out, {
    input_cost_per_token: 0.00000125,
    input_cost_per_audio_per_second: 0.0001,
    input_cost_per_pixel: 5e-7,
    search_context_cost_per_query: { search_context_size_medium: 0.035 },
    regional_processing_uplift_multiplier_eu: 1.1,
    // LiteLLM's map has no cache-read price of the batch rate: it is not written.
    input_cost_per_token_batches: 6.25e-7,
    input_cost_per_token_priority: 0.0000025,
    cache_creation_input_token_cost_priority: 0.000003,
    input_cost_per_token_above_200k_tokens_priority: 0.000005,
    input_cost_per_token_above_128k_tokens: 0.0000025,
    input_cost_per_image_above_128k_tokens: 0.002,
    input_cost_per_character_above_128k_tokens: 0.0000025,
  });
});

Deno.test("LiteLLM prices follow the mode for prices per second", () => {
  const stt = litellmPrices({ audioInputPerSecond: 0.0001 }, "audio_transcription");
  assert.deepEqual(stt, { input_cost_per_second: 0.0001 });
  const tts = litellmPrices({ audioOutputPerSecond: 0.0002 }, "audio_speech");
  assert.deepEqual(tts, { output_cost_per_second: 0.0002 });
  const video = litellmPrices({ videoOutputPerSecond: 0.1 }, "video_generation");
  assert.deepEqual(video, { output_cost_per_video_per_second: 0.1, output_cost_per_second: 0.1 });
});

Deno.test("OpenRouter pricing: web search per search exactly, only keys OpenRouter's listing uses", () => {
  const p = openRouterPricing({ input: 3, output: 15, webSearch: 10, perRequest: 0.01, imageOutput: 0.04 });
  assert.deepEqual(p, { prompt: "0.000003", completion: "0.000015", web_search: "0.01" });
});
