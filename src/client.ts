/**
 * The Starmap client: the current catalog snapshot, updates through the sync pipeline, model hooks and a
 * background auto-update timer. An update builds a new snapshot and swaps one reference, so readers holding the old
 * snapshot are never disturbed.
 *
 * @module
 */
import type { Catalog } from "./catalog/mod.ts";
import type { Source } from "./sources/mod.ts";
import {
  openCatalog,
  type Schedule,
  scheduleRuns,
  sync,
  type SyncHooks,
  type SyncOptions,
  type SyncResult,
} from "./sync/mod.ts";
import type { Model } from "./catalog/types.gen.ts";
import type { Changeset, FieldChange } from "./reconcile/types.gen.ts";
import type { ReconcileConfig } from "./config/types.gen.ts";

/** Makes the sources of a run (fresh ones each time, so caches and breakers follow the source's own rules). */
export type SourceFactory = () => readonly Source[] | Promise<readonly Source[]>;

/** Options of {@link Starmap.open}. */
export interface StarmapOptions {
  /** The user's catalog directory: the catalog is read from it and updates are saved to it. */
  catalogDir?: string | undefined;
  /** The sources of updates. @default none: `sync` needs sources given here or per call */
  sources?: readonly Source[] | SourceFactory | undefined;
  /** The reconcile section of the configuration. */
  reconcile?: ReconcileConfig | undefined;
  /** Save updates to `catalogDir`. When false, updates only swap the in-memory snapshot. @default true */
  persist?: boolean | undefined;
  /** Per-source fetch timeout in milliseconds. @default 60000 */
  timeoutMs?: number | undefined;
}

/** Options of one {@link Starmap.sync} call. */
export type StarmapSyncOptions =
  & Omit<
    SyncOptions,
    "sources" | "catalogDir" | "baseline" | "hooks" | "persist" | "reconcile"
  >
  & {
    /** Sources for this call only. @default the client's sources */
    sources?: readonly Source[] | undefined;
  };

/** Options of {@link Starmap.startAutoUpdate}. */
export interface AutoUpdateOptions {
  /** Options of each run. */
  sync?: StarmapSyncOptions;
  /** Run once right away. @default false */
  immediate?: boolean;
}

type Listener<A extends unknown[]> = (...args: A) => void | Promise<void>;

/**
 * The library's entry point to the catalog.
 *
 * @example
 * ```ts
 * const starmap = await Starmap.open({ catalogDir, sources });
 * starmap.onModelAdded((m) => console.log("new model", m.id));
 * const result = await starmap.sync({ dryRun: true });
 * starmap.catalog().model("openai/gpt-4o");
 * ```
 */
export class Starmap {
  readonly #options: StarmapOptions;
  #catalog: Catalog;
  #queue: Promise<unknown> = Promise.resolve();
  #schedule: Schedule | undefined;
  #pending = 0;
  readonly #added = new Set<Listener<[Model]>>();
  readonly #updated = new Set<Listener<[Model, readonly FieldChange[]]>>();
  readonly #removed = new Set<Listener<[Model]>>();
  readonly #synced = new Set<Listener<[SyncResult]>>();
  readonly #errors = new Set<(error: unknown) => void>();

  private constructor(options: StarmapOptions, catalog: Catalog) {
    this.#options = options;
    this.#catalog = catalog;
  }

  /** Opens the catalog: the user's saved catalog in `catalogDir`, else the embedded one. */
  static async open(options: StarmapOptions = {}): Promise<Starmap> {
    // Only the catalog: provenance is read when an update needs it.
    const loaded = await openCatalog({ dir: options.catalogDir });
    return new Starmap(options, loaded.catalog);
  }

  /** The current snapshot. Hold on to it for a consistent view; a later update does not change it. */
  catalog(): Catalog {
    return this.#catalog;
  }

  /**
   * Runs the sync pipeline over the current snapshot; when it applies changes, the snapshot is swapped and the
   * hooks fire. Calls are serialised: a second call waits for the first.
   *
   * @throws {StarmapError} as {@link sync} does.
   */
  sync(options: StarmapSyncOptions = {}): Promise<SyncResult> {
    this.#pending++;
    const run = this.#queue.then(() => this.#run(options)).finally(() => this.#pending--);
    this.#queue = run.catch(() => {});
    return run;
  }

