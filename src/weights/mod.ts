/**
 * The public door of `weights/`: what other folders use of it.
 *
 * @module
 */
export { WeightsConfig } from "../config/mod.ts";
export { registryEndpoint, type RetryPolicy } from "./_http.ts";
export {
  type AppliedUpdate,
  type InstalledModel,
  MAX_CONCURRENCY,
  MissingSettingError,
  type ModelFileInfo,
  type ModelInfo,
  parseModelRef,
  type PruneCacheResult,
  PullInterruptedError,
  type PullOptions,
  type PullResult,
  type RemoteModel,
  type RemoveResult,
  type UpdateFailure,
  type UpdateStatus,
  WeightsManager,
  type WeightsManagerOptions,
  WeightsStorageError,
  type WeightsUpdateResult,
} from "./_manager.ts";
export {
  DEFAULT_CHUNK_SIZE,
  pack,
  type PackOptions,
  type PackResult,
  PublishedVersionError,
} from "./_packer.ts";
export type { PullPhase, PullProgress, WeightsReporter } from "./_progress.ts";
export type {
  IndexEntry,
  InstalledEntry,
  InstalledIndex,
  Manifest,
  ManifestFile,
  RegistryIndex,
} from "./types.gen.ts";
