import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { CatalogData } from "./schema.ts";
import { embeddedCatalog, embeddedCatalogData } from "./embedded.ts";

const upstream = new URL("../../catalog/upstream/", import.meta.url);
const readJson = async (path: string) => JSON.parse(await readFile(new URL(path, upstream), "utf8"));

Deno.test("the embedded catalog is valid against the strict schema", () => {
  const result = CatalogData.safeParse(embeddedCatalogData());
  assert.ok(result.success, result.success ? "" : JSON.stringify(result.error.issues.slice(0, 5)));
});

Deno.test("every provider and every model of the models.dev snapshot is embedded", async () => {
  const api = await readJson("models.dev/api.json") as Record<string, { models: Record<string, unknown> }>;
  const catalog = embeddedCatalog();
  assert.equal(Object.keys(api).length, 147);
  assert.equal(catalog.providers.length, 147);
  let count = 0;
  for (const [provider, p] of Object.entries(api)) {
    assert.ok(catalog.provider(provider), provider);
    for (const id of Object.keys(p.models)) {
      count++;
      assert.ok(catalog.model(`${provider}/${id}`), `${provider}/${id}`);
    }
  }
  assert.equal(count, 5276);
});

Deno.test("models only a provider API lists are added from the captures", async () => {
  const openai = await readJson("providers/openai/models_list.json") as { data: { id: string }[] };
  const catalog = embeddedCatalog();
  for (const { id } of openai.data) assert.ok(catalog.model(`openai/${id}`), `openai/${id}`);
  assert.equal(catalog.model("openai/whisper-1")?.authors[0], "openai");
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
