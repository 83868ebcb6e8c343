/**
 * Hashing of chunks as they stream: the chunk's SHA-256 and those of ranges of it (its pieces). The interface
 * lets the bytes go elsewhere to be hashed (the job then hands back another buffer to gather into); hashing on
 * the calling thread is what this machine's two shared cores do best (a worker thread measured no faster and cost
 * about 25 MB of memory).
 *
 * @module
 */
import type { BufferPool } from "./buffer_pool.ts";
import { type Sha256, sha256 } from "./hash.ts";

/** The hashing of one chunk. */
export interface HashJob {
  /**
   * Hashes `bytes`, which lie at chunk offset `pos`, and returns the buffer to gather the next bytes into: the same
   * one, or another when `bytes` went to another thread (their buffer then belongs to the job).
   */
  update(bytes: Uint8Array, pos: number): Promise<Uint8Array>;
  /** The SHA-256 of each range, in the order given to `start`, as 64 hex digits. */
  digests(): Promise<string[]>;
  /** Abandons the job. */
  drop(): void;
}

/** Starts hash jobs. */
export interface ChunkHashing {
  /** The gather buffers of the sinks. */
  readonly pool: BufferPool;
  /** Starts hashing the ranges `[from, to)` of a chunk. */
  start(ranges: readonly (readonly [number, number])[]): HashJob;
  /** Ends the hashing. */
  close(): void;
}

/** Hashes on the calling thread. */
export function inlineHashing(pool: BufferPool): ChunkHashing {
  return {
    pool,
    start(ranges) {
      const hashes = ranges.map(([from, to]) => ({ from, to, hash: sha256() as Sha256 }));
      return {
        update(bytes, pos) {
          const end = pos + bytes.length;
          for (const r of hashes) {
            const from = Math.max(r.from, pos);
            const to = Math.min(r.to, end);
            if (to > from) r.hash.update(bytes.subarray(from - pos, to - pos));
          }
          return Promise.resolve(new Uint8Array(bytes.buffer));
        },
        digests: () => Promise.resolve(hashes.map((r) => r.hash.hex())),
        drop() {},
      };
    },
    close() {},
  };
}
