/**
 * starmap's LiteLLM export, re-read and compared with LiteLLM's own published price map (a trimmed copy in
 * tests/fixtures/pricing/) for the models both know.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { ROOT, runCli } from "./helpers/cli.ts";

type Entry = Record<string, unknown> & { litellm_provider: string };
type PriceMap = Record<string, Entry>;

const theirs = JSON.parse(
  await readFile(`${ROOT}tests/fixtures/pricing/litellm_model_prices.json`, "utf8"),
) as PriceMap;

const providers = ["openai", "anthropic", "google", "groq", "xai", "deepseek", "mistral"];
const priceFields = [
  "input_cost_per_token",
  "output_cost_per_token",
  "cache_read_input_token_cost",
  "cache_creation_input_token_cost",
  "input_cost_per_token_above_200k_tokens",
  "output_cost_per_token_above_200k_tokens",
  "input_cost_per_token_above_272k_tokens",
  "output_cost_per_token_above_272k_tokens",
];

/** Equal within rounding: both are doubles parsed from decimal text, so a relative 1e-9 is generous. */
function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

const exported = await runCli(["export", "pricing", "--format", "litellm", "-p", providers.join(",")]);
const ours = JSON.parse(exported.stdout) as PriceMap;

Deno.test("the LiteLLM export has LiteLLM's shape", () => {
  assert.equal(exported.code, 0, exported.stderr);
  const gpt4o = ours["gpt-4o"]!;
  assert.equal(gpt4o.litellm_provider, "openai");
  assert.equal(gpt4o.mode, "chat");
  assert.equal(gpt4o.max_input_tokens, 128_000);
  assert.equal(gpt4o.max_output_tokens, 16_384);
  assert.equal(gpt4o.input_cost_per_token, 0.0000025);
  assert.equal(gpt4o.output_cost_per_token, 0.00001);
  assert.equal(gpt4o.cache_read_input_token_cost, 0.00000125);
  assert.equal(gpt4o.supports_function_calling, true);
  assert.equal(gpt4o.supports_vision, true);
  assert.equal(ours["gemini/gemini-2.5-pro"]!.litellm_provider, "gemini");
  // Prices are written from exact decimal text: no float noise like 2.5e-06000001 anywhere.
  assert.doesNotMatch(exported.stdout, /\d{10,}e-|0000000\d|9999999\d/);
});

Deno.test("well-known models cost exactly what LiteLLM says, tiers included", () => {
  const known = [
    "gpt-4o",
    "gpt-4o-mini",
    "gpt-4.1",
    "gpt-5",
    "o3",
    "gpt-5.4",
    "claude-sonnet-4-5",
    "claude-opus-4-1",
    "claude-haiku-4-5",
    "gemini/gemini-2.5-pro",
    "gemini/gemini-2.5-flash",
    "groq/llama-3.3-70b-versatile",
  ];
  let compared = 0;
  for (const key of known) {
    const a = ours[key], b = theirs[key];
    assert.ok(a && b, `${key} is in both maps`);
    assert.equal(a.litellm_provider, b.litellm_provider, key);
    for (const field of priceFields) {
      if (typeof a[field] !== "number" || typeof b[field] !== "number") continue;
      assert.ok(close(a[field] as number, b[field] as number), `${key} ${field}: ${a[field]} vs ${b[field]}`);
      compared++;
    }
  }
  assert.ok(compared >= 30, `compared ${compared} prices`);
  assert.equal(ours["gemini/gemini-2.5-pro"]!.input_cost_per_token_above_200k_tokens, 0.0000025);
  assert.equal(ours["gpt-5.4"]!.input_cost_per_token_above_272k_tokens, 0.000005);
});

Deno.test("every price both maps know agrees, or differs for real (never by rounding noise)", () => {
  let same = 0;
  const differ: string[] = [];
  for (const [key, a] of Object.entries(ours)) {
    const b = theirs[key];
    if (!b) continue;
    for (const field of priceFields) {
      const x = a[field], y = b[field];
      if (typeof x !== "number" || typeof y !== "number") continue;
      if (close(x, y)) same++;
      else {
        // A disagreement between models.dev and LiteLLM data is a different price, not a conversion error.
        assert.ok(Math.abs(x - y) > 0.01 * Math.max(x, y), `${key} ${field}: ${x} vs ${y} looks like noise`);
        differ.push(`${key} ${field}`);
      }
    }
  }
  assert.ok(same >= 300, `${same} prices agree`);
  assert.ok(same >= 9 * differ.length, `${same} agree, ${differ.length} differ: ${differ.join(", ")}`);
});
