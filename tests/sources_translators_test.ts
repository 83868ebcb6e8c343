/**
 * What each list-models translator keeps: the rules of the OpenAI-compatible one (context fields, `created`,
 * lifecycle, bad and repeated entries), Anthropic's capabilities, and for every translator the fields of the real
 * payload it uses and the ones it deliberately leaves out, so that a new upstream field is a visible decision.
 */
import assert from "node:assert/strict";
import {
  ANTHROPIC_FIELDS_LEFT_OUT,
  ANTHROPIC_FIELDS_USED,
} from "../src/sources/providers/_anthropic_payload.ts";
import { AZURE_FIELDS_LEFT_OUT, AZURE_FIELDS_USED } from "../src/sources/providers/_azure.ts";
import { GOOGLE_FIELDS_LEFT_OUT, GOOGLE_FIELDS_USED } from "../src/sources/providers/_google_payload.ts";
import { OLLAMA_FIELDS_LEFT_OUT, OLLAMA_FIELDS_USED } from "../src/sources/providers/_ollama.ts";
import { OPENAI_FIELDS_LEFT_OUT, OPENAI_FIELDS_USED } from "../src/sources/providers/_openai_payload.ts";
import { OPENROUTER_FIELDS_LEFT_OUT, OPENROUTER_FIELDS_USED } from "../src/sources/providers/_openrouter.ts";
import { PROTOCOLS } from "../src/sources/providers/_api.ts";
import { VERTEX_FIELDS_LEFT_OUT, VERTEX_FIELDS_USED } from "../src/sources/providers/_vertex.ts";
import { fixture } from "./helpers/sources_server.ts";
import { fieldsOf, reachingFields } from "./helpers/field_reach.ts";

const load = async (path: string) => JSON.parse(await fixture(path));

function assertDecided(
  what: string,
  seen: Set<string>,
  used: readonly string[],
  leftOut: Readonly<Record<string, string>>,
) {
  const decided = new Set([...used, ...Object.keys(leftOut)]);
  const undecided = [...seen].filter((f) =>
    !decided.has(f) && ![...decided].some((d) => f.startsWith(`${d}.`))
  );
  assert.deepEqual(undecided, [], `${what}: fields with no decision (use them or say why not)`);
  for (const f of used) assert.ok(!(f in leftOut), `${what}: ${f} is both used and left out`);
}

Deno.test("openai-compatible: vLLM's max_model_len is the context; created is never a release date", async () => {
  const { offerings: models, notes } = PROTOCOLS.openai.translate("hetzner", [
    await load("providers/vllm/models_list.json"),
  ]);
  const qwen = models.find((m) => m.id === "Qwen/Qwen3.6-35B-A3B-FP8")!;
  assert.deepEqual(qwen.limits, { context: 262144 });
  assert.ok(models.every((m) => m.releaseDate === undefined));
  const old = models.find((m) => m.id === "old-model")!;
  assert.equal(old.lifecycle?.status, "deprecated");
  assert.equal(old.lifecycle?.retirementDate, "2026-01-31");
  assert.deepEqual(models.map((m) => m.id), [
    "Qwen/Qwen3.6-35B-A3B-FP8",
    "zai-org/GLM-5.3-Flash",
    "old-model",
  ]);
  assert.deepEqual(notes, [
    'hetzner: model "zai-org/GLM-5.3-Flash" is listed more than once in one response (first kept)',
    "hetzner: skipped entry 5 of the model list (id: Invalid input: expected string, received undefined)",
  ]);
});

Deno.test("openai-compatible: OpenAI's shutdown_date becomes deprecation; Groq's context_window and active", async () => {
  const openai =
    PROTOCOLS.openai.translate("openai", [await load("providers/openai/models_list.json")]).offerings;
  const turbo = openai.find((m) => m.id === "gpt-3.5-turbo")!;
  assert.equal(turbo.lifecycle?.status, "deprecated");
  assert.equal(turbo.lifecycle?.retirementDate, "2026-10-23");
  assert.equal(
    openai.find((m) => m.id === "text-embedding-ada-002")!.lifecycle?.status,
    undefined,
    "null shutdown_date",
  );
  const raw = await load("providers/groq/models_list.json");
  const groq = PROTOCOLS.openai.translate("groq", [raw]).offerings;
  for (const entry of raw.data) {
    const m = groq.find((g) => g.id === entry.id)!;
    assert.equal(m.limits?.context, entry.context_window || undefined, entry.id);
    assert.equal(m.lifecycle?.status, entry.active === false ? "deprecated" : undefined, entry.id);
  }
});