  /** Same as {@link Starmap.sync}. */
  update(options: StarmapSyncOptions = {}): Promise<SyncResult> {
    return this.sync(options);
  }

  async #run(options: StarmapSyncOptions): Promise<SyncResult> {
    const { sources: given, ...rest } = options;
    const sources = given ?? await this.#sources();
    const persist = this.#options.persist ?? true;
    const result = await sync({
      timeoutMs: this.#options.timeoutMs,
      ...rest,
      sources,
      catalogDir: this.#options.catalogDir,
      baseline: persist && this.#options.catalogDir ? undefined : this.#catalog,
      persist,
      reconcile: this.#options.reconcile,
      hooks: this.#hooks(),
    });
    if (result.status === "saved" || result.status === "applied") this.#catalog = result.catalog;
    for (const fn of this.#synced) await this.#guard(() => fn(result));
    return result;
  }

  async #sources(): Promise<readonly Source[]> {
    const s = this.#options.sources;
    return typeof s === "function" ? await s() : s ?? [];
  }

  #hooks(): SyncHooks {
    const each = async <A extends unknown[]>(set: Set<Listener<A>>, args: A) => {
      const errors: unknown[] = [];
      for (const fn of set) {
        try {
          await fn(...args);
        } catch (error) {
          errors.push(error);
        }
      }
      if (errors.length) throw errors[0];
    };
    return {
      onModelAdded: (m) => each(this.#added, [m]),
      onModelUpdated: (m, c) => each(this.#updated, [m, c]),
      onModelRemoved: (m) => each(this.#removed, [m]),
    };
  }

  async #guard(fn: () => void | Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (error) {
      for (const onError of this.#errors) onError(error);
    }
  }

  /** Calls `fn` for every model an applied update adds. Returns a function that unsubscribes. */
  onModelAdded(fn: (model: Model) => void | Promise<void>): () => void {
    return subscribe(this.#added, fn);
  }

  /** Calls `fn` for every model an applied update changes, with its field changes. Returns an unsubscriber. */
  onModelUpdated(fn: (model: Model, changes: readonly FieldChange[]) => void | Promise<void>): () => void {
    return subscribe(this.#updated, fn);
  }

  /** Calls `fn` for every model an applied update removes (the model as it was). Returns an unsubscriber. */
  onModelRemoved(fn: (model: Model) => void | Promise<void>): () => void {
    return subscribe(this.#removed, fn);
  }

  /** Calls `fn` after every sync run, whatever its status. Returns an unsubscriber. */
  onSync(fn: (result: SyncResult) => void | Promise<void>): () => void {
    return subscribe(this.#synced, fn);
  }

  /** Calls `fn` when a background update fails or an `onSync` listener throws. Returns an unsubscriber. */
  onError(fn: (error: unknown) => void): () => void {
    return subscribe(this.#errors, fn);
  }

  /**
   * Starts updating every `intervalMs` milliseconds (runs never overlap). Restarts a running timer.
   *
   * @throws {StarmapError} `invalid` when `intervalMs` is not a positive number.
   */
  startAutoUpdate(intervalMs: number, options: AutoUpdateOptions = {}): void {
    const run = async () => {
      // An update the caller started is as good as a scheduled one.
      if (this.#pending === 0) await this.sync(options.sync);
    };
    const onError = (error: unknown) => {
      for (const fn of this.#errors) fn(error);
    };
    const schedule = scheduleRuns(intervalMs, run, { immediate: options.immediate, onError });
    this.stopAutoUpdate();
    this.#schedule = schedule;
  }

  /** Stops the auto-update timer (a run in progress finishes). */
  stopAutoUpdate(): void {
    this.#schedule?.stop();
    this.#schedule = undefined;
  }

  /** Whether the auto-update timer runs. */
  get autoUpdating(): boolean {
    return this.#schedule !== undefined;
  }

  /** Waits for the runs in progress to finish (for shutdown). */
  async idle(): Promise<void> {
    await this.#queue;
  }
}

function subscribe<T>(set: Set<T>, fn: T): () => void {
  set.add(fn);
  return () => set.delete(fn);
}

export type { Changeset, FieldChange, SyncResult };
