/**
 * What every list-models protocol provides: its auth headers, how it pages, and how a page translates into
 * catalog records.
 *
 * @module
 */
import type { OfferingRecord } from "../../catalog/schema.ts";
import type { LinkHints } from "../source.ts";
import type { HttpClient } from "../../http/client.ts";
import { compact } from "../models_dev/translate.ts";
import type { ListedModel } from "./payloads.ts";

/** The list-models protocols starmap speaks. */
export type ProviderProtocol = "openai" | "anthropic" | "google" | "openrouter";

/** What a protocol needs to fetch one provider's list. */
export interface ListRequest {
  /** The HTTP client. */
  http: HttpClient;
  /** The provider id (the source id in messages and the breaker). */
  provider: string;
  /** The full list-models URL (`<base>/models`). */
  url: string;
  /** The API key, when there is one. */
  apiKey: string | undefined;
  /** The variable the key comes from, named in 401/403 messages. */
  keyEnv: string | undefined;
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
  /** Translates raw pages into model records of a provider. */
  translate(provider: string, pages: readonly unknown[]): OfferingRecord[];
  /** The explicit links to models that the pages state, by offering key (gateways that name the model). */
  hints?(provider: string, pages: readonly unknown[]): Record<string, LinkHints>;
}

/** The record of a model from what a list-models API tells about it. */
export function recordFromListing(provider: string, l: ListedModel): OfferingRecord {
  const limits = Object.keys(l.limits).length ? l.limits : undefined;
  return compact({
    id: l.id,
    provider,
    name: l.name,
    description: l.description,
    releaseDate: l.releaseDate,
    lifecycle: l.status ? { status: l.status } : undefined,
    limits,
    capabilities: l.reasoning === undefined ? undefined : { reasoning: l.reasoning },
  });
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
