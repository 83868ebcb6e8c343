/**
 * What every list-models protocol provides: its auth headers, how it pages, and how a page translates into
 * catalog records.
 *
 * @module
 */
import type { LinkHints } from "../_source.ts";
import type { HttpClient } from "../../http/mod.ts";
import type { Translated } from "./_entries.ts";
import { PROVIDER_PROTOCOLS } from "../../words/mod.ts";

/** The list-models protocols starmap speaks. */
export type ProviderProtocol = typeof PROVIDER_PROTOCOLS[number];

export { PROVIDER_PROTOCOLS };

/** What a protocol needs to fetch one provider's list. */
export interface ListRequest {
  /** The HTTP client. */
  http: HttpClient;
  /** The provider id (the source id in messages and the breaker). */
  provider: string;
  /** The full list-models URL (`<base>/models`). */
  url: string;
  /** The API key (for Vertex: the credentials JSON), when there is one. */
  apiKey: string | undefined;
  /** Where the key comes from (a variable name or `file:…`), named in 401/403 messages. */
  keyEnv: string | undefined;
  /** Provider-specific settings: `project`, `location` (Vertex), `apiVersion` (Azure). */
  params: Readonly<Record<string, string>>;
  /** Cancels the fetch. */
  signal: AbortSignal;
  /** Page size for paged protocols. */
  pageSize: number;
  /** The most pages read before giving up (a loop guard). */
  maxPages: number;
}

/** A list-models protocol. */
export interface Protocol {
  /** Whether the list can be read without a key. */
  readonly keyOptional: boolean;
  /** Fetches every page and returns the raw payloads, in order. */
  pages(request: ListRequest): Promise<unknown[]>;
  /** Translates raw pages into offering records of a provider, with notes on skipped or repeated entries. */
  translate(provider: string, pages: readonly unknown[]): Translated;
  /** The explicit links to models that the pages state, by offering key (gateways that name the model). */
  hints?(provider: string, pages: readonly unknown[]): Record<string, LinkHints>;
}

/** Joins a base URL and a path (`https://api.x.ai/v1` + `/models`). */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

/** The headers of a request with an optional key in the given header. */
export function withKey(
  headers: Record<string, string>,
  name: string,
  key: string | undefined,
): Record<string, string> {
  return key ? { ...headers, [name]: key } : headers;
}