Deno.test("openai-compatible: a bare array (Together) and context_length, Mistral's capabilities and deprecation", () => {
  const { offerings: models } = PROTOCOLS.openai.translate("x", [[
    { id: "a", context_length: 32768, display_name: "A", type: "chat" },
    {
      id: "g",
      top_provider: { context_length: 200000, max_completion_tokens: 8192 },
      max_input_tokens: 190000,
    },
    {
      id: "b",
      max_context_length: 128000,
      capabilities: { function_calling: true, vision: true },
      deprecation: "2026-03-30T12:00:00Z",
      deprecation_replacement_model: "c",
      aliases: ["b", "b-latest"],
    },
  ]]);
  assert.deepEqual(models[0], {
    id: "a",
    provider: "x",
    name: "A",
    limits: { context: 32768 },
    operations: ["chat"],
  });
  assert.deepEqual(models[1]!.limits, { context: 200000, input: 190000, output: 8192 });
  assert.deepEqual(models[2], {
    id: "b",
    provider: "x",
    aliases: ["b-latest"],
    lifecycle: { status: "deprecated", retirementDate: "2026-03-30", replacement: "c" },
    limits: { context: 128000 },
    capabilities: { toolCalls: true, attachments: true },
    modalities: { input: ["text", "image"] },
  });
});

Deno.test("anthropic: the capabilities object maps to reasoning, its options, attachments, structured output and the rest", async () => {
  const { offerings: models } = PROTOCOLS.anthropic.translate("anthropic", [
    await load("providers/anthropic/models_list.json"),
  ]);
  const opus = models.find((m) => m.id === "claude-opus-5")!;
  assert.deepEqual(opus.capabilities, {
    reasoning: true,
    // Anthropic's adaptive thinking: the model decides when and how much to think.
    reasoningOptions: [{ type: "adaptive" }, {
      type: "effort",
      values: ["low", "medium", "high", "xhigh", "max"],
    }],
    attachments: true,
    structuredOutput: true,
    batch: true,
    citations: true,
    codeExecution: true,
    contextManagement: true,
  });
  assert.deepEqual(opus.modalities, { input: ["text", "image", "pdf"], output: ["text"] });
  assert.equal(opus.capabilities?.toolCalls, undefined, "the payload does not state tool use: unknown");
});

Deno.test("every translator decides on every field of its payload", async () => {
  const entries = (path: string, key: string) => load(path).then((p) => p[key] as Record<string, unknown>[]);
  for (const id of ["openai", "groq", "cerebras", "deepseek"]) {
    const seen = fieldsOf(await entries(`providers/${id}/models_list.json`, "data"));
    assertDecided(id, seen, OPENAI_FIELDS_USED, OPENAI_FIELDS_LEFT_OUT);
  }
  assertDecided(
    "vllm",
    fieldsOf(await entries("providers/vllm/models_list.json", "data")),
    OPENAI_FIELDS_USED,
    OPENAI_FIELDS_LEFT_OUT,
  );
  assertDecided(
    "anthropic",
    fieldsOf(await entries("providers/anthropic/models_list.json", "data"), 2),
    ANTHROPIC_FIELDS_USED,
    ANTHROPIC_FIELDS_LEFT_OUT,
  );
  assertDecided(
    "google",
    fieldsOf(await entries("providers/google/models_list.json", "models")),
    GOOGLE_FIELDS_USED,
    GOOGLE_FIELDS_LEFT_OUT,
  );
  assertDecided(
    "openrouter",
    fieldsOf(await entries("openrouter/models.json", "data"), 2),
    OPENROUTER_FIELDS_USED,
    OPENROUTER_FIELDS_LEFT_OUT,
  );
  assertDecided(
    "azure",
    fieldsOf(await entries("providers/azure/models.json", "data"), 2),
    AZURE_FIELDS_USED,
    AZURE_FIELDS_LEFT_OUT,
  );
  const vertexPages: { publisherModels: Record<string, unknown>[] }[] = await load(
    "providers/vertex/publisher_models_pages.json",
  );
  assertDecided(
    "vertex",
    fieldsOf(vertexPages.flatMap((p) => p.publisherModels)),
    VERTEX_FIELDS_USED,
    VERTEX_FIELDS_LEFT_OUT,
  );
  const tags = fieldsOf(await entries("providers/ollama/tags.json", "models"), 2);
  const shows: Record<string, Record<string, unknown>> = await load("providers/ollama/show.json");
  const show = [...fieldsOf(Object.values(shows))].map((f) => `show.${f}`);
  assertDecided(
    "ollama",
    new Set([...[...tags].map((f) => (f === "name" ? "tags.name" : f)), ...show]),
    OLLAMA_FIELDS_USED,
    OLLAMA_FIELDS_LEFT_OUT,
  );
});

