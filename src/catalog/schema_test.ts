import assert from "node:assert/strict";
import { catalogJsonSchema, Model as AuthorModel, Offering as Model, Pricing, Provider } from "./_schema.ts";

const base = {
  id: "gpt-4o",
  provider: "openai",
  model: "openai/gpt-4o",
  link: { method: "spelling", confidence: 1 },
  name: "GPT-4o",
  authors: ["openai"],
  modalities: { input: ["text", "image"], output: ["text"] },
  capabilities: { attachments: true, reasoning: false, toolCalls: true },
  limits: { context: 128000, output: 16384 },
  pricing: { input: 2.5, output: 10, cacheRead: 1.25 },
};

Deno.test("Model accepts a complete record", () => {
  const m = Model.parse(base);
  assert.equal(m.pricing?.cacheRead, 1.25);
});

Deno.test("Model is strict: unknown keys are rejected with their path", () => {
  const r = Model.safeParse({ ...base, colour: "blue" });
  assert.equal(r.success, false);
  assert.match(JSON.stringify(r.error?.issues), /colour/);
});

Deno.test("Model cross-field check names limits.input", () => {
  const r = Model.safeParse({ ...base, limits: { context: 1000, input: 2000 } });
  assert.equal(r.success, false);
  assert.deepEqual(r.error?.issues[0]?.path, ["limits", "input"]);
});

Deno.test("Model rejects bad dates, negative prices and unknown modalities", () => {
  assert.equal(Model.safeParse({ ...base, releaseDate: "May 2024" }).success, false);
  assert.equal(Model.safeParse({ ...base, pricing: { input: -1 } }).success, false);
  assert.equal(Model.safeParse({ ...base, modalities: { input: ["smell"], output: [] } }).success, false);
  assert.equal(Model.safeParse({ ...base, releaseDate: "2024-05" }).success, true);
});

Deno.test("Pricing tiers must be ordered by size", () => {
  assert.equal(
    Pricing.safeParse({ input: 1, tiers: [{ size: 200000, input: 2 }, { size: 100000 }] }).success,
    false,
  );
  assert.equal(
    Pricing.safeParse({ input: 1, tiers: [{ size: 100000 }, { size: 200000, input: 2 }] }).success,
    true,
  );
});

Deno.test("Provider ids are lowercase slugs and env names are variable names", () => {
  assert.equal(Provider.safeParse({ id: "OpenAI", name: "x", env: [] }).success, false);
  assert.equal(Provider.safeParse({ id: "openai", name: "x", env: ["not a var"] }).success, false);
  assert.equal(Provider.safeParse({ id: "openai", name: "OpenAI", env: ["OPENAI_API_KEY"] }).success, true);
});

Deno.test("the catalog JSON Schema is generated from zod", () => {
  const schema = catalogJsonSchema() as { properties: Record<string, unknown>; required: string[] };
  assert.deepEqual(Object.keys(schema.properties).sort(), [
    "authors",
    "models",
    "offerings",
    "providers",
    "updatedAt",
    "version",
  ]);
  const models = JSON.stringify(schema.properties.offerings);
  for (
    const field of [
      "cacheRead",
      "knowledgeCutoff",
      "reasoningOptions",
      "tiers",
      "params",
      "lifecycle",
      "batch",
    ]
  ) {
    assert.match(models, new RegExp(field));
  }
});

Deno.test("a model is keyed author/slug; capabilities are three-valued", () => {
  const m = {
    id: "openai/gpt-4o",
    name: "GPT-4o",
    authors: ["openai"],
    modalities: { input: ["text"], output: ["text"] },
  };
  assert.equal(
    AuthorModel.safeParse({ ...m, capabilities: {}, limits: {} }).success,
    true,
    "unknown capabilities",
  );
  assert.equal(AuthorModel.safeParse({ ...m, id: "gpt-4o", capabilities: {}, limits: {} }).success, false);
  assert.equal(AuthorModel.safeParse({ ...m, capabilities: { toolCalls: false }, limits: {} }).success, true);
  assert.equal(
    Model.safeParse({ ...base, model: "gpt-4o" }).success,
    false,
    "an offering links to author/slug",
  );
  assert.equal(Model.safeParse({ ...base, operations: ["chat", "telepathy"] }).success, false);
  assert.equal(Model.safeParse({ ...base, lifecycle: { retirementDate: "2026-02-30" } }).success, false);
});
