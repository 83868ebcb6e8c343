/**
 * Receives one chunk's bytes in order and writes each byte once, straight to its places in the staged files
 * (positional writes; a chunk that spans files is split as it arrives), hashing as it goes: the chunk's SHA-256
 * and the digests of its pieces that are only part of the chunk (they name the files they belong to).
 *
 * @module
 */
import { openAt, type RangeFile } from "../runtime/mod.ts";
import { type Sha256, sha256 } from "./hash.ts";
import { type ChunkTask, type Placement, portionKey } from "./plan.ts";
import { storage } from "./storage_error.ts";

/** Bytes gathered before they are written, so that writes are large whatever the size of network pieces. */
export const GATHER = 1024 * 1024;

interface PieceHash {
  key: string;
  from: number;
  to: number;
  hash: Sha256;
}

/** The sink of one chunk task. */
export class ChunkSink {
  /** The chunk. */
  readonly task: ChunkTask;
  readonly #path: (file: number) => string;
  readonly #files = new Map<Placement, RangeFile>();
  #gather: Uint8Array;
  #filled = 0;
  #pos = 0;
  #hash: Sha256 = sha256();
  #pieces: PieceHash[] = [];

  /** Makes a sink writing into the staged file `path(file)` of each placement. */
  constructor(task: ChunkTask, path: (file: number) => string, gather?: Uint8Array) {
    this.task = task;
    this.#path = path;
    this.#gather = gather ?? new Uint8Array(Math.min(GATHER, Math.max(1, task.size)));
    this.#startPieces();
  }

  #startPieces(): void {
    const seen = new Map<string, PieceHash>();
    for (const occurrence of this.task.occurrences) {
      for (const p of occurrence) {
        if (p.length === this.task.size) continue;
        const key = portionKey({ hash: this.task.hash, chunkOffset: p.chunkOffset, length: p.length });
        if (!seen.has(key)) {
          seen.set(key, { key, from: p.chunkOffset, to: p.chunkOffset + p.length, hash: sha256() });
        }
      }
    }
    this.#pieces = [...seen.values()];
  }

  /** The gather buffer as it is now (BYOB reads hand it back in new views), for the next sink to reuse. */
  get buffer(): Uint8Array {
    return this.#gather;
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
  absorb(bytes: Uint8Array): void {
    this.#hashAt(bytes, this.#pos);
    this.#pos += bytes.length;
  }

  /** Takes the next bytes of the chunk. */
  async write(bytes: Uint8Array): Promise<void> {
    let at = 0;
    while (at < bytes.length) {
      const n = Math.min(bytes.length - at, this.#gather.length - this.#filled);
      this.#gather.set(bytes.subarray(at, at + n), this.#filled);
      this.#filled += n;
      at += n;
      if (this.#filled === this.#gather.length) await this.flush();
    }
  }

  /**
   * Reads the next bytes with `read` straight into the free part of the gather buffer (a BYOB read, which hands
   * the buffer back in a new view); returns how many arrived, 0 at the end.
   */
  async receive(
    read: (into: Uint8Array) => Promise<{ done: boolean; value: Uint8Array | undefined }>,
  ): Promise<number> {
    const length = this.#gather.length;
    let result: { done: boolean; value: Uint8Array | undefined };
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
    this.#filled += got.length;
    if (this.#filled === length) await this.flush();
    return got.length;
  }

  /** Writes the gathered bytes. */
  async flush(): Promise<void> {
    if (this.#filled === 0) return;
    const bytes = this.#gather.subarray(0, this.#filled);
    this.#hashAt(bytes, this.#pos);
    await this.#place(bytes, this.#pos);
    this.#pos += bytes.length;
    this.#filled = 0;
  }

  #hashAt(bytes: Uint8Array, pos: number): void {
    this.#hash.update(bytes);
    const end = pos + bytes.length;
    for (const piece of this.#pieces) {
      const from = Math.max(piece.from, pos);
      const to = Math.min(piece.to, end);
      if (to > from) piece.hash.update(bytes.subarray(from - pos, to - pos));
    }
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
    const digests: Record<string, string> = {};
    for (const piece of this.#pieces) digests[piece.key] = piece.hash.hex();
    return { hash: this.#hash.hex(), digests };
  }

  /** Starts the chunk again from its first byte (after a mismatch, or a server that ignored `Range`). */
  async reset(): Promise<void> {
    await this.close();
    this.#pos = 0;
    this.#filled = 0;
    this.#hash = sha256();
    this.#startPieces();
  }

  /** Closes open files (bytes gathered but not flushed are dropped). */
  async close(): Promise<void> {
    const files = [...this.#files.values()];
    this.#files.clear();
    for (const f of files) await f.close().catch(() => {});
  }
}
