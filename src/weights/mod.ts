/**
 * The public door of `weights/`: what other folders use of it.
 *
 * @module
 */
export { WeightsConfig } from "./config.ts";
export { registryEndpoint, type RetryPolicy } from "./http.ts";
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
  type UpdateStatus,
  WeightsManager,
  type WeightsManagerOptions,
  WeightsStorageError,
  type WeightsUpdateResult,
} from "./manager.ts";
export {
  DEFAULT_CHUNK_SIZE,
  pack,
  type PackOptions,
  type PackResult,
  PublishedVersionError,
} from "./packer.ts";
export type { PullPhase, PullProgress, WeightsReporter } from "./progress.ts";
export type {
  IndexEntry,
  InstalledEntry,
  LocalRegistry,
  Manifest,
  ManifestFile,
  RegistryIndex,
} from "./types.gen.ts";
