import assert from "node:assert/strict";
import { isStarmapError } from "../../errors.ts";
import { type KnownModel, type LinkOffering, linkOfferings, type LinkResult } from "./mod.ts";

const known: KnownModel[] = [
  { id: "anthropic/claude-sonnet-4-5", name: "Claude Sonnet 4.5 (latest)", releaseDate: "2025-09-29" },
  { id: "anthropic/claude-3-5-sonnet", name: "Claude Sonnet 3.5" },
  { id: "anthropic/claude-sonnet-4-0", name: "Claude Sonnet 4 (latest)" },
  { id: "openai/gpt-4o", name: "GPT-4o", family: "gpt" },
  { id: "openai/gpt-5.4", name: "GPT-5.4", family: "gpt" },
  { id: "openai/gpt-5-mini", name: "GPT-5 Mini", family: "gpt" },
  { id: "meta/llama-3.3-70b-instruct", name: "Llama-3.3-70B-Instruct", family: "llama" },
  { id: "deepseek/deepseek-r1", name: "DeepSeek-R1", family: "deepseek" },
  { id: "moonshotai/kimi-k2.7-code", name: "Kimi K2.7 Code", family: "kimi", releaseDate: "2026-05-01" },
  { id: "nvidia/nemotron-3-nano-30b", name: "Nemotron 3 Nano 30B", family: "nemotron" },
  { id: "mistral/mistral-large-latest", name: "Mistral Large (latest)", family: "mistral" },
];

function link(offerings: LinkOffering[], options?: Parameters<typeof linkOfferings>[2]): LinkResult {
  return linkOfferings(offerings, known, options);
}

function only(provider: string, id: string, extra: Partial<LinkOffering> = {}) {
  const result = link([{ provider, id, ...extra }]);
  return { link: result.links[0]!, models: result.models };
}

Deno.test("linkOfferings: provider spellings of one id link to the known model", () => {
  const cases: [string, string, string][] = [
    ["amazon-bedrock", "us.anthropic.claude-sonnet-4-5-v1:0", "anthropic/claude-sonnet-4-5"],
    ["fireworks-ai", "accounts/fireworks/models/llama-v3p3-70b-instruct", "meta/llama-3.3-70b-instruct"],
    ["openrouter", "anthropic/claude-3.5-sonnet", "anthropic/claude-3-5-sonnet"],
    ["togetherai", "meta-llama/Llama-3.3-70B-Instruct", "meta/llama-3.3-70b-instruct"],
    ["tinfoil", "llama3-3-70b", "meta/llama-3.3-70b-instruct"],
    ["openrouter", "openai/gpt-4o:free", "openai/gpt-4o"],
    ["databricks", "databricks-gpt-5-4", "openai/gpt-5.4"],
    ["snowflake-cortex", "openai-gpt-5-mini", "openai/gpt-5-mini"],
    ["amazon-bedrock", "us.deepseek.r1-v1:0", "deepseek/deepseek-r1"],
    ["orcarouter", "anthropic/claude-sonnet-4", "anthropic/claude-sonnet-4-0"],
    ["ollama-cloud", "nemotron-3-nano:30b", "nvidia/nemotron-3-nano-30b"],
    ["gmicloud", "zai-org/GLM-5.1-FP8", "zhipuai/glm-5.1"],
    ["scaleway", "mistral-large", "mistral/mistral-large-latest"],
    ["chutes", "Qwen/Qwen3-32B-TEE", "alibaba/qwen3-32b"],
  ];
  for (const [provider, id, expected] of cases) {
    const { link: l } = only(provider, id);
    if (expected.startsWith("zhipuai/") || expected.startsWith("alibaba/")) {
      assert.equal(l.model, expected, `${provider}/${id}`);
      assert.equal(l.method, "new", `${provider}/${id} has no known model here`);
      continue;
    }
    assert.equal(l.model, expected, `${provider}/${id}`);
    assert.equal(l.method, "spelling", `${provider}/${id}`);
    assert.ok(l.confidence > 0.7 && l.confidence <= 1, `${provider}/${id}: ${l.confidence}`);
  }
});

