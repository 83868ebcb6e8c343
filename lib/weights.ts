/**
 * `@starmap/cli/weights`: pull, verify, update and prune model weights from a content-addressed registry, and
 * pack a directory into one.
 *
 * @example
 * ```ts
 * import { WeightsManager } from "@starmap/cli/weights";
 * const weights = new WeightsManager({ dataDir: "./models", registryUrl: "http://127.0.0.1:8080" });
 * (await weights.list()).length;
 * ```
 *
 * @module
 */
export type {
  IndexEntry,
  InstalledEntry,
  InstalledIndex,
  Manifest,
  ManifestFile,
  RegistryIndex,
} from "../src/weights/types.gen.ts";
export type { WeightsConfig } from "../src/config/types.gen.ts";
export {
  type AppliedUpdate,
  DEFAULT_CHUNK_SIZE,
  type InstalledModel,
  MAX_CONCURRENCY,
  type ModelFileInfo,
  type ModelInfo,
  pack,
  type PackOptions,
  type PackResult,
  parseModelRef,
  type PruneCacheResult,
  type PullOptions,
  type PullPhase,
  type PullProgress,
  type PullResult,
  type RemoteModel,
  type RemoveResult,
  type RetryPolicy,
  type UpdateFailure,
  type UpdateStatus,
  WeightsManager,
  type WeightsManagerOptions,
  type WeightsReporter,
  type WeightsUpdateResult,
} from "../src/weights/mod.ts";
