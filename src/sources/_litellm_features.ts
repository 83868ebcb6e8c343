/**
 * What one LiteLLM entry says an offering can do: `mode` and `supported_endpoints` as operations, the `supports_*`
 * flags as capabilities and request parameters, and the modality lists. Every flag is three-valued: a flag the
 * entry does not carry stays unknown, never `false`.
 *
 * @module
 */
import type { Capabilities, Modalities, Modality, Operation, ReasoningOption } from "../catalog/types.gen.ts";
import { LITELLM_MODES } from "../pricing/mod.ts";
import { MODALITIES } from "../words/mod.ts";
import { compact } from "./_compact.ts";
import { flagOf, type LiteLLMEntry } from "./_litellm_entry.ts";

/** LiteLLM modes and the catalog operation each one is. */
const OPERATION_OF: Readonly<Record<string, Operation>> = Object.fromEntries(
  Object.entries(LITELLM_MODES).map(([operation, mode]) => [mode, operation as Operation]),
);

/** OpenAI-style endpoints LiteLLM lists and the operation each one serves (`/v1/batch` is a price, not one). */
const ENDPOINT_OPERATION: Readonly<Record<string, Operation>> = {
  "/v1/chat/completions": "chat",
  "/v1/responses": "responses",
  "/v1/completions": "completion",
  "/v1/embeddings": "embeddings",
  "/v1/images/generations": "image_generation",
  "/v1/images/edits": "image_edit",
  "/v1/audio/transcriptions": "audio_transcription",
  "/v1/audio/speech": "audio_speech",
  "/v1/realtime": "realtime",
  "/v1/ocr": "ocr",
};

/** The operations of an entry: its mode and its listed endpoints. */
export function operationsOf(e: LiteLLMEntry): Operation[] | undefined {
  const out = new Set<Operation>();
  const mode = e.mode ? OPERATION_OF[e.mode] : undefined;
  if (mode) out.add(mode);
  if (flagOf(e, "supports_nova_canvas_image_edit")) out.add("image_edit");
  for (const endpoint of e.supported_endpoints ?? []) {
    const op = ENDPOINT_OPERATION[endpoint];
    if (op) out.add(op);
  }
  return out.size ? [...out].sort() : undefined;
}

/** Flags and the request parameter each one names (only `true` adds a parameter). */
const PARAM_FLAGS: readonly [string, string][] = [
  ["supports_function_calling", "tools"],
  ["supports_tool_choice", "tool_choice"],
  ["supports_parallel_function_calling", "parallel_tool_calls"],
  ["supports_response_schema", "response_format"],
  ["supports_native_structured_output", "response_format"],
  ["supports_reasoning", "reasoning_effort"],
  ["supports_web_search", "web_search_options"],
  // LiteLLM names parameters as OpenAI sends them; Anthropic's `disable_parallel_tool_use` is this one.
  ["supports_parallel_tool_use_config", "parallel_tool_calls"],
  ["supports_output_config", "output_config"],
  ["supports_speed", "speed"],
  ["supports_image_size", "image_size"],
];

/** The request parameters the `supports_*` flags name. */
export function paramsOf(e: LiteLLMEntry): string[] | undefined {
  const out = new Set<string>();
  for (const [flag, param] of PARAM_FLAGS) if (flagOf(e, flag)) out.add(param);
  if (flagOf(e, "supports_sampling_params")) { for (const p of ["temperature", "top_p"]) out.add(p); }
  return out.size ? [...out].sort() : undefined;
}

/** Reasoning effort values beyond LiteLLM's default `low`/`medium`/`high`, each behind its own flag. */
const EFFORT_FLAGS = ["none", "minimal", "low", "xhigh", "max"] as const;

const EFFORT_ORDER = ["none", "minimal", "low", "medium", "high", "xhigh", "max"];

/**
 * The effort values an entry accepts, when it names any (`supports_<value>_reasoning_effort`, and Bedrock's
 * `bedrock_output_config_effort_ceiling`, the highest effort it takes).
 */
