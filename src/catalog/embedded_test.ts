import assert from "node:assert/strict";
import { CatalogData } from "./schema.ts";
import { embeddedCatalog, embeddedCatalogData } from "./embedded.ts";

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
    const m = catalog.model(key);
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
  assert.deepEqual(catalog.model("openai/gpt-4o")?.pricing, { input: 2.5, output: 10, cacheRead: 1.25 });
  const tiered = catalog.models.find((m) => m.pricing?.tiers?.length);
  assert.ok(tiered && tiered.pricing!.tiers![0]!.size > 0);
});
