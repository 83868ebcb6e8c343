/**
 * Progress of a pull, reported to the manager's `onProgress` callback.
 *
 * @module
 */

/** The phases of a pull, in order. */
export type PullPhase = "manifest" | "chunks" | "extracting" | "done";

/** A snapshot of a pull's progress. Byte counts of one phase never go down. */
export interface PullProgress {
  /** `group/model`. */
  ref: string;
  /** The version (resolved once the index is read). */
  version: string;
  /** The current phase. */
  phase: PullPhase;
  /** Bytes the phase has to process (unique chunk bytes for `chunks`, file bytes for `extracting`). */
  totalBytes: number;
  /** Bytes the phase has processed (verified chunks, including cache hits, or written file bytes). */
  doneBytes: number;
  /** Bytes received from the network so far (cache hits excluded, retried bytes included). */
  networkBytes: number;
  /** Unique chunks of the model. */
  chunks: number;
  /** Chunks ready. */
  chunksDone: number;
  /** Chunks found in the cache. */
  cachedChunks: number;
}