function effortOption(e: LiteLLMEntry): ReasoningOption[] | undefined {
  const flags = EFFORT_FLAGS.map((v) => [v, flagOf(e, `supports_${v}_reasoning_effort`)] as const);
  const ceiling = EFFORT_ORDER.indexOf(e.bedrock_output_config_effort_ceiling ?? "");
  if (flags.every(([, f]) => f === undefined) && ceiling < 0) return undefined;
  const values = new Set(["low", "medium", "high"]);
  for (const [value, f] of flags) {
    if (f) values.add(value);
    else if (f === false) values.delete(value);
  }
  if (ceiling >= 0) values.add(EFFORT_ORDER[ceiling]!);
  const allowed = EFFORT_ORDER.filter((v, i) => values.has(v) && (ceiling < 0 || i <= ceiling));
  return [{ type: "effort", values: allowed }];
}

/** How reasoning is steered: effort values, and adaptive thinking where the entry says so. */
function reasoningOptions(e: LiteLLMEntry): ReasoningOption[] | undefined {
  const out = [...(effortOption(e) ?? [])];
  if (flagOf(e, "supports_adaptive_thinking")) out.push({ type: "adaptive" });
  return out.length ? out : undefined;
}

/** The capabilities the flags state; a flag that is absent stays unknown. */
export function capabilitiesOf(e: LiteLLMEntry): Partial<Capabilities> | undefined {
  const structured = [flagOf(e, "supports_response_schema"), flagOf(e, "supports_native_structured_output")];
  const caps = compact({
    toolCalls: flagOf(e, "supports_function_calling"),
    reasoning: flagOf(e, "supports_reasoning"),
    reasoningOptions: reasoningOptions(e),
    structuredOutput: structured.includes(true) ? true : structured.includes(false) ? false : undefined,
    attachments: flagOf(e, "supports_pdf_input"),
    temperature: flagOf(e, "supports_sampling_params"),
    promptCaching: flagOf(e, "supports_prompt_caching"),
    webSearch: flagOf(e, "supports_web_search"),
    urlContext: flagOf(e, "supports_url_context"),
    computerUse: flagOf(e, "supports_computer_use"),
    systemMessages: flagOf(e, "supports_system_messages"),
    midConversationSystem: flagOf(e, "supports_mid_conversation_system"),
    assistantPrefill: flagOf(e, "supports_assistant_prefill"),
    streaming: flagOf(e, "supports_native_streaming"),
  });
  return Object.keys(caps).length ? caps : undefined;
}

const known = new Set<string>(MODALITIES);

function modalityList(list: readonly string[]): Modality[] {
  return [...new Set(list.filter((m): m is Modality => known.has(m)))];
}

/** Input modalities the flags name, after text (only `true` adds one). */
const INPUT_FLAGS: readonly [string, Modality][] = [
  ["supports_vision", "image"],
  ["supports_image_input", "image"],
  ["supports_embedding_image_input", "image"],
  ["supports_audio_input", "audio"],
  ["supports_video_input", "video"],
  ["supports_pdf_input", "pdf"],
];

/**
 * The modalities of an entry: the lists LiteLLM publishes, else what the flags add to text. Without a list and
 * without a `true` flag nothing is said (a text-only list would claim what the entry does not).
 */
export function modalitiesOf(e: LiteLLMEntry): Partial<Modalities> | undefined {
  const flagged = INPUT_FLAGS.filter(([flag]) => flagOf(e, flag)).map(([, m]) => m);
  const input = e.supported_modalities
    ? modalityList(e.supported_modalities)
    : flagged.length
    ? modalityList(["text", ...flagged])
    : undefined;
  const output = e.supported_output_modalities
    ? modalityList(e.supported_output_modalities)
    : flagOf(e, "supports_audio_output")
    ? ["text", "audio"] as Modality[]
    : undefined;
  const out = compact({
    input: input?.length ? input : undefined,
    output: output?.length ? output : undefined,
  });
  return Object.keys(out).length ? out : undefined;
}
