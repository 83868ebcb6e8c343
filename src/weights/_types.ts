/**
 * What the weights manager returns: installed and remote versions, pull, removal, update and prune results.
 *
 * @module
 */
import type { ErrorKind } from "../errors.ts";

/** An installed model version. */
export interface InstalledModel {
  /** `group/model`. */
  ref: string;
  /** The version. */
  version: string;
  /** The manifest's SHA-256. */
  manifestHash: string;
  /** Bytes of all files. */
  totalSize: number;
  /** Number of files. */
  fileCount: number;
  /** When it was installed (ISO 8601). */
  installedAt: string;
  /** Its directory. */
  path: string;
  /** Set when only some files were pulled (`include`/`exclude`). */
  partial?: boolean;
}

/** A version in the remote registry. */
export interface RemoteModel {
  /** `group/model`. */
  ref: string;
  /** The version. */
  version: string;
  /** The manifest hash (absent for an alias). */
  hash?: string;
  /** The version this alias points to. */
  alias?: string;
  /** The index's metadata. */
  metadata: Record<string, unknown>;
}

/** What a pull did. */
export interface PullResult extends InstalledModel {
  /** The version asked for (an alias or the version itself). */
  requested: string;
  /** `installed` (downloaded now) or `already_installed`. */
  status: "installed" | "already_installed";
  /** Set when already installed with another manifest than the registry's (pull with force to update). */
  updateAvailable: boolean;
  /** Chunks fetched from the registry. */
  fetchedChunks: number;
  /** Chunks not fetched: copied from files on this disk or verified by an interrupted pull. */
  cachedChunks: number;
  /** Chunks copied from files already on this disk (other versions or models). */
  localChunks: number;
  /** Chunks an interrupted pull had already verified. */
  resumedChunks: number;
  /** Files shared with other installed versions through the store (no transfer at all). */
  sharedFiles: number;
  /** The alias asked for and the version it pointed to before, when this pull moved it. */
  aliasMoved?: { alias: string; from: string; to: string };
}

/** A file of a model. */
export interface ModelFileInfo {
  /** Path inside the model directory. */
  path: string;
  /** Bytes. */
  size: number;
}

/** Details of a model version, installed or remote. */
export interface ModelInfo {
  /** `group/model`. */
  ref: string;
  /** The version. */
  version: string;
  /** Where the details come from. */
  source: "local" | "remote";
  /** The manifest hash. */
  manifestHash: string;
  /** Bytes of all files. */
  totalSize: number;
  /** Chunk size of the manifest. */
  chunkSize: number;
  /** Number of chunks (with repeats). */
  chunkCount: number;
  /** The files (of an installed partial version, those it holds). */
  files: ModelFileInfo[];
  /** Set when an installed version holds only some files (`totalSize` and `files` are then what it holds). */
  partial?: true;
  /** Bytes of every file of the version, when it is partial. */
  manifestTotalSize?: number;
  /** The number of files of the version, when it is partial. */
  manifestFileCount?: number;
  /** Directory when installed. */
  path?: string;
  /** When installed. */
  installedAt?: string;
  /** The version asked for when it was an alias. */
  requested?: string;
  /** The index's metadata (remote). */
  metadata?: Record<string, unknown>;
}

/** Installed versus remote manifest of an installed version. */
export interface UpdateStatus {
  /** `group/model`. */
  ref: string;
  /** The version. */
  version: string;
  /** The installed manifest hash. */
  installedHash: string;
  /** The registry's manifest hash, or null when the registry no longer has the version. */
  remoteHash: string | null;
  /** Whether the registry has a different manifest (or, for an alias, points to another version). */
  updateAvailable: boolean;
  /** The alias checked (e.g. `latest`), when the check followed one. */
  alias?: string;
  /** The version the registry's alias points to now, when the check followed one. */
  remoteVersion?: string;
}

/** An installed version after `applyUpdates`: its state once the changed versions were pulled again. */
export interface AppliedUpdate extends UpdateStatus {
  /** Whether it was pulled again now; `installedHash` is then the new manifest's and `updateAvailable` false. */
  updated: boolean;
  /** The manifest hash installed before the update (set when `updated`). */
  previousHash?: string;
  /** Why pulling the new content failed (`updated` is then false; the other versions were still updated). */
  error?: UpdateFailure;
}

/** A failed update of one version, as data. */
export interface UpdateFailure {
  /** The kind of the error (decides the exit code and HTTP status). */
  kind: ErrorKind;
  /** The error's message. */
  message: string;
  /** The error's hint. */
  hint?: string;
}

/** What `applyUpdates` did. */
export interface WeightsUpdateResult {
  /** Every checked version, after the update. */
  status: AppliedUpdate[];
  /** The pulls that updated a version. */
  applied: PullResult[];
}

/** What a removal did. */
export interface RemoveResult {
  /** The removed versions. */
  removed: InstalledModel[];
  /** Bytes freed. */
  freedBytes: number;
}

/** What pruning did. */
export interface PruneCacheResult {
  /** Stored files no installed version used, deleted. */
  files: number;
  /** Staging directories of pulls whose process is gone, deleted. */
  staging: number;
  /** Bytes of disk freed in all. */
  bytes: number;
}
