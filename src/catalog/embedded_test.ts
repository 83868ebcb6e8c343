import assert from "node:assert/strict";
import { CatalogData } from "./_schema.ts";
import { embeddedCatalog, embeddedCatalogData } from "./_embedded.ts";

Deno.test("the embedded catalog is valid against the strict schema", () => {
  const result = CatalogData.safeParse(embeddedCatalogData());
  assert.ok(result.success, result.success ? "" : JSON.stringify(result.error.issues.slice(0, 5)));
});

Deno.test("authors are right for the major labs", () => {
  const catalog = embeddedCatalog();
  const expect: Record<string, string> = {
    "openai/gpt-4o": "openai",
    "anthropic/claude-sonnet-4-5": "anthropic",
    "google/gemini-2.5-pro": "google",
    "groq/llama-3.3-70b-versatile": "meta",
    "deepseek/deepseek-chat": "deepseek",
    "mistral/mistral-large-latest": "mistral",
    "xai/grok-4.3": "xai",
    "openrouter/anthropic/claude-sonnet-4.5": "anthropic",
    "openrouter/qwen/qwen3-coder": "alibaba",
  };
  for (const [key, author] of Object.entries(expect)) {
    const m = catalog.offering(key);
    assert.ok(m, key);
    assert.deepEqual(m.authors, [author], key);
  }
  for (const lab of ["openai", "anthropic", "google", "meta", "mistral", "deepseek", "xai", "alibaba"]) {
    assert.ok(catalog.author(lab)?.website, `${lab} has a website`);
    assert.ok(catalog.modelsByAuthor(lab).length > 20, `${lab} has models`);
  }
});

Deno.test("real prices come through: gpt-4o and a tiered model", () => {
  const catalog = embeddedCatalog();
  const gpt = catalog.offering("openai/gpt-4o")?.pricing;
  assert.deepEqual([gpt?.input, gpt?.output, gpt?.cacheRead, gpt?.batch], [2.5, 10, 1.25, {
    input: 1.25,
    output: 5,
  }]);
  const tiered = catalog.allOfferings.find((m) => m.pricing?.tiers?.length);
  assert.ok(tiered && tiered.pricing!.tiers![0]!.size > 0);
});

Deno.test("every offering links to a model of the catalog, and a model many providers serve lists them all", () => {
  const catalog = embeddedCatalog();
  const ids = new Set(catalog.models.map((m) => m.id));
  const dangling = catalog.allOfferings.filter((o) => !ids.has(o.model)).map((o) => `${o.provider}/${o.id}`);
  assert.deepEqual(dangling, []);
  const sonnet = catalog.offerings("anthropic/claude-sonnet-4-5").map((o) => `${o.provider}/${o.id}`);
  for (
    const key of [
      "anthropic/claude-sonnet-4-5",
      "amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0",
      "google-vertex/claude-sonnet-4-5@20250929",
      "openrouter/anthropic/claude-sonnet-4.5",
      "github-copilot/claude-sonnet-4.5",
    ]
  ) assert.ok(sonnet.includes(key), key);
  const gpt4o = new Set(catalog.offerings("gpt-4o").map((o) => o.provider));
  assert.ok(gpt4o.has("openrouter") && gpt4o.has("openai") && gpt4o.has("azure"), [...gpt4o].join());
  assert.equal(
    catalog.model("amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0")?.base,
    "anthropic/claude-sonnet-4-5",
  );
});

Deno.test("unknown is not false: a capability no source states is absent", () => {
  const catalog = embeddedCatalog();
  const listed = catalog.offering("openai/whisper-1");
  assert.ok(listed, "a model only the provider's list names");
  assert.equal(listed.capabilities.toolCalls, undefined);
});
