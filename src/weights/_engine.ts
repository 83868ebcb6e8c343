/**
 * The download engine: a pool of workers over the unique chunks of a pull. Each chunk is skipped when the
 * journal has it, copied when a verified copy is on this disk, or streamed from the registry, hashed as it
 * arrives and written once into the staged files. A transfer that breaks continues from its last byte with HTTP
 * `Range` (from the first byte when the server answers 200); a hash mismatch starts the chunk again.
 *
 * @module
 */
import { isStarmapError, StarmapError } from "../errors.ts";
import { backoffDelay, sleep } from "../http/mod.ts";
import { openAt } from "../runtime/mod.ts";
import { BufferPool } from "./_buffer_pool.ts";
import { type ChunkHashing, inlineHashing } from "./_chunk_hashing.ts";
import { ChunkSink, GATHER } from "./_chunk_sink.ts";
import type { RetryPolicy } from "./_http.ts";
import type { Journal } from "./_journal.ts";
import type { ChunkClaims, ChunkLocation } from "./_local_chunks.ts";
import { type ChunkTask, coversChunk } from "./_plan.ts";
import type { RegistryClient } from "./_registry_client.ts";

/** Bytes between journal records of a chunk being received. */
const JOURNAL_EVERY = 1024 * 1024;
/** The shortest time between two progress reports while bytes stream, in ms (the bar redraws less often). */
const REPORT_EVERY_MS = 50;
/**
 * The bytes that the gather buffers of a pull hold together, whatever its concurrency: with the default four
 * workers each buffer is {@link GATHER} bytes; more workers get smaller buffers, not more memory.
 */
const POOL_BYTES = 8 * GATHER;
/** The smallest gather buffer (below it, writes and hash updates get too small to be cheap). */
const MIN_GATHER = 64 * 1024;
/** How long a worker waits before looking again at a chunk another pull is fetching. */
const CLAIM_POLL_MS = 50;

/** Counters of a transfer, updated as it runs. */
export interface TransferCounters {
  /** Chunks fetched from the registry. */
  fetched: number;
  /** Chunks copied from this disk. */
  copied: number;
  /** Chunks the journal already had. */
  resumed: number;
  /** Bytes of verified chunks. */
  verifiedBytes: number;
  /** Bytes received from the network. */
  networkBytes: number;
}

/** What the engine needs. */
export interface EngineOptions {
  /** The chunks to obtain. */
  tasks: readonly ChunkTask[];
  /** The staged file of a manifest file index. */
  staged: (file: number) => string;
  /** The resume journal. */
  journal: Journal;
  /** The registry. */
  registry: RegistryClient;
  /** Verified copies on this disk; called again when a claimed chunk was released without a ready record. */
  local: (hash: string, again: boolean) => Promise<ChunkLocation[]>;
  /** Claims shared by concurrent pulls. */
  claims: ChunkClaims;
  /** Parallel workers. */
  concurrency: number;
  /** Retries of a chunk whose transfer breaks or whose bytes do not match. */
  retry: RetryPolicy;
  /** Cancels the transfer. */
  signal: AbortSignal;
  /** Counters to update. */
  counters: TransferCounters;
  /** Called after every change of the counters or of bytes in flight (`inFlight` = bytes of unfinished chunks). */
  onProgress: (inFlight: number) => void;
  /** Diagnostics. */
  note: (message: string) => void;
}

/** Tells whether an error ends the chunk for good (the HTTP core already retried it, or it is no network fault). */
function isFinal(error: unknown): boolean {
  return isStarmapError(error) && error.kind !== "network";
}

/** One worker's state of the transfer: the bytes of its chunks not yet verified. */
class Transfer {
  readonly #o: EngineOptions;
  readonly #inFlight = new Map<string, () => number>();
  readonly #hashing: ChunkHashing;
  #reported = 0;

  constructor(options: EngineOptions, hashing: ChunkHashing) {
    this.#o = options;
    this.#hashing = hashing;
  }

