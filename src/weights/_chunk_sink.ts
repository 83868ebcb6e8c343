/**
 * Receives one chunk's bytes in order and writes each byte once, straight to its places in the staged files
 * (positional writes; a chunk that spans files is split as it arrives), hashing as it goes: the chunk's SHA-256
 * and the digests of its pieces that are only part of the chunk (they name the files they belong to). Its gather
 * buffer comes from the pull's pool and goes back to it.
 *
 * @module
 */
import { openAt, type RangeFile } from "../runtime/mod.ts";
import type { ChunkHashing, HashJob } from "./_chunk_hashing.ts";
import { type ChunkTask, type Placement, portionKey } from "./_plan.ts";
import { storage } from "./_storage_error.ts";

/** Bytes gathered before they are written, so that writes are large whatever the size of network pieces. */
export const GATHER = 512 * 1024;

/** The sink of one chunk task. */
export class ChunkSink {
  /** The chunk. */
  readonly task: ChunkTask;
  readonly #path: (file: number) => string;
  readonly #files = new Map<Placement, RangeFile>();
  readonly #hashing: ChunkHashing;
  readonly #keys: string[] = [];
  readonly #ranges: [number, number][] = [];
  #job: HashJob;
  #gather: Uint8Array;
  #filled = 0;
  #pos = 0;

  private constructor(
    task: ChunkTask,
    path: (file: number) => string,
    hashing: ChunkHashing,
    buffer: Uint8Array,
  ) {
    this.task = task;
    this.#path = path;
    this.#hashing = hashing;
    this.#gather = this.#view(buffer);
    this.#ranges.push([0, task.size]);
    for (const occurrence of task.occurrences) {
      for (const p of occurrence) {
        if (p.length === task.size) continue;
        const key = portionKey({ hash: task.hash, chunkOffset: p.chunkOffset, length: p.length });
        if (this.#keys.includes(key)) continue;
        this.#keys.push(key);
        this.#ranges.push([p.chunkOffset, p.chunkOffset + p.length]);
      }
    }
    this.#job = hashing.start(this.#ranges);
  }

  /** Makes a sink writing into the staged file `path(file)` of each placement, hashing with `hashing`. */
  static async open(
    task: ChunkTask,
    path: (file: number) => string,
    hashing: ChunkHashing,
  ): Promise<ChunkSink> {
    return new ChunkSink(task, path, hashing, await hashing.pool.take());
  }

  #view(buffer: Uint8Array): Uint8Array {
    return new Uint8Array(buffer.buffer, 0, Math.min(buffer.buffer.byteLength, Math.max(1, this.task.size)));
  }

  /** Bytes of the chunk received so far (written or gathered). */
  get position(): number {
    return this.#pos + this.#filled;
  }

  /** Bytes of the chunk written to disk so far. */
  get written(): number {
    return this.#pos;
  }

  /** Hashes bytes that are already on disk (a resumed chunk's first bytes), without writing them. */
  async absorb(bytes: Uint8Array): Promise<void> {
    await this.write(bytes, false);
    await this.flush(false);
  }

  /** Takes the next bytes of the chunk (`place`: write them; else they are on disk already). */
  async write(bytes: Uint8Array, place = true): Promise<void> {
    let at = 0;
    while (at < bytes.length) {
      const n = Math.min(bytes.length - at, this.#gather.length - this.#filled);
      this.#gather.set(bytes.subarray(at, at + n), this.#filled);
      this.#filled += n;
      at += n;
      if (this.#filled === this.#gather.length) await this.flush(place);
    }
  }

  /**
   * Reads the next bytes with `read` straight into the free part of the gather buffer (a BYOB read, which hands
   * the buffer back in a new view); returns how many arrived, 0 at the end.
   */
  async receive(
    read: (into: Uint8Array) => Promise<{ done: boolean; value?: Uint8Array | undefined }>,
  ): Promise<number> {
    const length = this.#gather.length;
    let result: { done: boolean; value?: Uint8Array | undefined };
    try {
      result = await read(this.#gather.subarray(this.#filled));
    } catch (error) {
      // The failed read kept the buffer: the gathered bytes (not yet hashed or written) are received again.
      this.#gather = new Uint8Array(length);
      this.#filled = 0;
      throw error;
    }
    const got = result.value;
    if (got && got.buffer.byteLength >= length) this.#gather = new Uint8Array(got.buffer, 0, length);
    else if (this.#gather.length !== length) {
      throw new Error("the body reader did not hand the buffer back");
    }
    if (result.done || !got) return 0;
    const n = got.length;
    this.#filled += n;
    if (this.#filled === length) await this.flush();
    return n;
  }

  /** Writes (unless `place` is false) and hashes the gathered bytes. */
  async flush(place = true): Promise<void> {
    if (this.#filled === 0) return;
    const bytes = this.#gather.subarray(0, this.#filled);
    const pos = this.#pos;
    // The write runs on another thread while this one hashes the same bytes (both only read them).
    const placing = place ? this.#place(bytes, pos) : undefined;
    this.#job.update(bytes, pos);
    await placing;
    this.#filled = 0;
    this.#pos += bytes.length;
  }

  async #place(bytes: Uint8Array, pos: number): Promise<void> {
    const end = pos + bytes.length;
    for (const occurrence of this.task.occurrences) {
      for (const p of occurrence) {
        const from = Math.max(p.chunkOffset, pos);
        const to = Math.min(p.chunkOffset + p.length, end);
        if (to <= from) continue;
        const path = this.#path(p.file);
        await storage("write", path, async () => {
          let file = this.#files.get(p);
          if (!file) {
            file = await openAt(path, p.fileOffset + (from - p.chunkOffset), "write");
            this.#files.set(p, file);
          }
          await file.writeAll(bytes.subarray(from - pos, to - pos));
          if (to === p.chunkOffset + p.length) {
            this.#files.delete(p);
            await file.close();
          }
        });
      }
    }
  }

  /** Flushes, closes the files and returns the chunk's SHA-256 and its pieces' digests. */
  async finish(): Promise<{ hash: string; digests: Record<string, string> }> {
    await this.flush();
    await this.close();
    const [hash, ...pieces] = this.#job.digests();
    const digests: Record<string, string> = {};
    this.#keys.forEach((key, i) => (digests[key] = pieces[i]!));
    return { hash: hash!, digests };
  }

  /** Starts the chunk again from its first byte (after a mismatch, or a server that ignored `Range`). */
  async reset(): Promise<void> {
    await this.close();
    this.#pos = 0;
    this.#filled = 0;
    this.#job = this.#hashing.start(this.#ranges);
  }

  /** Closes open files (bytes gathered but not flushed are dropped). */
  async close(): Promise<void> {
    const files = [...this.#files.values()];
    this.#files.clear();
    for (const f of files) await f.close().catch(() => {});
  }

  /** Closes the files and gives the gather buffer back to the pool; the sink is done. */
  async release(): Promise<void> {
    await this.close();
    this.#hashing.pool.give(this.#gather);
    this.#gather = new Uint8Array(0);
  }
}
