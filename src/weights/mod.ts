/**
 * The weights puller's public API: the manager, the packer, progress and the wire-format schemas.
 *
 * @module
 */
export {
  type InstalledModel,
  MAX_CONCURRENCY,
  type ModelFileInfo,
  type ModelInfo,
  parseModelRef,
  type PruneCacheResult,
  type PullOptions,
  type PullResult,
  type RemoteModel,
  type RemoveResult,
  type UpdateStatus,
  WeightsManager,
  type WeightsManagerOptions,
} from "./manager.ts";
export { DEFAULT_CHUNK_SIZE, pack, type PackOptions, type PackResult } from "./packer.ts";
export type { PullPhase, PullProgress } from "./progress.ts";
export type { RetryPolicy } from "./http.ts";
export { InstalledEntry, LocalRegistry, Manifest, ManifestFile, RegistryIndex } from "./schema.ts";
export { WeightsConfig } from "./config.ts";
