/**
 * Google AI Studio's list-models protocol: `x-goog-api-key` header, pages with `pageSize` and `pageToken` while
 * `nextPageToken` comes back.
 *
 * @module
 */
import { readEntries } from "./_entries.ts";
import { fromGoogle, GoogleList, GoogleModel } from "./_google_payload.ts";
import { payloadError } from "./_openai_compatible.ts";
import { readPages } from "./_paging.ts";
import { type ListRequest, type Protocol, withKey } from "./_protocol.ts";

function page(provider: string, value: unknown) {
  const parsed = GoogleList.safeParse(value);
  if (!parsed.success) throw payloadError(provider, parsed.error);
  return parsed.data;
}

/** The query of a `pageSize`/`pageToken` API (Google AI Studio, Vertex AI). */
export function pageTokenQuery(token: string | undefined, size: number): Record<string, string> {
  return { pageSize: String(size), ...(token ? { pageToken: token } : {}) };
}

/** Google AI Studio's protocol. */
export const googleProtocol: Protocol = {
  keyOptional: false,
  pages(r: ListRequest): Promise<unknown[]> {
    return readPages(r, {
      query: pageTokenQuery,
      next: (value) => page(r.provider, value).nextPageToken || undefined,
      headers: withKey({}, "x-goog-api-key", r.apiKey),
    });
  },
  translate(provider, pages) {
    const entries = pages.flatMap((p) => page(provider, p).models);
    return readEntries(provider, entries, GoogleModel, (m) => fromGoogle(provider, m));
  },
};
