import assert from "node:assert/strict";
import { type KnownModel, type LinkOffering, linkOfferings } from "./mod.ts";

// The rules that keep a doubtful case apart (its own model) rather than guess: each with a case it still links.

function linkOne(known: KnownModel[], offering: LinkOffering) {
  const result = linkOfferings([offering], known);
  return { link: result.links[0]!, model: result.models.find((m) => m.id === result.links[0]!.model)! };
}

Deno.test("linkOfferings: a variant is minted only on a base its id names as is", () => {
  const known = [{ id: "alibaba/qwen3-next-80b-a3b-instruct", name: "Qwen3-Next 80B A3B Instruct" }];
  const named = linkOne(known, { provider: "vercel", id: "qwen3-next-80b-a3b-instruct-thinking" });
  assert.equal(named.model.base, "alibaba/qwen3-next-80b-a3b-instruct");
  // `-thinking` on the bare name is no variant of the instruct model: a model of its own, no lineage guessed.
  const bare = linkOne(known, { provider: "vercel", id: "qwen3-next-80b-a3b-thinking" });
  assert.equal(bare.link.method, "new");
  assert.equal(bare.model.base, undefined);
});

Deno.test("linkOfferings: a bare name that an alias and pinned releases share is not guessed", () => {
  const alias = { id: "anthropic/claude-sonnet-4-0", name: "Claude Sonnet 4 (latest)" };
  const pinned = {
    id: "anthropic/claude-sonnet-4-20250514",
    name: "Claude Sonnet 4",
    releaseDate: "2025-05-22",
  };
  const offering = { provider: "requesty", id: "anthropic/claude-sonnet-4" };
  // With the alias alone, or the snapshot alone, the bare name reaches it.
  assert.equal(linkOne([alias], offering).link.model, alias.id);
  assert.equal(linkOne([pinned], offering).link.model, pinned.id);
  // With both, the spelling alone cannot tell: its own model.
  const both = linkOne([alias, pinned], offering);
  assert.equal(both.link.method, "new");
  assert.equal(both.model.known, false);
  // Another signal (name and release date) still decides.
  const agreed = linkOne([alias, pinned], {
    ...offering,
    name: "Claude Sonnet 4",
    releaseDate: "2025-05-22",
  });
  assert.equal(agreed.link.model, pinned.id);
  assert.equal(agreed.link.method, "agreement");
  // A short version pin counts as a pinned release too (`mistral-small-2506` beside `mistral-small-latest`).
  const small = [{ id: "mistral/mistral-small-latest" }, { id: "mistral/mistral-small-2506" }];
  assert.equal(linkOne(small, { provider: "helicone", id: "mistral-small" }).link.method, "new");
  assert.equal(
    linkOne(small.slice(0, 1), { provider: "helicone", id: "mistral-small" }).link.model,
    small[0]!.id,
  );
});

Deno.test("linkOfferings: a loose name match keeps notes that tell models apart", () => {
  const known = [
    {
      id: "xai/grok-4.20-0309-reasoning",
      name: "Grok 4.20 (Reasoning)",
      family: "grok",
      releaseDate: "2026-03-09",
    },
    { id: "openai/gpt-4-turbo", name: "GPT-4 Turbo", family: "gpt", releaseDate: "2023-11-06" },
    {
      id: "deepseek/deepseek-v4-pro",
      name: "DeepSeek V4 Pro",
      family: "deepseek",
      releaseDate: "2026-04-24",
    },
  ];
  const grok = { provider: "llmgateway", family: "grok", releaseDate: "2026-03-09" };
  const other = linkOne(known, { ...grok, id: "grok-4-20-non-reasoning", name: "Grok 4.20 (Non-Reasoning)" });
  assert.equal(other.link.method, "new");
  const same = linkOne(known, { ...grok, id: "grok-4-20-r", name: "Grok 4.20 (Reasoning)" });
  assert.equal(same.link.model, "xai/grok-4.20-0309-reasoning");
  // A note with a number names a version.
  const gpt = {
    provider: "kilo",
    family: "gpt",
    releaseDate: "2023-11-06",
    name: "GPT-4 Turbo (older v1106)",
  };
  assert.equal(linkOne(known, { ...gpt, id: "openai/gpt-4-1106-preview" }).link.method, "new");
  // A note that says how the model is served, or where, does not.
  const crof = { provider: "crof", family: "deepseek", releaseDate: "2026-04-24" };
  const precise = linkOne(known, {
    ...crof,
    id: "deepseek-v4-pro-precision",
    name: "DeepSeek V4 Pro (Precision)",
  });
  assert.equal(precise.link.model, "deepseek/deepseek-v4-pro");
  assert.equal(precise.link.method, "agreement");
});