Deno.test("linkOfferings: a date-pinned snapshot is a variant whose lineage points to its base", () => {
  const result = link([
    { provider: "openai", id: "gpt-4o-2024-08-06" },
    { provider: "azure", id: "gpt-4o-2024-08-06" },
    { provider: "amazon-bedrock", id: "us.anthropic.claude-sonnet-4-5-20250929-v1:0" },
    { provider: "google-vertex", id: "claude-sonnet-4-5@20250929" },
  ]);
  const [openai, azure, bedrock, vertex] = result.links;
  assert.equal(openai!.model, "openai/gpt-4o-2024-08-06");
  assert.equal(azure!.model, openai!.model);
  // Their date is Claude Sonnet 4.5's own release date: they are that model, not a snapshot of it.
  assert.equal(bedrock!.model, "anthropic/claude-sonnet-4-5");
  assert.equal(vertex!.model, bedrock!.model);
  const snapshot = result.models.find((m) => m.id === "openai/gpt-4o-2024-08-06")!;
  assert.deepEqual([snapshot.base, snapshot.variant, snapshot.known, snapshot.offerings], [
    "openai/gpt-4o",
    "snapshot",
    false,
    2,
  ]);
});

Deno.test("linkOfferings: a served variant (fast) links to a variant of the base, serving suffixes do not", () => {
  const { link: l, models } = only("cloudflare-workers-ai", "@cf/meta/llama-3.3-70b-instruct-fp8-fast");
  assert.equal(l.model, "meta/llama-3.3-70b-instruct-fast");
  const variant = models.find((m) => m.id === l.model)!;
  assert.equal(variant.base, "meta/llama-3.3-70b-instruct");
  assert.equal(variant.variant, "fast");
});

Deno.test("linkOfferings: a date-pinned known model wins over its base", () => {
  const result = linkOfferings([{ provider: "openai", id: "gpt-4o-2024-08-06" }], [
    ...known,
    { id: "openai/gpt-4o-2024-08-06", name: "GPT-4o (2024-08-06)" },
  ]);
  assert.equal(result.links[0]!.model, "openai/gpt-4o-2024-08-06");
  assert.equal(result.links[0]!.method, "spelling");
});

Deno.test("linkOfferings: agreement of name, author and release date links an id no rule reads", () => {
  const { link: l } = only("umans-ai", "umans-kimi", {
    name: "Kimi K2.7 Code",
    family: "kimi",
    releaseDate: "2026-05-01",
  });
  assert.equal(l.model, "moonshotai/kimi-k2.7-code");
  assert.equal(l.method, "agreement");
  assert.match(l.evidence, /name\+release_date/);
  const { link: stranger } = only("umans-ai", "umans-kimi", { name: "Kimi K2.7 Code" });
  assert.equal(stranger.method, "new", "a name alone is not enough");
});

Deno.test("linkOfferings: an ambiguous id becomes its own model instead of a guess", () => {
  const result = linkOfferings([{ provider: "somehost", id: "nova-1" }], [
    { id: "labone/nova-1" },
    { id: "labtwo/nova-1" },
  ]);
  assert.equal(result.links[0]!.method, "new");
  assert.ok(!["labone/nova-1", "labtwo/nova-1"].includes(result.links[0]!.model));
  const narrowed = linkOfferings([{ provider: "somehost", id: "labtwo/nova-1" }], [
    { id: "labone/nova-1" },
    { id: "labtwo/nova-1" },
  ]);
  assert.equal(narrowed.links[0]!.model, "labtwo/nova-1");
});

Deno.test("linkOfferings: models nothing covers are minted once, under the inferred author", () => {
  const result = link([
    { provider: "togetherai", id: "mistralai/Mixtral-Next-99B-Instruct", name: "Mixtral Next" },
    { provider: "deepinfra", id: "mistralai/mixtral-next-99b-instruct" },
    { provider: "groq", id: "qwen-9-max" },
    { provider: "nano-gpt", id: "somelab/brand-new-1" },
    { provider: "acme", id: "acme-secret-1" },
    { provider: "databricks", id: "databricks-claude-nova-9" },
    { provider: "mistral", id: "mistral-saba-2" },
  ]);
  const ids = result.links.map((l) => l.model);
  assert.deepEqual(ids, [
    "mistral/mixtral-next-99b-instruct",
    "mistral/mixtral-next-99b-instruct",
    "alibaba/qwen-9-max",
    "somelab/brand-new-1",
    "acme/acme-secret-1",
    "anthropic/claude-nova-9",
    "mistral/mistral-saba-2",
  ]);
  const minted = result.models.find((m) => m.id === ids[0])!;
  assert.deepEqual([minted.known, minted.author, minted.offerings, minted.name], [
    false,
    "mistral",
    2,
    "Mixtral Next",
  ]);
  for (const l of result.links) assert.ok(result.models.some((m) => m.id === l.model), l.model);
});

