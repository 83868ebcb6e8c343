/**
 * The OpenAI-shaped list-models protocol (`GET <base>/models`, `Authorization: Bearer`), spoken by OpenAI, Groq,
 * DeepSeek, Cerebras, Mistral, xAI and every OpenAI-compatible provider.
 *
 * @module
 */
import { StarmapError } from "../../errors.ts";
import { fromOpenAI, OpenAIList } from "./payloads.ts";
import { type ListRequest, type Protocol, recordFromListing, withKey } from "./protocol.ts";
import { fieldPath } from "../../catalog/validate.ts";
import type { z } from "zod";

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
    return pages.flatMap((page) => {
      const parsed = OpenAIList.safeParse(page);
      if (!parsed.success) throw payloadError(provider, parsed.error);
      return parsed.data.data.map((m) => recordFromListing(provider, fromOpenAI(m)));
    });
  },
};