  /** Reports bytes in flight; while bytes stream, at most every {@link REPORT_EVERY_MS} (each report allocates). */
  report(streaming = false): void {
    if (streaming) {
      const now = performance.now();
      if (now - this.#reported < REPORT_EVERY_MS) return;
      this.#reported = now;
    }
    let n = 0;
    for (const f of this.#inFlight.values()) n += f();
    this.#o.onProgress(n);
  }

  async run(task: ChunkTask, again: boolean): Promise<"done" | "busy"> {
    const o = this.#o;
    if (o.journal.verified(task.hash)) {
      o.counters.resumed++;
      o.counters.verifiedBytes += task.size;
      this.report();
      return "done";
    }
    const sink = await ChunkSink.open(task, o.staged, this.#hashing);
    this.#inFlight.set(task.hash, () => sink.position);
    try {
      if (await this.#copyLocal(task, sink, again)) {
        o.counters.copied++;
        return "done";
      }
      if (!(await o.claims.take(task.hash))) return "busy";
      await this.#fetch(task, sink);
      o.counters.fetched++;
      await o.claims.ready(task.hash, task.occurrences, task.size, o.staged);
      return "done";
    } finally {
      await sink.release();
      this.#inFlight.delete(task.hash);
      this.report();
    }
  }

  async #verified(task: ChunkTask, sink: ChunkSink): Promise<boolean> {
    const { hash, digests } = await sink.finish();
    if (hash !== task.hash) return false;
    await this.#o.journal.verify(task.hash, digests);
    // Counted once: no longer in flight from the moment it is verified (a report in between counted it twice).
    this.#inFlight.delete(task.hash);
    this.#o.counters.verifiedBytes += task.size;
    return true;
  }

  async #copyLocal(task: ChunkTask, sink: ChunkSink, again: boolean): Promise<boolean> {
    const places = [...await this.#o.local(task.hash, again)];
    const ready = await this.#o.claims.whereReady(task.hash);
    if (ready) places.push(ready);
    for (const at of places) {
      try {
        for (const span of at) await this.#copyRange(span.path, span.offset, span.length, sink);
        if (await this.#verified(task, sink)) return true;
      } catch (error) {
        if (this.#o.signal.aborted || isStarmapError(error, "storage")) throw error;
      }
      await sink.reset();
    }
    return false;
  }

  async #copyRange(path: string, offset: number, size: number, sink: ChunkSink, write = true): Promise<void> {
    const file = await openAt(path, offset, "read");
    const whole = await this.#hashing.pool.take();
    try {
      const buffer = whole.subarray(0, Math.min(whole.length, Math.max(1, size)));
      let left = size;
      while (left > 0) {
        this.#o.signal.throwIfAborted();
        const n = await file.read(buffer.subarray(0, Math.min(buffer.length, left)));
        if (n === 0) throw new Error(`${path} ends early`);
        if (write) await sink.write(buffer.subarray(0, n));
        else await sink.absorb(buffer.subarray(0, n));
        left -= n;
      }
    } finally {
      this.#hashing.pool.give(whole);
      await file.close();
    }
  }

  /** Re-reads the first bytes of an interrupted chunk from the staged files to rebuild its hash state. */
  async #resumeFrom(task: ChunkTask, sink: ChunkSink): Promise<void> {
    const written = this.#o.journal.written(task.hash);
    const first = task.occurrences[0]!;
    if (written <= 0 || written >= task.size || !coversChunk(first, task.size)) return;
    try {
      let left = written;
      for (const p of first) {
        if (left <= 0) break;
        const n = Math.min(left, p.length);
        await this.#copyRange(this.#o.staged(p.file), p.fileOffset, n, sink, false);
        left -= n;
      }
    } catch {
      await sink.reset();
    }
  }

  async #fetch(task: ChunkTask, sink: ChunkSink): Promise<void> {
    const o = this.#o;
    await this.#resumeFrom(task, sink);
    let failures = 0;
    for (;;) {
      o.signal.throwIfAborted();
      // Every byte is on disk (the connection failed after the last one): a range past the end would be refused.
      if (task.size > 0 && sink.written === task.size) {
        if (await this.#verified(task, sink)) return;
        await sink.reset();
        await o.journal.restart(task.hash);
      }
      const { start, body } = await o.registry.chunk(task.hash, task.size, sink.written, o.signal);
      if (start !== sink.written) await sink.reset();
      let failure: StarmapError;
      try {
        await this.#receive(task, sink, body);
        if (sink.position !== task.size) {
          failure = new StarmapError(
            "network",
            `chunk ${task.hash.slice(0, 12)}: got ${sink.position} bytes, expected ${task.size}`,
          );
        } else if (await this.#verified(task, sink)) return;
        else {
          failure = new StarmapError(
            "verification",
            `chunk ${task.hash.slice(0, 12)}: SHA-256 does not match ${task.hash}`,
          );
          await sink.reset();
          await o.journal.restart(task.hash);
        }
      } catch (error) {
        if (o.signal.aborted || isFinal(error)) throw error;
        failure = isStarmapError(error)
          ? error
          : new StarmapError("network", `chunk ${task.hash.slice(0, 12)}: ${(error as Error).message}`, {
            cause: error,
          });
        await body.cancel().catch(() => {});
        await sink.flush().catch(() => sink.reset());
      }
      if (++failures > o.retry.retries) {
        throw new StarmapError(
          failure.kind,
          `${failure.message} (after ${failures} ${failures === 1 ? "attempt" : "attempts"})`,
          {
            cause: failure,
          },
        );
      }
      o.note(`chunk ${task.hash.slice(0, 12)}: ${failure.message}; retrying`);
      const wait = backoffDelay(failures - 1, {
        baseMs: o.retry.baseDelayMs,
        maxMs: o.retry.baseDelayMs * 8,
        random: Math.random,
      });
      await sleep(wait, o.signal);
    }
  }

  async #receive(task: ChunkTask, sink: ChunkSink, body: ReadableStream<Uint8Array>): Promise<void> {
    const o = this.#o;
    const reader = body.getReader({ mode: "byob" });
    const read = (into: Uint8Array) => reader.read(into as Uint8Array<ArrayBuffer>);
    let journaled = sink.written;
    for (;;) {
      const n = await sink.receive(read);
      if (n === 0) break;
      o.counters.networkBytes += n;
      if (sink.position > task.size) {
        throw new StarmapError("network", `chunk ${task.hash.slice(0, 12)}: more than ${task.size} bytes`);
      }
      if (sink.written - journaled >= JOURNAL_EVERY) {
        journaled = sink.written;
        await o.journal.progress(task.hash, journaled);
      }
      this.report(true);
    }
  }
}

/**
 * Obtains every chunk of `tasks` into the staged files; chunks that other pulls are fetching are taken last,
 * from their copies.
 *
 * @throws the first fatal error (`network`, `verification`, `storage`) or the abort reason.
 */
export async function runEngine(options: EngineOptions): Promise<void> {
  const controller = new AbortController();
  const outer = options.signal;
  const onAbort = () => controller.abort(outer.reason);
  outer.addEventListener("abort", onAbort, { once: true });
  const o: EngineOptions = { ...options, signal: controller.signal };
  const n = Math.max(1, Math.min(options.concurrency, options.tasks.length));
  // Each worker holds a gather buffer and may be copying from this disk with a second.
  const pool = BufferPool.within(POOL_BYTES, 2 * n, { largest: GATHER, smallest: MIN_GATHER });
  const hashing = inlineHashing(pool);
  const transfer = new Transfer(o, hashing);
  const queue = [...options.tasks];
  const waited = new Set<string>();
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    let idle = 0;
    while (!controller.signal.aborted) {
      const task = queue.shift();
      if (!task) return;
      const outcome = await transfer.run(task, waited.has(task.hash));
      if (outcome === "busy") {
        waited.add(task.hash);
        queue.push(task);
        if (++idle >= queue.length) {
          await sleep(CLAIM_POLL_MS, controller.signal);
          idle = 0;
        }
      } else idle = 0;
    }
  };
  const run = async () => {
    try {
      await worker();
    } catch (error) {
      failure ??= { error };
      controller.abort(error);
    }
  };
  try {
    outer.throwIfAborted();
    await Promise.all(Array.from({ length: n }, run));
  } finally {
    outer.removeEventListener("abort", onAbort);
  }
  if (outer.aborted) throw outer.reason;
  if (failure) throw failure.error;
}
