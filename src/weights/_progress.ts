/**
 * What the weights manager reports while it works: progress snapshots of a pull, notices a user should see
 * (waiting on another process, an alias that moved, a registry entry skipped) and diagnostics.
 *
 * @module
 */

/** The phases of a pull, in order. */
export type PullPhase = "manifest" | "chunks" | "installing" | "done";

/** A snapshot of a pull's progress. */
export interface PullProgress {
  /** `group/model`. */
  ref: string;
  /** The version (resolved once the index is read). */
  version: string;
  /** The current phase. */
  phase: PullPhase;
  /** Bytes of unique chunks the pull needs (files shared from the store count for nothing). */
  totalBytes: number;
  /** Bytes of chunks verified, plus bytes of chunks still in flight (so the count moves smoothly). */
  doneBytes: number;
  /** Of `doneBytes`, the bytes in flight (received or copied, not yet verified). */
  inFlightBytes: number;
  /** Bytes received from the network so far (retried bytes included). */
  networkBytes: number;
  /** Unique chunks the pull needs. */
  chunks: number;
  /** Chunks ready. */
  chunksDone: number;
  /** Chunks not fetched: copied from files on this disk or verified by an interrupted pull. */
  cachedChunks: number;
}

/** Receives what the manager reports; every member is optional. */
export interface WeightsReporter {
  /** A pull's progress changed. */
  progress?(progress: PullProgress): void;
  /** Something the user should see now (waiting on a lock, an alias moved, a registry entry skipped). */
  notice?(message: string): void;
  /** A diagnostic (retries, reused chunks). */
  note?(message: string): void;
}
