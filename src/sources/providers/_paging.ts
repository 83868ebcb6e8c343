/**
 * The one paging loop of the token-paged list APIs (Anthropic's `after_id`, Google's and Vertex's `pageToken`).
 *
 * @module
 */
import { StarmapError } from "../../errors.ts";
import type { ListRequest } from "./_protocol.ts";

/** How one paged API names its pages. */
export interface PagingRule {
  /** The query parameters of the page after `token` (no token: the first page). */
  query(token: string | undefined, pageSize: number): Record<string, string>;
  /** The token of the next page, or `undefined` on the last one. */
  next(page: unknown): string | undefined;
  /** The request headers (auth). */
  headers: Record<string, string>;
}

/** Reads pages until the API says there are no more, or fails past `maxPages`. */
export async function readPages(r: ListRequest, rule: PagingRule): Promise<unknown[]> {
  const pages: unknown[] = [];
  let token: string | undefined;
  for (let n = 0; n < r.maxPages; n++) {
    const url = new URL(r.url);
    for (const [k, v] of Object.entries(rule.query(token, r.pageSize))) url.searchParams.set(k, v);
    const { value } = await r.http.getJson(url.toString(), {
      source: r.provider,
      signal: r.signal,
      keyEnv: r.keyEnv,
      headers: rule.headers,
    });
    pages.push(value);
    const next = rule.next(value);
    if (!next || next === token) return pages;
    token = next;
  }
  throw new StarmapError("network", `cannot fetch source "${r.provider}": more than ${r.maxPages} pages`);
}
