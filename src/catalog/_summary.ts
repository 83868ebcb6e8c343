/**
 * Provider and author summaries: a record with what the catalog counts for it, built here once for every face
 * (`providers list`, `authors list`, `GET /providers`, `GET /authors`).
 *
 * @module
 */
import { z } from "zod";
import type { Catalog } from "./_catalog.ts";
import { Author, Provider } from "./_schema.ts";
import type * as Types from "./types.gen.ts";

const count = z.number().int().nonnegative();

/** A provider with the number of offerings it serves. */
export const ProviderSummary = Provider.extend({ modelCount: count });
/** A provider with the number of offerings it serves. */
export type ProviderSummary = Types.ProviderSummary;

/** An author with the number of models it made and the providers serving them (offerings per provider). */
export const AuthorSummary = Author.extend({
  modelCount: count,
  providerCount: count,
  providers: z.record(z.string(), count),
});
/** An author with the number of models it made and the providers serving them (offerings per provider). */
export type AuthorSummary = Types.AuthorSummary;

/**
 * The summary of a provider (an id or alias).
 *
 * @throws {StarmapError} `not_found` with the nearest ids.
 * @example
 * ```ts
 * providerSummary(catalog, "openai").modelCount;
 * ```
 */
export function providerSummary(catalog: Catalog, id: string): ProviderSummary {
  const provider = catalog.resolveProvider(id);
  return { ...provider, modelCount: catalog.offeringsByProvider(provider.id).length };
}

/**
 * The summary of an author.
 *
 * @throws {StarmapError} `not_found` with the nearest ids.
 * @example
 * ```ts
 * authorSummary(catalog, "anthropic").providers; // { anthropic: 12, "amazon-bedrock": 9, … }
 * ```
 */
export function authorSummary(catalog: Catalog, id: string): AuthorSummary {
  const author = catalog.resolveAuthor(id);
  const providers = catalog.authorProviders(author.id);
  return {
    ...author,
    modelCount: catalog.modelsByAuthor(author.id).length,
    providerCount: providers.size,
    providers: Object.fromEntries(providers),
  };
}
