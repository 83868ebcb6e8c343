/**
 * The provider APIs starmap knows out of the box: protocol, base URL, the key variables each provider documents
 * (in the order its SDK reads them) and the shape of its keys. Any other provider whose catalog entry declares a
 * list-models endpoint (or that the user's config declares) is spoken to the same way with the catalog's facts.
 *
 * @module
 */
import type { ProviderProtocol } from "./_protocol.ts";

/** A provider-specific setting read from the environment (Vertex's project, Azure's endpoint, …). */
export interface ParamSpec {
  /** The variables that may hold it, in order. */
  env: readonly string[];
  /** The value when none is set. */
  default?: string;
}

/** How to reach one provider's list-models API. */
export interface ProviderEndpoint {
  /** The display name. */
  name: string;
  /**
   * The API base URL, or how to build it from the provider's params (`undefined` when a param it needs is
   * missing; `needs` then says which).
   */
  baseUrl: string | ((params: Readonly<Record<string, string>>) => string | undefined);
  /** What to set when `baseUrl` cannot be built. */
  needs?: string;
  /** The protocol. */
  protocol: ProviderProtocol;
  /** The path of the list under the base URL. @default "/models" */
  path?: string;
  /** The documented key variables, in order (the first is named in messages). */
  keyEnv: readonly string[];
  /** The shape keys of this provider have; a key of another shape is reported, not refused. */
  keyPattern?: RegExp;
  /** How the shape reads in a message (`sk-ant-…`). */
  keyShape?: string;
  /** The key variable names a file holding the credentials (Vertex), not the key itself. */
  keyIsFile?: boolean;
  /** Provider-specific settings by name. */
  params?: Readonly<Record<string, ParamSpec>>;
  /** The provider joins the default `providers` set only when one of these is set (or it is configured). */
  optInEnv?: readonly string[];
}

const bearer = (name: string, baseUrl: string, keyEnv: string[], pattern?: [RegExp, string]) => ({
  name,
  baseUrl,
  protocol: "openai" as const,
  keyEnv,
  ...(pattern ? { keyPattern: pattern[0], keyShape: pattern[1] } : {}),
});

const skKey: [RegExp, string] = [/^sk-[A-Za-z0-9_-]{16,}$/, "sk-…"];

