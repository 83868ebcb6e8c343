import assert from "node:assert/strict";
import { ModelFilter, modelPredicate, sortModels } from "./_filter.ts";
import type { Offering as Model } from "./_schema.ts";

const m = (over: Partial<Model>): Model => ({
  id: "x",
  provider: "p",
  model: "lab/x",
  link: { method: "new", confidence: 1 },
  name: "X",
  authors: [],
  modalities: { input: ["text"], output: ["text"] },
  capabilities: { attachments: false, reasoning: false, toolCalls: false },
  limits: {},
  ...over,
});

const sonnet = m({
  id: "claude-sonnet-4",
  name: "Claude Sonnet 4",
  family: "claude-sonnet",
  releaseDate: "2025-05-22",
});
const opus = m({ id: "claude-opus-4", name: "Claude Opus 4", family: "claude-opus", aliases: ["opus"] });
const gpt = m({
  id: "gpt-4o",
  name: "GPT-4o",
  modalities: { input: ["text", "image"], output: ["text"] },
  capabilities: { attachments: true, reasoning: false, toolCalls: true, structuredOutput: true },
  limits: { context: 128000 },
  pricing: { input: 2.5, output: 10 },
  lifecycle: { status: "deprecated" },
});

Deno.test("search terms are case-insensitive and must all match", () => {
  const p = modelPredicate({ search: ["CLAUDE", "sonnet"] });
  assert.deepEqual([sonnet, opus, gpt].filter(p), [sonnet]);
  assert.deepEqual(
    [sonnet, opus, gpt].filter(modelPredicate({ search: ["opus"] })),
    [opus],
    "aliases and names",
  );
});

Deno.test("capabilities, modalities, context, price and status", () => {
  const all = [sonnet, opus, gpt];
  assert.deepEqual(all.filter(modelPredicate({ capabilities: ["vision", "tools", "structured_output"] })), [
    gpt,
  ]);
  assert.deepEqual(all.filter(modelPredicate({ input: ["image"] })), [gpt]);
  assert.deepEqual(all.filter(modelPredicate({ minContext: 100000 })), [gpt]);
  assert.deepEqual(all.filter(modelPredicate({ maxInputPrice: 3 })), [gpt], "unknown prices never match");
  assert.deepEqual(all.filter(modelPredicate({ maxInputPrice: 2 })), []);
  assert.deepEqual(
    all.filter(modelPredicate({ status: ["active"] })),
    [sonnet, opus],
    "no status counts as active",
  );
  assert.deepEqual(all.filter(modelPredicate({ releasedAfter: "2025-01" })), [sonnet]);
});

Deno.test("sort puts missing values last in both orders", () => {
  assert.deepEqual(sortModels([sonnet, gpt], "context", "asc").map((x) => x.id), [
    "gpt-4o",
    "claude-sonnet-4",
  ]);
  assert.deepEqual(sortModels([sonnet, gpt], "context", "desc").map((x) => x.id), [
    "gpt-4o",
    "claude-sonnet-4",
  ]);
  assert.deepEqual(sortModels([gpt, opus, sonnet], "name").map((x) => x.id), [
    "claude-opus-4",
    "claude-sonnet-4",
    "gpt-4o",
  ]);
});

Deno.test("the filter schema is strict", () => {
  assert.equal(ModelFilter.safeParse({ serch: ["x"] }).success, false);
  assert.equal(ModelFilter.safeParse({ limit: 0 }).success, false);
  assert.equal(ModelFilter.safeParse({ capabilities: ["telepathy"] }).success, false);
});
