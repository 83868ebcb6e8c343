/**
 * Fleet mode: replicas of `starmap serve` that share one catalog through Redis. One replica at a time holds the
 * update lease and runs updates; it writes each new generation under immutable keys, then moves the `current`
 * pointer and notifies the fleet in one script. Every replica verifies a generation's bytes before it activates
 * it (one reference swap), and derives its events from the generation's changeset, so a client on any replica
 * hears every update once. While Redis is away, replicas keep serving their last generation and report degraded.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import type { Catalog } from "../catalog/mod.ts";
import type {
  BackendStatus,
  CatalogBackend,
  UpdateListener,
  UpdateOutcome,
  UpdateRequest,
} from "./_backend.ts";
import { HttpError } from "./_errors.ts";
import { FleetStore } from "./_fleet_store.ts";
import {
  type Generation,
  type GenerationManifest,
  makeGeneration,
  openGeneration,
  readManifest,
  supersedes,
  twins,
  withManifest,
} from "./_generation.ts";
import type { Limiter } from "./_middleware.ts";
import type { RateLimitOptions, ServerLogger } from "./_options.ts";
import { type Admission, RateLimiter } from "./_rate_limit.ts";

/** Runs one update over `baseline` (the fleet's current snapshot); the fleet publishes what it returns. */
export type FleetRefresh = (
  baseline: Catalog,
  request: UpdateRequest,
  signal: AbortSignal,
) => Promise<UpdateOutcome>;

/** Options of {@link openFleet}. */
export interface FleetOptions {
  /** The Redis URL (`redis://`, `rediss://`; a password in the URL works). */
  url: string;
  /** The snapshot served when Redis holds no generation yet (or cannot be reached at start). */
  initial: Catalog;
  /** Runs updates; without it the replica only follows (it never takes the lease). */
  refresh?: FleetRefresh | undefined;
  /** Prefix of every Redis key. @default "starmap" */
  prefix?: string | undefined;
  /** Lease period: a dead holder is replaced within it. @default 15000 */
  leaseMs?: number | undefined;
  /** How often the pointer is checked besides the notification (and the lease renewed: a third of it). @default 500 */
  pollMs?: number | undefined;
  /** The scheduled-update interval: the fleet runs at most one scheduled update per interval. */
  intervalMs?: number | undefined;
  /** This replica's name in the lease. @default a random UUID */
  replicaId?: string | undefined;
  /** Where notes go. */
  logger?: ServerLogger | undefined;
}

/** A fleet replica as the server's backend, with the shared rate limiter. */
export interface FleetBackend extends CatalogBackend {
  /** The replica's name. */
  readonly replicaId: string;
  /** The generation served now. */
  generation(): Generation;
  /** Redis reachability and the lease. */
  status(): BackendStatus;
  /** The rate limiter with one budget per client across the fleet (local while Redis is away). */
  limiter(limits: RateLimitOptions): Limiter;
  /** Stops the loops, gives the lease up and closes the connections. */
  close(): Promise<void>;
}

/**
 * Joins the fleet: connects to Redis, activates the current generation (or publishes `initial` as the first),
 * and starts the lease and pointer loops. When Redis cannot be reached it serves `initial` degraded and keeps
 * trying.
 */
export async function openFleet(options: FleetOptions): Promise<FleetBackend> {
  const fleet = new Fleet(options);
  await fleet.start();
  return fleet;
}

class Fleet implements FleetBackend {
  readonly replicaId: string;
  readonly #o: FleetOptions;
  readonly #leaseMs: number;
  readonly #listeners = new Set<UpdateListener>();
  #store: FleetStore | undefined;
  #active: Generation;
  #up = false;
  #holder: string | null = null;
  #lastRun = 0;
  #chain: Promise<unknown> = Promise.resolve();
  #timers: ReturnType<typeof setInterval>[] = [];
  #closed = false;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #twinsNoted = "";
  /** Runs an update (only on a replica with a refresh, and only while it holds the lease). */
  update?: (request: UpdateRequest, signal: AbortSignal) => Promise<UpdateOutcome>;