/** Ollama's `OLLAMA_HOST` rules: scheme `http` and port 11434 unless given; `0.0.0.0` means this machine. */
function ollamaBase(params: Readonly<Record<string, string>>): string {
  const raw = params.host ?? "127.0.0.1:11434";
  const hasScheme = /^https?:\/\//.test(raw);
  const url = new URL(hasScheme ? raw : `http://${raw}`);
  if (!hasScheme && !url.port) url.port = "11434";
  if (url.hostname === "0.0.0.0") url.hostname = "127.0.0.1";
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** The built-in provider APIs by provider id (ids as the catalog names them). */
export const KNOWN_PROVIDERS: Readonly<Record<string, ProviderEndpoint>> = {
  openai: bearer("OpenAI", "https://api.openai.com/v1", ["OPENAI_API_KEY"], [
    /^sk-[A-Za-z0-9_-]{20,}$/,
    "sk-…",
  ]),
  anthropic: {
    name: "Anthropic",
    baseUrl: "https://api.anthropic.com/v1",
    protocol: "anthropic",
    keyEnv: ["ANTHROPIC_API_KEY"],
    keyPattern: /^sk-ant-[A-Za-z0-9_-]{20,}$/,
    keyShape: "sk-ant-…",
  },
  google: {
    name: "Google AI Studio",
    baseUrl: "https://generativelanguage.googleapis.com/v1beta",
    protocol: "google",
    keyEnv: ["GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_GENERATIVE_AI_API_KEY"],
    keyPattern: /^AIza[0-9A-Za-z_-]{35}$/,
    keyShape: "AIza… (39 characters)",
  },
  "google-vertex": {
    name: "Google Vertex AI",
    baseUrl: (p) =>
      p.location === "global"
        ? "https://aiplatform.googleapis.com/v1beta1"
        : `https://${p.location}-aiplatform.googleapis.com/v1beta1`,
    protocol: "vertex",
    path: "/publishers/google/models",
    keyEnv: ["GOOGLE_APPLICATION_CREDENTIALS"],
    keyIsFile: true,
    params: {
      project: { env: ["GOOGLE_VERTEX_PROJECT", "GOOGLE_CLOUD_PROJECT", "GCLOUD_PROJECT"] },
      location: { env: ["GOOGLE_VERTEX_LOCATION", "GOOGLE_CLOUD_LOCATION"], default: "us-central1" },
    },
  },
  azure: {
    name: "Azure OpenAI",
    baseUrl: (p) =>
      p.endpoint
        ? `${p.endpoint.replace(/\/+$/, "").replace(/\/openai$/, "")}/openai`
        : p.resource
        ? `https://${p.resource}.openai.azure.com/openai`
        : undefined,
    needs: "AZURE_OPENAI_ENDPOINT or AZURE_RESOURCE_NAME",
    protocol: "azure",
    keyEnv: ["AZURE_OPENAI_API_KEY", "AZURE_API_KEY"],
    keyPattern: /^[A-Za-z0-9]{32}$|^[A-Za-z0-9]{84}$/,
    keyShape: "32 or 84 letters and digits",
    params: {
      endpoint: { env: ["AZURE_OPENAI_ENDPOINT"] },
      resource: { env: ["AZURE_RESOURCE_NAME", "AZURE_OPENAI_RESOURCE_NAME"] },
      apiVersion: { env: ["AZURE_OPENAI_API_VERSION", "OPENAI_API_VERSION"] },
    },
  },
  mistral: bearer("Mistral", "https://api.mistral.ai/v1", ["MISTRAL_API_KEY"], [
    /^[A-Za-z0-9]{32}$/,
    "32 letters and digits",
  ]),
  xai: bearer("xAI", "https://api.x.ai/v1", ["XAI_API_KEY"], [/^xai-[A-Za-z0-9]{20,}$/, "xai-…"]),
  groq: bearer("Groq", "https://api.groq.com/openai/v1", ["GROQ_API_KEY"], [
    /^gsk_[A-Za-z0-9]{20,}$/,
    "gsk_…",
  ]),
  deepseek: bearer("DeepSeek", "https://api.deepseek.com", ["DEEPSEEK_API_KEY"], skKey),
  cerebras: bearer("Cerebras", "https://api.cerebras.ai/v1", ["CEREBRAS_API_KEY"], [
    /^csk-[A-Za-z0-9]{20,}$/,
    "csk-…",
  ]),
  deepinfra: bearer("DeepInfra", "https://api.deepinfra.com/v1/openai", [
    "DEEPINFRA_API_KEY",
    "DEEPINFRA_TOKEN",
  ]),
  "fireworks-ai": bearer("Fireworks", "https://api.fireworks.ai/inference/v1", ["FIREWORKS_API_KEY"], [
    /^fw_[A-Za-z0-9]{16,}$/,
    "fw_…",
  ]),
  togetherai: bearer("Together", "https://api.together.xyz/v1", ["TOGETHER_API_KEY", "TOGETHER_AI_API_KEY"], [
    /^(tgp_v1_[A-Za-z0-9_-]{20,}|[a-f0-9]{64})$/,
    "tgp_v1_… or 64 hex digits",
  ]),
  moonshotai: bearer("Moonshot AI", "https://api.moonshot.ai/v1", ["MOONSHOT_API_KEY"], skKey),
  "moonshotai-cn": bearer("Moonshot AI (China)", "https://api.moonshot.cn/v1", ["MOONSHOT_API_KEY"], skKey),
  hetzner: bearer("Hetzner Inference", "https://inference.hetzner.com/v1", [
    "HETZNER_INFERENCE_TOKEN",
    "HETZNER_API_KEY",
  ]),
  alibaba: bearer("Alibaba DashScope", "https://dashscope-intl.aliyuncs.com/compatible-mode/v1", [
    "DASHSCOPE_API_KEY",
  ], skKey),
  "alibaba-cn": bearer("Alibaba DashScope (China)", "https://dashscope.aliyuncs.com/compatible-mode/v1", [
    "DASHSCOPE_API_KEY",
  ], skKey),
  openrouter: {
    name: "OpenRouter",
    baseUrl: "https://openrouter.ai/api/v1",
    protocol: "openrouter",
    keyEnv: ["OPENROUTER_API_KEY"],
    keyPattern: /^sk-or-[A-Za-z0-9-]{20,}$/,
    keyShape: "sk-or-…",
  },
  ollama: {
    name: "Ollama (local)",
    baseUrl: ollamaBase,
    protocol: "ollama",
    path: "/api/tags",
    keyEnv: [],
    params: { host: { env: ["OLLAMA_HOST"] } },
    optInEnv: ["OLLAMA_HOST"],
  },
};

/** The variable that overrides a provider's base URL: `STARMAP_<ID>_BASE_URL`, id upper-cased, `-`/`.` → `_`. */
export function baseUrlEnv(providerId: string): string {
  return `STARMAP_${envName(providerId)}_BASE_URL`;
}

/** starmap's own key variable of a provider: `STARMAP_<ID>_API_KEY`. */
export function starmapKeyEnv(providerId: string): string {
  return `STARMAP_${envName(providerId)}_API_KEY`;
}

function envName(providerId: string): string {
  return providerId.toUpperCase().replace(/[^A-Z0-9]/g, "_");
}
