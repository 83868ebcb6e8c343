/**
 * A sample of real LiteLLM and OpenRouter entries compared field by field with the records starmap makes of
 * them. Each row names the upstream field, its value in the capture, and the catalog field and value it becomes
 * (prices: USD per token upstream, per 1M tokens or per unit in the catalog); every field of the sampled entry
 * is a row or is named as left out, and the record holds nothing the rows do not account for.
 */
import assert from "node:assert/strict";
import { translateLiteLLM } from "../src/sources/_litellm.ts";
import { LITELLM_FIELDS_LEFT_OUT } from "../src/sources/_litellm_entry.ts";
import { PROTOCOLS } from "../src/sources/providers/_api.ts";
import { OPENROUTER_FIELDS_LEFT_OUT } from "../src/sources/providers/_openrouter.ts";
import { fieldsOf } from "./helpers/field_reach.ts";
import { fixture } from "./helpers/sources_server.ts";

type Entry = Record<string, unknown>;
/**
 * [upstream field, its value, catalog path, catalog value]. `-` as the catalog path: the field's value is checked
 * by another row (a tier, a parameter list) or adds nothing; `(key)` as the upstream field: the entry's key.
 */
type Row = [string, unknown, string, unknown];

const at = (value: unknown, path: string): unknown =>
  path.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], value);

/** Checks each row against the entry and the record, and that the rows and the left-out list cover both. */
function compare(entry: Entry, record: unknown, rows: Row[], leftOut: Readonly<Record<string, string>>) {
  for (const [field, upstream, path, value] of rows) {
    assert.deepEqual(at(entry, field), upstream, `the capture's ${field}`);
    if (path !== "-") assert.deepEqual(at(record, path), value, `${field} → ${path}`);
  }
  const covered = new Set(rows.map((r) => r[0]));
  const depth = Math.max(...rows.map((r) => r[0].split(".").length));
  const uncovered = [...fieldsOf([entry], depth)].filter((f) =>
    !covered.has(f) && !(f in leftOut) && !(f.split(".")[0]! in leftOut)
  );
  assert.deepEqual(uncovered, [], "fields of the entry with no row and no reason");
  const paths = new Set(rows.map((r) => r[2]));
  const unexplained = [...fieldsOf([record as Entry], 3)].filter((p) =>
    ![...paths].some((q) => p === q || p.startsWith(`${q}.`) || q.startsWith(`${p}.`))
  );
  assert.deepEqual(unexplained, [], "record fields no upstream field accounts for");
}

const litellm: Record<string, Entry> = JSON.parse(
  await fixture("litellm/model_prices_and_context_window.json"),
);
const one = (key: string, provider: string) =>
  translateLiteLLM({ [key]: litellm[key] }, [provider]).offerings[0];

Deno.test("litellm sample: gpt-4o, field by field", () => {
  compare(litellm["gpt-4o"]!, one("gpt-4o", "openai"), [
    ["litellm_provider", "openai", "provider", "openai"],
    ["mode", "chat", "operations", ["chat"]],
    ["max_input_tokens", 128000, "limits.input", 128000],
    ["max_output_tokens", 16384, "limits.output", 16384],
    ["input_cost_per_token", 0.0000025, "pricing.input", 2.5],
    ["output_cost_per_token", 0.00001, "pricing.output", 10],
    ["cache_read_input_token_cost", 0.00000125, "pricing.cacheRead", 1.25],
    ["input_cost_per_token_batches", 0.00000125, "pricing.batch.input", 1.25],
    ["output_cost_per_token_batches", 0.000005, "pricing.batch.output", 5],
    ["input_cost_per_token_priority", 0.00000425, "pricing.priority.input", 4.25],
    ["output_cost_per_token_priority", 0.000017, "pricing.priority.output", 17],
    ["cache_read_input_token_cost_priority", 0.000002125, "pricing.priority.cacheRead", 2.125],
    ["supports_function_calling", true, "capabilities.toolCalls", true],
    ["supports_tool_choice", true, "params", [
      "parallel_tool_calls",
      "response_format",
      "tool_choice",
      "tools",
    ]],
    ["supports_parallel_function_calling", true, "params", [
      "parallel_tool_calls",
      "response_format",
      "tool_choice",
      "tools",
    ]],
    ["supports_response_schema", true, "capabilities.structuredOutput", true],
    ["supports_pdf_input", true, "capabilities.attachments", true],
    ["supports_vision", true, "modalities.input", ["text", "image", "pdf"]],
    ["supports_prompt_caching", true, "capabilities.promptCaching", true],
    ["supports_system_messages", true, "capabilities.systemMessages", true],
    ["max_tokens", 16384, "-", undefined],
    ["(key)", undefined, "id", "gpt-4o"],
  ], LITELLM_FIELDS_LEFT_OUT);
});