Deno.test("openrouter: expiration_date becomes the deprecation date; created is not a release date", async () => {
  const raw = await load("openrouter/models.json");
  const { offerings: models, notes } = PROTOCOLS.openrouter.translate("openrouter", [raw]);
  assert.deepEqual(notes, []);
  const grok = models.find((m) => m.id === "x-ai/grok-4.1-fast")!;
  assert.equal(grok.lifecycle?.status, "deprecated");
  assert.equal(grok.lifecycle?.retirementDate, "2026-05-15");
  assert.ok(models.every((m) => m.releaseDate === undefined));
  const expiring = raw.data.filter((m: { expiration_date?: string }) => m.expiration_date).length;
  assert.equal(models.filter((m) => m.lifecycle?.retirementDate).length, expiring);
});

/**
 * Checks by experiment that the fields a translator says it uses change its output (those that carry a value
 * somewhere in the capture), and that the fields it leaves out do not.
 */
function assertReach(
  what: string,
  list: Record<string, unknown>[],
  depth: number,
  used: readonly string[],
  leftOut: Readonly<Record<string, string>>,
  translate: (entries: unknown[]) => unknown,
  saidAlsoByOthers: readonly string[] = [],
) {
  const entries = Object.fromEntries(list.map((e, i) => [String(i), e]));
  const seen = fieldsOf(list, depth);
  const reaching = reachingFields(entries, seen, (subset) => translate(Object.values(subset)));
  const carrying = (f: string) =>
    list.some((e) => f.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], e) != null);
  const isUsed = (f: string) => used.some((u) => f === u || f.startsWith(`${u}.`));
  const silent = [...seen].filter((f) =>
    isUsed(f) && carrying(f) && !reaching.has(f) && !saidAlsoByOthers.includes(f)
  );
  assert.deepEqual(silent, [], `${what}: fields marked used that change nothing`);
  const leaking = [...reaching].filter((f) => f in leftOut);
  assert.deepEqual(leaking, [], `${what}: fields marked left out that reach the catalog`);
}

Deno.test("openrouter: every used field of the real list reaches the catalog, left-out ones do not", async () => {
  const list = (await load("openrouter/models.json")).data;
  const protocol = PROTOCOLS.openrouter;
  assertReach("openrouter", list, 2, OPENROUTER_FIELDS_USED, OPENROUTER_FIELDS_LEFT_OUT, (data) => {
    const pages = [{ data }];
    return [protocol.translate("openrouter", pages).offerings, protocol.hints?.("openrouter", pages)];
  });
  const { offerings } = protocol.translate("openrouter", [{ data: list }]);
  const flash = offerings.find((o) => o.id === "google/gemini-3-flash-preview")!;
  assert.equal(flash.pricing?.inputImage, 0.5, "image input per 1M tokens");
  assert.equal(flash.pricing?.webSearch, 14, "web search per 1K");
  assert.equal(flash.tokenizer, "Gemini");
  const gpt35 = offerings.find((o) => o.id === "openai/gpt-3.5-turbo")!;
  assert.equal(gpt35.knowledgeCutoff, "2021-09-30");
  const open = offerings.find((o) => o.weights?.huggingFace)!;
  assert.equal(open.openWeights, true);
  assert.ok(offerings.some((o) => o.defaults && Object.keys(o.defaults).length), "default parameters kept");
  const templated = list.find((e: { architecture: { instruct_type?: string } }) =>
    e.architecture.instruct_type === "chatml"
  );
  assert.equal(offerings.find((o) => o.id === templated.id)!.promptFormat, "chatml");
  const moderated = list.filter((e: { top_provider: { is_moderated?: boolean } }) =>
    e.top_provider.is_moderated
  );
  assert.equal(offerings.filter((o) => o.moderated === true).length, moderated.length);
  assert.ok(offerings.some((o) => o.moderated === false), "false is said, not dropped");
  // Null in every entry of the capture; the documented shape gives the per-request input and output limits.
  const limited = { ...templated, per_request_limits: { prompt_tokens: "30000", completion_tokens: "4000" } };
  const [one] = protocol.translate("openrouter", [{ data: [{ ...limited, top_provider: {} }] }]).offerings;
  assert.deepEqual(one!.limits, { context: templated.context_length, input: 30000, output: 4000 });
});