Deno.test("linkOfferings: explicit links come first", () => {
  const result = link([
    { provider: "umans-ai", id: "umans-coder", hints: { baseModel: "moonshotai/kimi-k2.7-code" } },
    { provider: "openrouter", id: "openai/chatgpt-4o-latest", hints: { canonicalSlug: "openai/gpt-4o" } },
    {
      provider: "openrouter",
      id: "meta-llama/llama-3.3-70b-instruct:free",
      hints: { huggingFaceId: "meta-llama/Llama-3.3-70B-Instruct" },
    },
    { provider: "openrouter", id: "someone/new-7b", hints: { huggingFaceId: "SomeOrg/New-Model-7B" } },
    { provider: "featherless", id: "SomeOrg/New-Model-7B" },
  ]);
  const [base, slug, hf, hfNew, other] = result.links;
  assert.deepEqual([base!.model, base!.method, base!.evidence], [
    "moonshotai/kimi-k2.7-code",
    "explicit",
    "base_model",
  ]);
  assert.deepEqual([slug!.model, slug!.method], ["openai/gpt-4o", "explicit"]);
  assert.deepEqual([hf!.model, hf!.method], ["meta/llama-3.3-70b-instruct", "explicit"]);
  assert.equal(
    hfNew!.model,
    other!.model,
    "an offering of the same Hugging Face repository shares the model",
  );
  assert.equal(hfNew!.model, "someorg/new-model-7b");
});

Deno.test("linkOfferings: local overrides pin or cut a link", () => {
  const offerings: LinkOffering[] = [
    { provider: "acme", id: "acme-coder", name: "Acme Coder" },
    { provider: "openrouter", id: "openai/gpt-4o" },
    { provider: "vercel", id: "openai/gpt-4o" },
  ];
  const result = link(offerings, {
    overrides: { "acme/acme-coder": "moonshotai/kimi-k2.7-code", "vercel/openai/gpt-4o": null },
  });
  const [pinned, kept, cut] = result.links;
  assert.deepEqual([pinned!.model, pinned!.method, pinned!.evidence], [
    "moonshotai/kimi-k2.7-code",
    "override",
    "pinned",
  ]);
  assert.equal(kept!.model, "openai/gpt-4o");
  assert.equal(cut!.method, "override");
  assert.notEqual(cut!.model, "openai/gpt-4o");
  const own = result.models.find((m) => m.id === cut!.model)!;
  assert.deepEqual([own.known, own.author, own.offerings], [false, "openai", 1]);
  const unknownPin = link([offerings[0]!], { overrides: new Map([["acme/acme-coder", "acme/coder-one"]]) });
  assert.equal(unknownPin.links[0]!.model, "acme/coder-one");
  assert.equal(unknownPin.models.find((m) => m.id === "acme/coder-one")?.known, false);
});

Deno.test("linkOfferings: minted snapshots of a minted model point to it", () => {
  const result = link([
    { provider: "a", id: "somelab/widget-2" },
    { provider: "b", id: "somelab/widget-2-20260101" },
  ]);
  const dated = result.models.find((m) => m.id === result.links[1]!.model)!;
  assert.equal(dated.base, result.links[0]!.model);
  assert.equal(dated.variant, "snapshot");
});

Deno.test("linkOfferings: a rewritten id whose name is another model's name is not trusted", () => {
  const { link: l } = only("databricks", "databricks-claude-sonnet-4", { name: "Claude Sonnet 4.5" });
  assert.equal(l.method, "new");
  assert.notEqual(l.model, "anthropic/claude-sonnet-4-0");
  const { link: plain } = only("databricks", "databricks-claude-sonnet-4", { name: "Claude Sonnet 4" });
  assert.deepEqual([plain.model, plain.method], ["anthropic/claude-sonnet-4-0", "spelling"]);
});

Deno.test("linkOfferings: an override to something that is not a model id is refused", () => {
  assert.throws(
    () => link([{ provider: "acme", id: "x" }], { overrides: { "acme/x": "not-a-model-id" } }),
    (e: unknown) => isStarmapError(e, "invalid") && /acme\/x/.test((e as Error).message),
  );
});