Deno.test("linkOfferings: `+` in a name is part of the model's name", () => {
  const known = [
    {
      id: "cohere/command-r-08-2024",
      name: "Command R (08-2024)",
      family: "command-r",
      releaseDate: "2024-08-30",
    },
  ];
  const plus = {
    provider: "azure",
    id: "cohere-command-r-plus-08-2024",
    name: "Command R+ (08-2024)",
    family: "command-r",
    releaseDate: "2024-08-30",
  };
  assert.equal(linkOne(known, plus).link.method, "new");
  const plain = { ...plus, id: "cohere-cmd-r-0824", name: "Command R (08-2024)" };
  assert.equal(linkOne(known, plain).link.model, "cohere/command-r-08-2024");
});

Deno.test("linkOfferings: names agree, but an id naming one release never agrees with a floating alias", () => {
  const fields = { name: "Devstral 2", family: "devstral", limits: { context: 262144 } };
  const latest = [{ id: "mistral/devstral-medium-latest", ...fields }];
  const pinned = [{ id: "mistral/devstral-2512", ...fields }];
  const offering = { provider: "llmgateway", ...fields };
  assert.equal(linkOne(latest, { ...offering, id: "devstral-2512" }).link.method, "new");
  assert.equal(linkOne(pinned, { ...offering, id: "devstral-medium-latest" }).link.method, "new");
  const agreed = linkOne(latest, { ...offering, id: "devstral-two" });
  assert.equal(agreed.link.model, "mistral/devstral-medium-latest");
  assert.equal(agreed.link.method, "agreement");
});

Deno.test("linkOfferings: a date pin that names the known model's own release is that model, not a snapshot", () => {
  const known = [
    { id: "openai/gpt-4o-mini", name: "GPT-4o mini", releaseDate: "2024-07-18" },
    { id: "openai/gpt-4o", name: "GPT-4o", releaseDate: "2024-05-13" },
    { id: "mistral/pixtral-12b", name: "Pixtral 12B", releaseDate: "2024-09-01" },
    { id: "deepseek/deepseek-r1", name: "DeepSeek R1", releaseDate: "2025-01-20" },
  ];
  const same: [string, string][] = [
    ["openai-gpt-4o-mini-2024-07-18", "openai/gpt-4o-mini"],
    ["pixtral-12b-2409", "mistral/pixtral-12b"],
  ];
  for (const [id, model] of same) {
    const { link } = linkOne(known, { provider: "venice", id });
    assert.equal(link.model, model, id);
    assert.match(link.evidence, /release-date/, id);
  }
  // Another date is a snapshot of its own, whose lineage points to the model.
  for (
    const [id, base] of [["gpt-4o-2024-08-06", "openai/gpt-4o"], ["deepseek-r1-0528", "deepseek/deepseek-r1"]]
  ) {
    const { link, model } = linkOne(known, { provider: "azure", id: id! });
    assert.equal(model.base, base, id);
    assert.equal(model.variant, "snapshot", id);
    assert.notEqual(link.model, base, id);
  }
});

Deno.test("linkOfferings: an id released on another day than stated yields to the model named and dated so", () => {
  const known = [
    { id: "deepseek/deepseek-r1", name: "DeepSeek-R1", releaseDate: "2025-01-20" },
    { id: "deepseek/deepseek-reasoner", name: "DeepSeek Reasoner", releaseDate: "2025-12-01" },
  ];
  const offering = { provider: "anyapi", id: "deepseek/deepseek-r1", name: "DeepSeek Reasoner" };
  const moved = linkOne(known, { ...offering, releaseDate: "2025-12-01" }).link;
  assert.equal(moved.model, "deepseek/deepseek-reasoner");
  assert.equal(moved.method, "agreement");
  assert.match(moved.evidence, / over exact$/);
  // The same day as the id's model, or a name and date no other model has: the id stands.
  assert.equal(linkOne(known, { ...offering, releaseDate: "2025-01-20" }).link.model, "deepseek/deepseek-r1");
  const unnamed = linkOne(known, { ...offering, name: "R1 (new)", releaseDate: "2025-12-01" }).link;
  assert.deepEqual([unnamed.model, unnamed.method], ["deepseek/deepseek-r1", "spelling"]);
});
