/**
 * Hashing of chunks as they stream: the chunk's SHA-256 and those of ranges of it (its pieces), on the calling
 * thread. (A worker thread measured no faster on two shared cores and cost about 25 MB of memory.)
 *
 * @module
 */
import type { BufferPool } from "./_buffer_pool.ts";
import { type Sha256, sha256 } from "./_hash.ts";

/** The hashing of one chunk. */
export interface HashJob {
  /** Hashes `bytes`, which lie at chunk offset `pos` (they are read now, not kept). */
  update(bytes: Uint8Array, pos: number): void;
  /** The SHA-256 of each range, in the order given to `start`, as 64 hex digits. */
  digests(): string[];
}

/** Starts hash jobs and lends the sinks their gather buffers. */
export interface ChunkHashing {
  /** The gather buffers of the sinks. */
  readonly pool: BufferPool;
  /** Starts hashing the ranges `[from, to)` of a chunk. */
  start(ranges: readonly (readonly [number, number])[]): HashJob;
}

/** Hashes on the calling thread, with buffers from `pool`. */
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
        },
        digests: () => hashes.map((r) => r.hash.hex()),
      };
    },
  };
}
