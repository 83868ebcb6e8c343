/**
 * What the server needs from the library: a current catalog snapshot, optionally a way to update it, and
 * optionally a feed of updates made elsewhere. The Starmap client implements this; tests and the CLI use
 * {@link SnapshotBackend}.
 *
 * @module
 */
import type { Catalog } from "../catalog/mod.ts";
import type { Changeset, Provenance } from "../reconcile/types.gen.ts";
import type { Generation } from "./_generation.ts";

/** What an update should cover: everything by default, or one provider, or some sources. */
export interface UpdateRequest {
  /** Only this provider's data. */
  provider?: string | undefined;
  /** Only these sources (by source id). */
  sources?: string[] | undefined;
}

/** The result of an update: the new snapshot (already swapped in) and the backend's own changeset. */
export interface UpdateOutcome {
  /** The snapshot now served; the same object as `snapshot()` returns after the update. */
  catalog: Catalog;
  /** The backend's description of the change (returned by `POST /update` as is); JSON-serialisable. */
  changeset?: unknown;
  /**
   * The sync pipeline's changeset from the previous snapshot to this one: model events are derived from it.
   * When absent, the server computes it with the same diff.
   */
  changes?: Changeset | undefined;
  /** The provenance of the new snapshot, when the update made one (a fleet publishes it with the generation). */
  provenance?: Provenance | undefined;
}

/** Called with each update a backend applies. */
export type UpdateListener = (outcome: UpdateOutcome) => void;

/** The library side of the server. */
export interface CatalogBackend {
  /** The snapshot to serve now, or `undefined` while none is loaded (the server then answers 503). */
  snapshot(): Catalog | undefined;
  /**
   * Updates the catalog, swaps the new snapshot in (one reference swap) and returns it. Absent when the backend
   * cannot update; `POST /update` and `--auto-update` then answer that updates are not available.
   */
  update?(request: UpdateRequest, signal: AbortSignal): Promise<UpdateOutcome>;
  /** Registers a listener for updates applied by anyone (including `update`); returns the unsubscribe. */
  subscribe?(listener: UpdateListener): () => void;
  /** The published generation served now (fleet and followers); without it one is made from the snapshot. */
  generation?(): Generation | undefined;
  /**
   * Whether this process should run scheduled updates now (in a fleet: only the lease holder, once per
   * interval). Absent means always.
   */
  shouldUpdate?(): boolean;
  /** The backend's health for `/ready` and `/metrics` (a fleet reports Redis and the lease). */
  status?(): BackendStatus;
}

/** What a backend reports about its health. */
export interface BackendStatus {
  /** `degraded` while a shared store (Redis) cannot be reached: the last generation is still served. */
  state: "ok" | "degraded";
  /** Who holds the update lease, when there is one. */
  leaseHolder?: string | null;
  /** Whether this process holds it. */
  isLeaseHolder?: boolean;
}

/** Makes the next snapshot for a {@link SnapshotBackend}. */
export type Refresh = (request: UpdateRequest, signal: AbortSignal) => Promise<UpdateOutcome>;

/** A {@link CatalogBackend} over an in-memory reference, with `replace` to swap in snapshots made elsewhere. */
export interface SnapshotBackend extends CatalogBackend {
  /** Swaps in a snapshot (one reference swap) and tells listeners. */
  replace(outcome: UpdateOutcome): void;
  /** Registers an update listener; returns the unsubscribe. */
  subscribe(listener: UpdateListener): () => void;
  /** How many listeners are registered (for leak checks). */
  listenerCount(): number;
}

/**
 * Makes a backend over an in-memory snapshot: `update` calls `refresh`, then swaps the reference and tells
 * listeners. Without `refresh` the backend cannot update.
 *
 * @example
 * ```ts
 * const backend = snapshotBackend(embeddedCatalog(), async () => ({ catalog: await reload() }));
 * ```
 */
export function snapshotBackend(catalog: Catalog | undefined, refresh?: Refresh): SnapshotBackend {
  let current = catalog;
  const listeners = new Set<UpdateListener>();
  const backend: SnapshotBackend = {
    snapshot: () => current,
    replace(outcome) {
      current = outcome.catalog;
      for (const listener of [...listeners]) listener(outcome);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    listenerCount: () => listeners.size,
  };
  if (refresh) {
    backend.update = async (request, signal) => {
      const outcome = await refresh(request, signal);
      backend.replace(outcome);
      return outcome;
    };
  }
  return backend;
}