Deno.test("litellm sample: claude-sonnet-4-5 (tiers, one-hour cache, web search), field by field", () => {
  compare(
    litellm["claude-sonnet-4-5"]!,
    one("claude-sonnet-4-5", "anthropic"),
    [
      ["litellm_provider", "anthropic", "provider", "anthropic"],
      ["mode", "chat", "operations", ["chat"]],
      ["max_input_tokens", 200000, "limits.input", 200000],
      ["max_output_tokens", 64000, "limits.output", 64000],
      ["prompt_cache_min_tokens", 1024, "limits.cacheMinTokens", 1024],
      ["input_cost_per_token", 0.000003, "pricing.input", 3],
      ["output_cost_per_token", 0.000015, "pricing.output", 15],
      ["cache_read_input_token_cost", 3e-7, "pricing.cacheRead", 0.3],
      ["cache_creation_input_token_cost", 0.00000375, "pricing.cacheWrite", 3.75],
      ["cache_creation_input_token_cost_above_1hr", 0.000006, "pricing.cacheWriteOneHour", 6],
      ["input_cost_per_token_above_200k_tokens", 0.000006, "pricing.tiers", [{
        size: 200000,
        input: 6,
        output: 22.5,
        cacheRead: 0.6,
        cacheWrite: 7.5,
        cacheWriteOneHour: 12,
      }]],
      ["output_cost_per_token_above_200k_tokens", 0.0000225, "-", undefined],
      ["cache_read_input_token_cost_above_200k_tokens", 6e-7, "-", undefined],
      ["cache_creation_input_token_cost_above_200k_tokens", 0.0000075, "-", undefined],
      ["cache_creation_input_token_cost_above_1hr_above_200k_tokens", 0.000012, "-", undefined],
      // Search is priced per query upstream, per 1K searches in the catalog.
      ["search_context_cost_per_query.search_context_size_medium", 0.01, "pricing.webSearch", 10],
      ["search_context_cost_per_query.search_context_size_low", 0.01, "-", undefined],
      ["search_context_cost_per_query.search_context_size_high", 0.01, "-", undefined],
      ["supports_function_calling", true, "capabilities.toolCalls", true],
      ["supports_reasoning", true, "capabilities.reasoning", true],
      ["supports_response_schema", true, "capabilities.structuredOutput", true],
      ["supports_native_structured_output", true, "params", [
        "reasoning_effort",
        "response_format",
        "tool_choice",
        "tools",
      ]],
      ["supports_tool_choice", true, "-", undefined],
      ["supports_pdf_input", true, "capabilities.attachments", true],
      ["supports_vision", true, "modalities.input", ["text", "image", "pdf"]],
      ["supports_prompt_caching", true, "capabilities.promptCaching", true],
      ["supports_computer_use", true, "capabilities.computerUse", true],
      ["supports_assistant_prefill", true, "capabilities.assistantPrefill", true],
      ["max_tokens", 64000, "-", undefined],
      ["(key)", undefined, "id", "claude-sonnet-4-5"],
    ],
    LITELLM_FIELDS_LEFT_OUT,
  );
});

Deno.test("litellm sample: mistral-ocr-latest (per-page prices), field by field", () => {
  compare(litellm["mistral/mistral-ocr-latest"]!, one("mistral/mistral-ocr-latest", "mistral"), [
    ["litellm_provider", "mistral", "provider", "mistral"],
    ["mode", "ocr", "operations", ["ocr"]],
    ["supported_endpoints", ["/v1/ocr"], "operations", ["ocr"]],
    ["ocr_cost_per_page", 0.004, "pricing.perPage", 0.004],
    ["annotation_cost_per_page", 0.005, "pricing.annotationPerPage", 0.005],
    ["(key)", undefined, "id", "mistral-ocr-latest"],
  ], LITELLM_FIELDS_LEFT_OUT);
});

const openrouter: Entry[] = JSON.parse(await fixture("openrouter/models.json")).data;
const routed = (id: string) => {
  const entry = openrouter.find((e) => e.id === id)!;
  const pages = [{ data: [entry] }];
  const record = PROTOCOLS.openrouter.translate("openrouter", pages).offerings[0];
  return {
    entry,
    record: { ...record, hints: PROTOCOLS.openrouter.hints?.("openrouter", pages)[`openrouter/${id}`] },
  };
};