Deno.test("google: generation methods are operations; sampling defaults are defaults and accepted parameters", async () => {
  const page = await load("providers/google/models_list.json");
  const { offerings, notes } = PROTOCOLS.google.translate("google", [page]);
  assert.deepEqual(notes, []);
  const flash = offerings.find((o) => o.id === "gemini-2.5-flash")!;
  assert.deepEqual(flash.operations, ["chat"], "countTokens, batch and cache methods serve no operation");
  assert.deepEqual(flash.defaults, { temperature: 1, top_p: 0.95, top_k: 64 });
  assert.deepEqual(flash.params, ["temperature", "top_k", "top_p"]);
  assert.deepEqual(flash.paramRanges, { temperature: { max: 2 } }, "maxTemperature is the range's top");
  assert.equal(flash.capabilities?.reasoning, true);
  assert.equal(flash.capabilities?.promptCaching, true);
  const embedding = offerings.find((o) => o.id === "text-embedding-004")!;
  assert.deepEqual(embedding.operations, ["embeddings"]);
  assert.equal(embedding.defaults, undefined, "no sampling defaults stated: unknown");
  assert.equal(embedding.capabilities?.reasoning, undefined, "thinking absent: unknown, not false");
  const more = PROTOCOLS.google.translate("google", [{
    models: [
      { name: "models/imagen-4.0-generate-001", supportedGenerationMethods: ["predict"] },
      { name: "models/veo-3.0-generate-001", supportedGenerationMethods: ["predictLongRunning"] },
      { name: "models/gemini-live-2.5-flash", supportedGenerationMethods: ["bidiGenerateContent"] },
      { name: "models/gemini-live-2.5-flash", supportedGenerationMethods: ["bidiGenerateContent"] },
      { name: "gemini-without-prefix" },
    ],
  }]);
  assert.deepEqual(more.offerings.map((o) => [o.id, o.operations]), [
    ["imagen-4.0-generate-001", ["image_generation"]],
    ["veo-3.0-generate-001", ["video"]],
    ["gemini-live-2.5-flash", ["realtime"]],
  ]);
  assert.equal(more.notes.length, 2, "one repeated id and one malformed entry, each told");
  assertReach("google", page.models, 1, GOOGLE_FIELDS_USED, GOOGLE_FIELDS_LEFT_OUT, (models) => {
    return PROTOCOLS.google.translate("google", [{ models }]).offerings;
  });
});

Deno.test("anthropic and OpenAI-shaped lists: every used field of the real captures reaches the catalog", async () => {
  const anthropic = (await load("providers/anthropic/models_list.json")).data;
  assertReach("anthropic", anthropic, 2, ANTHROPIC_FIELDS_USED, ANTHROPIC_FIELDS_LEFT_OUT, (data) => {
    return PROTOCOLS.anthropic.translate("anthropic", [{ data, has_more: false }]).offerings;
  });
  for (const id of ["openai", "groq", "cerebras", "deepseek", "vllm"]) {
    const list = (await load(`providers/${id}/models_list.json`)).data;
    // Groq's `active` is true for every model of the capture: being listed says as much (only false is news).
    assertReach(id, list, 1, OPENAI_FIELDS_USED, OPENAI_FIELDS_LEFT_OUT, (data) => {
      return PROTOCOLS.openai.translate(id, [{ object: "list", data }]).offerings;
    }, ["active"]);
  }
});
