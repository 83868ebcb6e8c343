/**
 * Runs updates one at a time (from `POST /update` or the auto-update schedule), and turns every snapshot change
 * the backend reports into events.
 *
 * @module
 */
import type { Catalog } from "../catalog/mod.ts";
import type { CatalogBackend, UpdateOutcome, UpdateRequest } from "./_backend.ts";
import type { Broker } from "./_broker.ts";
import { deadline } from "../http/mod.ts";
import { HttpError } from "./_errors.ts";
import { EMPTY, publishChange } from "./_events.ts";
import { diffCatalogs } from "../reconcile/mod.ts";
import type { ChangeCounts } from "../reconcile/types.gen.ts";
import { makeGeneration } from "./_generation.ts";
import { type Schedule, scheduleRuns } from "../sync/mod.ts";
import type { Metrics } from "./_metrics.ts";
import type { ServerLogger } from "./_options.ts";
import { catalogVersion } from "./_content_hash.ts";

/** What one update did. */
export interface UpdateResult {
  /** The version served now. */
  version: string;
  /** The version before. */
  previousVersion: string | null;
  /** How many models changed. */
  summary: ChangeCounts;
  /** The backend's changeset. */
  changeset?: unknown;
}

const none: ChangeCounts = { added: 0, updated: 0, removed: 0 };

/**
 * Serialises updates and publishes their events. It subscribes to the backend when made, so updates that start
 * before any client connects are still observed.
 */
export class Updater {
  readonly #backend: CatalogBackend;
  readonly #broker: Broker;
  readonly #logger: ServerLogger | undefined;
  readonly #summaries = new WeakMap<Catalog, ChangeCounts>();
  readonly #unsubscribe: (() => void) | undefined;
  readonly #abort = new AbortController();
  #last: Catalog | undefined;
  #running = false;
  #schedule: Schedule | undefined;
  #current: Promise<unknown> | undefined;

  readonly #metrics: Metrics | undefined;

  /** Starts observing the backend. */
  constructor(backend: CatalogBackend, broker: Broker, logger?: ServerLogger, metrics?: Metrics) {
    this.#backend = backend;
    this.#broker = broker;
    this.#logger = logger;
    this.#metrics = metrics;
    this.#last = backend.snapshot();
    this.#unsubscribe = backend.subscribe?.((outcome) => this.observe(outcome));
  }

  /** Whether the backend can update. */
  get canUpdate(): boolean {
    return typeof this.#backend.update === "function";
  }

  /** Publishes the events of a new snapshot (once per snapshot), from the update's changeset. */
  observe(outcome: UpdateOutcome): void {
    const { catalog } = outcome;
    const before = this.#last;
    if (catalog === before) return;
    const changes = outcome.changes ?? diffCatalogs(before?.data ?? EMPTY, catalog.data);
    // The generation published for this snapshot carries the same changeset (kept when one already exists).
    makeGeneration(catalog, {
      changes,
      provenance: outcome.provenance,
      previous: before ? catalogVersion(before) : null,
    });
    this.#summaries.set(catalog, publishChange(this.#broker, before, catalog, changes));
    this.#last = catalog;
    // The first unknown name on the new snapshot should cost what every later one does.
    catalog.suggestModels("");
  }

  /**
   * Runs one update.
   *
   * @throws {HttpError} 501 when the backend cannot update, 409 while another update runs, 503 on timeout;
   * the backend's own errors otherwise.
   */
  async run(request: UpdateRequest, timeoutMs: number): Promise<UpdateResult> {
    const update = this.#backend.update?.bind(this.#backend);
    if (!update) throw new HttpError(501, "not_implemented", "this server cannot update its catalog");
    if (this.#running) throw new HttpError(409, "update_in_progress", "an update is already running");
    this.#running = true;
    const before = this.#backend.snapshot();
    const d = deadline(timeoutMs, {
      signals: [this.#abort.signal],
      reason: () => new HttpError(503, "timeout", `the update took longer than ${timeoutMs} ms`),
    });
    const task = update(request, d.signal);
    this.#current = task.catch(() => {});
    const started = performance.now();
    try {
      const outcome = await Promise.race([task, d.aborted]).catch((error) => {
        this.#metrics?.update("failed", (performance.now() - started) / 1000, failedSources(error));
        throw error;
      });
      this.#metrics?.update("ok", (performance.now() - started) / 1000, failedSources(outcome.changeset));
      this.observe(outcome);
      return {
        version: catalogVersion(outcome.catalog),
        previousVersion: before ? catalogVersion(before) : null,
        summary: outcome.catalog === before ? none : this.#summaries.get(outcome.catalog) ?? none,
        ...(outcome.changeset === undefined ? {} : { changeset: outcome.changeset }),
      };
    } finally {
      d.clear();
      this.#running = false;
    }
  }

  /** Runs an update every `ms` milliseconds (the next run is scheduled when one ends); failures are logged. */
  schedule(ms: number, timeoutMs: number): void {
    const run = async () => {
      if (this.#running || !(this.#backend.shouldUpdate?.() ?? true)) return;
      const result = await this.run({}, timeoutMs);
      const s = result.summary;
      this.#logger?.info(`auto-update: version ${result.version} (+${s.added} ~${s.updated} -${s.removed})`);
    };
    const onError = (error: unknown) =>
      this.#logger?.error(`auto-update failed: ${(error as Error).message}`);
    this.#schedule?.stop();
    if (!this.#abort.signal.aborted) this.#schedule = scheduleRuns(ms, run, { onError });
  }

  /** Stops the schedule, aborts a running update, stops observing, and waits for the update to settle. */
  async close(): Promise<void> {
    this.#abort.abort(new HttpError(503, "shutting_down", "the server is shutting down"));
    this.#schedule?.stop();
    this.#unsubscribe?.();
    await this.#current;
  }
}

/** The ids of the sources a sync report (or an error carrying one) says failed. */
function failedSources(value: unknown): string[] {
  const sources = (value as { sources?: unknown } | undefined)?.sources;
  if (!Array.isArray(sources)) return [];
  return sources.filter((s) => s && s.ok === false && typeof s.id === "string").map((s) => s.id as string);
}