Deno.test("openrouter sample: qwen3-235b-a22b-2507 (open weights, knowledge cutoff), field by field", () => {
  const { entry, record } = routed("qwen/qwen3-235b-a22b-2507");
  const params = entry.supported_parameters as string[];
  compare(entry, record, [
    ["id", "qwen/qwen3-235b-a22b-2507", "id", "qwen/qwen3-235b-a22b-2507"],
    ["name", "Qwen: Qwen3 235B A22B Instruct 2507", "name", "Qwen: Qwen3 235B A22B Instruct 2507"],
    ["description", entry.description, "description", entry.description],
    ["canonical_slug", "qwen/qwen3-235b-a22b-07-25", "hints.canonicalSlug", "qwen/qwen3-235b-a22b-07-25"],
    [
      "hugging_face_id",
      "Qwen/Qwen3-235B-A22B-Instruct-2507",
      "weights.huggingFace",
      "Qwen/Qwen3-235B-A22B-Instruct-2507",
    ],
    ["hugging_face_id", "Qwen/Qwen3-235B-A22B-Instruct-2507", "openWeights", true],
    [
      "hugging_face_id",
      "Qwen/Qwen3-235B-A22B-Instruct-2507",
      "hints.huggingFaceId",
      "Qwen/Qwen3-235B-A22B-Instruct-2507",
    ],
    ["context_length", 262144, "limits.context", 262144],
    ["top_provider.max_completion_tokens", 16384, "limits.output", 16384],
    ["top_provider.is_moderated", false, "moderated", false],
    ["architecture.input_modalities", ["text"], "modalities.input", ["text"]],
    ["architecture.output_modalities", ["text"], "modalities.output", ["text"]],
    ["architecture.tokenizer", "Qwen3", "tokenizer", "Qwen3"],
    ["architecture.instruct_type", null, "promptFormat", undefined],
    ["pricing.prompt", "0.000000071", "pricing.input", 0.071],
    ["pricing.completion", "0.0000001", "pricing.output", 0.1],
    ["supported_parameters", params, "params", params],
    // The list is complete, so a parameter it lacks is a capability the offering lacks.
    ["supported_parameters", params, "capabilities", {
      reasoning: false,
      toolCalls: true,
      structuredOutput: true,
      temperature: true,
    }],
    ["default_parameters", {}, "defaults", undefined],
    ["knowledge_cutoff", "2025-06-30", "knowledgeCutoff", "2025-06-30"],
    ["expiration_date", null, "lifecycle", undefined],
    ["per_request_limits", null, "limits.input", undefined],
    ["created", 1753119555, "releaseDate", undefined],
    ["(key)", undefined, "provider", "openrouter"],
  ], OPENROUTER_FIELDS_LEFT_OUT);
});

Deno.test("openrouter sample: gemini-3-flash-preview (every price kind, reasoning), field by field", () => {
  const { entry, record } = routed("google/gemini-3-flash-preview");
  const params = entry.supported_parameters as string[];
  compare(entry, record, [
    ["id", "google/gemini-3-flash-preview", "id", "google/gemini-3-flash-preview"],
    ["name", "Google: Gemini 3 Flash Preview", "name", "Google: Gemini 3 Flash Preview"],
    ["description", entry.description, "description", entry.description],
    [
      "canonical_slug",
      "google/gemini-3-flash-preview-20251217",
      "hints.canonicalSlug",
      "google/gemini-3-flash-preview-20251217",
    ],
    // An empty Hugging Face id says nothing: no weights, no open-weights claim.
    ["hugging_face_id", "", "weights", undefined],
    ["context_length", 1048576, "limits.context", 1048576],
    ["top_provider.max_completion_tokens", 65536, "limits.output", 65536],
    ["top_provider.is_moderated", false, "moderated", false],
    ["architecture.input_modalities", ["text", "image", "file", "audio", "video"], "modalities.input", [
      "text",
      "image",
      "file",
      "audio",
      "video",
    ]],
    ["architecture.output_modalities", ["text"], "modalities.output", ["text"]],
    ["architecture.tokenizer", "Gemini", "tokenizer", "Gemini"],
    ["architecture.instruct_type", null, "promptFormat", undefined],
    ["pricing.prompt", "0.0000005", "pricing.input", 0.5],
    ["pricing.completion", "0.000003", "pricing.output", 3],
    ["pricing.image", "0.0000005", "pricing.inputImage", 0.5],
    ["pricing.audio", "0.000001", "pricing.inputAudio", 1],
    ["pricing.web_search", "0.014", "pricing.webSearch", 14],
    ["pricing.internal_reasoning", "0.000003", "pricing.reasoning", 3],
    ["pricing.input_cache_read", "0.00000005", "pricing.cacheRead", 0.05],
    ["pricing.input_cache_write", "0.00000008333333333333334", "pricing.cacheWrite", 0.08333333333333334],
    ["supported_parameters", params, "params", params],
    ["supported_parameters", params, "capabilities", {
      reasoning: true,
      toolCalls: true,
      structuredOutput: true,
      temperature: true,
    }],
    // Every default is null: nothing is stated.
    ["default_parameters.temperature", null, "defaults", undefined],
    ["default_parameters.top_p", null, "-", undefined],
    ["default_parameters.top_k", null, "-", undefined],
    ["default_parameters.frequency_penalty", null, "-", undefined],
    ["default_parameters.presence_penalty", null, "-", undefined],
    ["default_parameters.repetition_penalty", null, "-", undefined],
    ["knowledge_cutoff", null, "knowledgeCutoff", undefined],
    ["expiration_date", null, "lifecycle", undefined],
    ["per_request_limits", null, "limits.input", undefined],
    ["created", 1765987078, "releaseDate", undefined],
    ["(key)", undefined, "provider", "openrouter"],
  ], OPENROUTER_FIELDS_LEFT_OUT);
});