  constructor(options: FleetOptions) {
    this.#o = options;
    if (options.refresh) this.update = (request, signal) => this.#update(request, signal);
    this.replicaId = options.replicaId ?? randomUUID();
    this.#leaseMs = options.leaseMs ?? 15_000;
    this.#active = makeGeneration(options.initial);
  }

  async start(): Promise<void> {
    await this.#connect();
    const poll = this.#o.pollMs ?? 500;
    this.#timers.push(setInterval(() => void this.#tick(), poll));
    if (this.#o.refresh) {
      this.#timers.push(setInterval(() => void this.#lease(), Math.max(50, this.#leaseMs / 3)));
    }
    await this.#lease();
  }

  async #connect(): Promise<void> {
    try {
      this.#store = await FleetStore.connect({
        url: this.#o.url,
        prefix: this.#o.prefix,
        onState: (up) => {
          if (this.#closed) return; // closing ends the connection: not an outage
          const was = this.#up;
          this.#up = up;
          // The lease may have expired or moved while Redis was away: forget it, and ask again on return.
          if (!up) this.#holder = null;
          if (up && !was) {
            void this.#tick();
            if (this.#o.refresh) void this.#lease();
          }
          if (!up && was) {
            this.#o.logger?.error("fleet: Redis unreachable; serving the last generation (degraded)");
          }
        },
      });
      this.#up = true;
      await this.#store.onPublish((text) => void this.#follow(text));
      await this.#tick();
    } catch (error) {
      this.#up = false;
      this.#o.logger?.error(`fleet: cannot reach Redis (${(error as Error).message}); degraded, retrying`);
      if (!this.#closed) this.#retry = setTimeout(() => void this.#connect(), 1000);
    }
  }

  snapshot(): Catalog {
    return this.#active.catalog;
  }

  generation(): Generation {
    return this.#active;
  }

  subscribe(listener: UpdateListener): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  status(): BackendStatus {
    return {
      state: this.#up ? "ok" : "degraded",
      leaseHolder: this.#holder,
      isLeaseHolder: this.#holds(),
    };
  }

