/**
 * The `embedded` source: the catalog shipped inside starmap, as records. It is the baseline every other source
 * refines; it is complete for no provider (existence is decided by sources that actually list models).
 *
 * @module
 */
import { embeddedCatalogData } from "../catalog/mod.ts";
import type { CatalogData } from "../catalog/types.gen.ts";
import type { Source, SourceFetchOptions, SourceResult } from "./_source.ts";

/** Options of the {@link EmbeddedSource}. */
export interface EmbeddedSourceOptions {
  /** The catalog document to serve (tests, or a user's saved catalog). @default the embedded catalog */
  data?: CatalogData | undefined;
}

/** The shipped catalog. */
export class EmbeddedSource implements Source {
  /** `embedded`. */
  readonly id = "embedded";
  /** `embedded`. */
  readonly kind = "embedded" as const;
  readonly #data: CatalogData | undefined;

  /** Makes the source. */
  constructor(options: EmbeddedSourceOptions = {}) {
    this.#data = options.data;
  }

  /** Returns the shipped catalog's providers, authors and models (a fresh copy each time). */
  fetch(options: SourceFetchOptions): Promise<SourceResult> {
    const data = this.#data ? structuredClone(this.#data) : embeddedCatalogData();
    const only = options.providers ? new Set(options.providers) : undefined;
    return Promise.resolve({
      providers: data.providers,
      authors: data.authors,
      offerings: only ? data.offerings.filter((m) => only.has(m.provider)) : data.offerings,
      models: data.models,
      complete: [],
      notes: [],
    });
  }
}
