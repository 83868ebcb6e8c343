/**
 * The OpenAI-shaped list-models protocol (`GET <base>/models`, `Authorization: Bearer`), spoken by OpenAI, Groq,
 * DeepSeek, Cerebras, Mistral, xAI, DeepInfra, Fireworks, Together, Moonshot, Hetzner, DashScope, vLLM, llama.cpp,
 * LM Studio and every other OpenAI-compatible server. Together answers with a bare array instead of `{data}`.
 *
 * @module
 */
import { z } from "zod";
import { StarmapError } from "../../errors.ts";
import { fieldPath } from "../../words/mod.ts";
import { readEntries } from "./_entries.ts";
import { fromOpenAI, OpenAIModel } from "./_openai_payload.ts";
import { type ListRequest, type Protocol, withKey } from "./_protocol.ts";

/** Fails with a per-source error naming the first problem of an unexpected payload. */
export function payloadError(provider: string, error: z.ZodError): StarmapError {
  const i = error.issues[0];
  return new StarmapError(
    "network",
    `cannot read source "${provider}": unexpected list-models payload (${i ? fieldPath(i.path) : "(root)"}: ${
      i?.message ?? "invalid"
    })`,
  );
}

/** An OpenAI-shaped list-models response: `{data: [...]}`, or a bare array. */
export const OpenAIList = z.union([
  z.looseObject({ data: z.array(z.unknown()) }),
  z.array(z.unknown()),
]);

/** The raw entries of one OpenAI-shaped page. */
export function openaiEntries(provider: string, page: unknown): unknown[] {
  const parsed = OpenAIList.safeParse(page);
  if (!parsed.success) throw payloadError(provider, parsed.error);
  return Array.isArray(parsed.data) ? parsed.data : parsed.data.data;
}

/** The OpenAI-shaped protocol. */
export const openaiProtocol: Protocol = {
  keyOptional: false,
  async pages(r: ListRequest): Promise<unknown[]> {
    const { value } = await r.http.getJson(r.url, {
      source: r.provider,
      signal: r.signal,
      keyEnv: r.keyEnv,
      headers: withKey({}, "authorization", r.apiKey ? `Bearer ${r.apiKey}` : undefined),
    });
    return [value];
  },
  translate(provider, pages) {
    const entries = pages.flatMap((page) => openaiEntries(provider, page));
    return readEntries(provider, entries, OpenAIModel, (m) => fromOpenAI(provider, m));
  },
};
