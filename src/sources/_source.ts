/**
 * The one interface every catalog source implements: it does I/O and translation only, never reconciliation.
 *
 * @module
 */
import type { AuthorRecord, ModelRecord, OfferingRecord, ProviderRecord } from "../catalog/types.gen.ts";
import type { LinkHints } from "./_link_input.ts";

export type { LinkHints };

/** The kinds of source, each with its own default authority. */
export type SourceKind = "embedded" | "local" | "models_dev" | "provider_api" | "litellm";

/** What a source fetch gets from the sync pipeline. */
export interface SourceFetchOptions {
  /** Cancels the fetch (timeout, Ctrl-C, first fatal error). */
  signal: AbortSignal;
  /** Limit the fetch to these provider ids where the source can (provider APIs fetch only these). */
  providers?: readonly string[] | undefined;
}

/** What a source knows, translated into catalog records. */
export interface SourceResult {
  /** Providers the source knows (partial records merge by id). */
  providers: ProviderRecord[];
  /** Authors the source knows (partial records merge by id). */
  authors: AuthorRecord[];
  /** Offerings the source knows (partial records merge by `provider/id`). */
  offerings: OfferingRecord[];
  /** Author-level models the source knows (partial records merge by `author/slug`). */
  models?: ModelRecord[] | undefined;
  /** Explicit links to models that the source states, by offering key `provider/id`. */
  hints?: Record<string, LinkHints> | undefined;
  /** Provider ids whose complete model list this result holds: the source is authoritative for their existence. */
  complete: string[];
  /** Things worth telling the user (a provider skipped for lack of a key, a dangling link skipped, …). */
  notes: string[];
}

/** A catalog source. */
export interface Source {
  /** A stable id: `embedded`, `local`, `models.dev`, `models.dev-archive`, `litellm`, or a provider id. */
  readonly id: string;
  /** What kind of source it is. */
  readonly kind: SourceKind;
  /** Fetches and translates. Throws a `StarmapError` (`network`, `invalid`, …) when the source fails. */
  fetch(options: SourceFetchOptions): Promise<SourceResult>;
  /** Releases what the source holds (temporary files, connections). */
  cleanup?(): Promise<void>;
}
