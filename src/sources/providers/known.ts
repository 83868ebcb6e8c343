/**
 * The provider APIs starmap knows out of the box: base URL, protocol and key variable. Any other provider whose
 * catalog entry declares an OpenAI-compatible endpoint (or that the user's config declares) is spoken to the same
 * way.
 *
 * @module
 */
import type { ProviderProtocol } from "./protocol.ts";

/** How to reach one provider's list-models API. */
export interface ProviderEndpoint {
  /** The API base URL (`https://api.openai.com/v1`). */
  baseUrl: string;
  /** The protocol. */
  protocol: ProviderProtocol;
  /** The path of the list under the base URL. @default "/models" */
  path?: string | undefined;
  /** The environment variable holding the key. */
  keyEnv: string;
}

/** The built-in provider APIs by provider id. */
export const KNOWN_PROVIDERS: Readonly<Record<string, ProviderEndpoint>> = {
  openai: { baseUrl: "https://api.openai.com/v1", protocol: "openai", keyEnv: "OPENAI_API_KEY" },
  anthropic: { baseUrl: "https://api.anthropic.com/v1", protocol: "anthropic", keyEnv: "ANTHROPIC_API_KEY" },
  google: {
    baseUrl: "https://generativelanguage.googleapis.com/v1beta",
    protocol: "google",
    keyEnv: "GOOGLE_GENERATIVE_AI_API_KEY",
  },
  groq: { baseUrl: "https://api.groq.com/openai/v1", protocol: "openai", keyEnv: "GROQ_API_KEY" },
  deepseek: { baseUrl: "https://api.deepseek.com", protocol: "openai", keyEnv: "DEEPSEEK_API_KEY" },
  cerebras: { baseUrl: "https://api.cerebras.ai/v1", protocol: "openai", keyEnv: "CEREBRAS_API_KEY" },
  mistral: { baseUrl: "https://api.mistral.ai/v1", protocol: "openai", keyEnv: "MISTRAL_API_KEY" },
  xai: { baseUrl: "https://api.x.ai/v1", protocol: "openai", keyEnv: "XAI_API_KEY" },
  openrouter: {
    baseUrl: "https://openrouter.ai/api/v1",
    protocol: "openrouter",
    keyEnv: "OPENROUTER_API_KEY",
  },
};

/** The variable that overrides a provider's base URL: `STARMAP_<ID>_BASE_URL`, id upper-cased, `-`/`.` → `_`. */
export function baseUrlEnv(providerId: string): string {
  return `STARMAP_${providerId.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_BASE_URL`;
}