  #holds(): boolean {
    return this.#up && this.#holder === this.replicaId;
  }

  shouldUpdate(): boolean {
    const interval = this.#o.intervalMs ?? 0;
    return this.#holds() && Date.now() - this.#lastRun >= interval * 0.8;
  }

  async #update(request: UpdateRequest, signal: AbortSignal): Promise<UpdateOutcome> {
    const store = this.#store;
    if (!store || !this.#up) {
      throw new HttpError(503, "degraded", "Redis is unreachable: updates resume when it returns");
    }
    if (!this.#holds()) {
      throw new HttpError(409, "not_updater", `replica ${this.#holder ?? "(none)"} holds the update lease`);
    }
    const before = this.#active;
    const outcome = await this.#o.refresh!(before.catalog, request, signal);
    const generation = makeGeneration(outcome.catalog, {
      changes: outcome.changes,
      provenance: outcome.provenance,
      previous: before.manifest.id,
    });
    if (generation.manifest.id === before.manifest.id) {
      this.#lastRun = Date.now();
      await store.ranAt(this.#lastRun).catch(() => {});
      return { ...outcome, catalog: before.catalog };
    }
    await store.write(generation);
    // Published above the sequence held here too: a holder that has not re-seeded since Redis came back empty
    // still publishes forward.
    const result = await store.publish(generation, this.replicaId, before.manifest.sequence);
    if (result === "lease-lost") {
      throw new HttpError(409, "not_updater", "the update lease was lost mid-update");
    }
    if (result === "missing") {
      throw new HttpError(503, "degraded", "the generation was lost before publishing");
    }
    this.#lastRun = Date.now();
    this.#activate(withManifest(generation, result));
    return { ...outcome, catalog: this.#active.catalog };
  }

  /** Takes or renews the lease; refreshes the holder and the last run time. */
  async #lease(): Promise<void> {
    const store = this.#store;
    if (!store || !this.#up || this.#closed) return;
    try {
      this.#holder = await store.lease(this.replicaId, this.#leaseMs, this.#holder === this.replicaId);
      this.#lastRun = await store.lastRun();
    } catch {
      this.#holder = null;
    }
  }

  /** Reads the pointer: activates a newer generation, or seeds the one held here when there is none. */
  async #tick(): Promise<void> {
    const store = this.#store;
    if (!store || !this.#up || this.#closed) return;
    try {
      const current = await store.current();
      if (!current) await this.#seed();
      else await this.#follow(JSON.stringify(current));
    } catch {
      // Redis went away between the check and the command: the next tick retries.
    }
  }

  /** Offers the generation held here to the pointer (which moves only forward) and follows what it names then. */
  async #seed(): Promise<void> {
    const named = await this.#store?.seed(this.#active);
    if (named && named.checksum !== this.#active.manifest.checksum) await this.#follow(JSON.stringify(named));
  }

  /**
   * Handles a manifest the pointer names, once, in order: activates it (after verifying its bytes) when it
   * supersedes the active one; when it is older (Redis came back empty or behind, and a replica that had not
   * seen the newest generation seeded its own), publishes the active one again instead, so the newest
   * generation held anywhere wins and no replica goes back.
   */
  #follow(text: string): Promise<unknown> {
    this.#chain = this.#chain.then(async () => {
      const manifest = readManifest(JSON.parse(text));
      const active = this.#active.manifest;
      if (twins(manifest, active)) this.#noteTwins(manifest, active);
      if (supersedes(manifest, active)) {
        const body = await this.#store?.body(manifest);
        if (body !== undefined) this.#activate(openGeneration(manifest, body));
      } else if (supersedes(active, manifest) && active.sequence > 0) {
        this.#o.logger?.error(
          `fleet: the pointer names generation ${manifest.id} (sequence ${manifest.sequence}), older than ` +
            `${active.id} (sequence ${active.sequence}) served here: publishing it again`,
        );
        const named = await this.#store?.seed(this.#active);
        if (named && supersedes(named, this.#active.manifest)) void this.#follow(JSON.stringify(named));
      }
    }).catch((error) =>
      this.#o.logger?.error(`fleet: generation not activated: ${(error as Error).message}`)
    );
    return this.#chain;
  }

  /** Two updaters published one sequence (a lease split): every replica keeps the higher checksum; said once. */
  #noteTwins(a: GenerationManifest, b: GenerationManifest): void {
    const key = [a.checksum, b.checksum].sort().join();
    if (this.#twinsNoted === key) return;
    this.#twinsNoted = key;
    const [win, lose] = supersedes(a, b) ? [a, b] : [b, a];
    this.#o.logger?.error(
      `fleet: two generations were published as sequence ${a.sequence} (${win.id} and ${lose.id}, two ` +
        `updaters during a lease split): keeping ${win.id} (the higher checksum)`,
    );
  }

  /** Swaps the active generation for one that supersedes it; never for an older one. */
  #activate(generation: Generation): void {
    const before = this.#active;
    if (!supersedes(generation.manifest, before.manifest)) return;
    this.#active = generation;
    // The same catalog published again under a higher sequence changes nothing a client sees.
    if (generation.manifest.id === before.manifest.id) return;
    // The changeset describes the step from `previous`: a replica that skipped a generation diffs itself.
    const changes = generation.manifest.previous === before.manifest.id ? generation.changes : undefined;
    for (const listener of [...this.#listeners]) listener({ catalog: generation.catalog, changes });
  }

  limiter(limits: RateLimitOptions): Limiter {
    const local = new RateLimiter(limits);
    const burst = limits.burst ?? limits.perMinute;
    const perMs = limits.perMinute / 60_000;
    return {
      take: async (client: string): Promise<Admission> => {
        if (!this.#store || !this.#up) return local.take(client);
        try {
          const { ok, tokens } = await this.#store.take(client, perMs, burst);
          const limit = Math.floor(burst);
          const seconds = (t: number) => Math.max(0, Math.ceil(t / perMs / 1000));
          if (ok) return { ok, limit, remaining: Math.floor(tokens), reset: seconds(burst - tokens) };
          const retryAfter = Math.max(1, seconds(1 - tokens));
          return { ok, limit, remaining: 0, reset: retryAfter, retryAfter };
        } catch {
          return local.take(client);
        }
      },
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    for (const t of this.#timers) clearInterval(t);
    await this.#chain;
    if (this.#store && this.#holds()) await this.#store.release(this.replicaId).catch(() => {});
    await this.#store?.close();
  }
}
