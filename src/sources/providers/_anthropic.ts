/**
 * Anthropic's list-models protocol: `x-api-key` and `anthropic-version` headers, pages with `limit` and
 * `after_id` while `has_more`.
 *
 * @module
 */
import { readEntries } from "./_entries.ts";
import { payloadError } from "./_openai_compatible.ts";
import { AnthropicList, AnthropicModel, fromAnthropic } from "./_anthropic_payload.ts";
import { readPages } from "./_paging.ts";
import { type ListRequest, type Protocol, withKey } from "./_protocol.ts";

/** The API version header value starmap speaks. */
export const ANTHROPIC_VERSION = "2023-06-01";

function page(provider: string, value: unknown) {
  const parsed = AnthropicList.safeParse(value);
  if (!parsed.success) throw payloadError(provider, parsed.error);
  return parsed.data;
}

/** Anthropic's protocol. */
export const anthropicProtocol: Protocol = {
  keyOptional: false,
  pages(r: ListRequest): Promise<unknown[]> {
    return readPages(r, {
      query: (after, size) => ({ limit: String(size), ...(after ? { after_id: after } : {}) }),
      next: (value) => {
        const p = page(r.provider, value);
        return p.has_more && p.last_id ? p.last_id : undefined;
      },
      headers: withKey({ "anthropic-version": ANTHROPIC_VERSION }, "x-api-key", r.apiKey),
    });
  },
  translate(provider, pages) {
    const entries = pages.flatMap((p) => page(provider, p).data);
    return readEntries(provider, entries, AnthropicModel, (m) => fromAnthropic(provider, m));
  },
};
