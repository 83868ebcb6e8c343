/**
 * Google AI Studio's list-models protocol: `x-goog-api-key` header, pages with `pageSize` and `pageToken` while
 * `nextPageToken` comes back.
 *
 * @module
 */
import { StarmapError } from "../../errors.ts";
import { payloadError } from "./openai_compatible.ts";
import { fromGoogle, GoogleList } from "./payloads.ts";
import { type ListRequest, type Protocol, recordFromListing, withKey } from "./protocol.ts";

/** Google AI Studio's protocol. */
export const googleProtocol: Protocol = {
  keyOptional: false,
  async pages(r: ListRequest): Promise<unknown[]> {
    const pages: unknown[] = [];
    let token: string | undefined;
    for (let n = 0; n < r.maxPages; n++) {
      const url = new URL(r.url);
      url.searchParams.set("pageSize", String(r.pageSize));
      if (token) url.searchParams.set("pageToken", token);
      const { value } = await r.http.getJson(url.toString(), {
        source: r.provider,
        signal: r.signal,
        keyEnv: r.keyEnv,
        headers: withKey({}, "x-goog-api-key", r.apiKey),
      });
      pages.push(value);
      const page = GoogleList.safeParse(value);
      if (!page.success) throw payloadError(r.provider, page.error);
      if (!page.data.nextPageToken) return pages;
      token = page.data.nextPageToken;
    }
    throw new StarmapError("network", `cannot fetch source "${r.provider}": more than ${r.maxPages} pages`);
  },
  translate(provider, pages) {
    return pages.flatMap((page) => {
      const parsed = GoogleList.safeParse(page);
      if (!parsed.success) throw payloadError(provider, parsed.error);
      return parsed.data.models.map((m) => recordFromListing(provider, fromGoogle(m)));
    });
  },
};
