/**
 * Anthropic's list-models protocol: `x-api-key` and `anthropic-version` headers, pages with `limit` and
 * `after_id` while `has_more`.
 *
 * @module
 */
import { StarmapError } from "../../errors.ts";
import { payloadError } from "./openai_compatible.ts";
import { AnthropicList, fromAnthropic } from "./payloads.ts";
import { type ListRequest, type Protocol, recordFromListing, withKey } from "./protocol.ts";

/** The API version header value starmap speaks. */
export const ANTHROPIC_VERSION = "2023-06-01";

/** Anthropic's protocol. */
export const anthropicProtocol: Protocol = {
  keyOptional: false,
  async pages(r: ListRequest): Promise<unknown[]> {
    const pages: unknown[] = [];
    let after: string | undefined;
    for (let n = 0; n < r.maxPages; n++) {
      const url = new URL(r.url);
      url.searchParams.set("limit", String(r.pageSize));
      if (after) url.searchParams.set("after_id", after);
      const { value } = await r.http.getJson(url.toString(), {
        source: r.provider,
        signal: r.signal,
        keyEnv: r.keyEnv,
        headers: withKey({ "anthropic-version": ANTHROPIC_VERSION }, "x-api-key", r.apiKey),
      });
      pages.push(value);
      const page = AnthropicList.safeParse(value);
      if (!page.success) throw payloadError(r.provider, page.error);
      if (!page.data.has_more || !page.data.last_id) return pages;
      after = page.data.last_id;
    }
    throw new StarmapError("network", `cannot fetch source "${r.provider}": more than ${r.maxPages} pages`);
  },
  translate(provider, pages) {
    return pages.flatMap((page) => {
      const parsed = AnthropicList.safeParse(page);
      if (!parsed.success) throw payloadError(provider, parsed.error);
      return parsed.data.data.map((m) => recordFromListing(provider, fromAnthropic(m)));
    });
  },
};
