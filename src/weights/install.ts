/**
 * Installing one pulled version: pin its chunks, run the transfer into a staging directory, write the manifest
 * copy, move the directory into place and record it in `registry.json`. A failure leaves the old install (if any)
 * and the verified chunks, never a half-written version.
 *
 * @module
 */
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { DownloadResult } from "./downloader.ts";
import type { FetchContext } from "./http.ts";
import { transfer } from "./pipeline.ts";
import type { PullProgress } from "./progress.ts";
import type { ChunkJob } from "./registry_client.ts";
import type { InstalledEntry, Manifest } from "./schema.ts";
import { storage } from "./storage_error.ts";
import type { WeightsStore } from "./store.ts";

/** Where a version goes: its place in `registry.json`, its directory and the entry recorded for it. */
export interface InstallTarget {
  /** The model's group. */
  group: string;
  /** The model's name in its group. */
  model: string;
  /** The resolved version. */
  version: string;
  /** The version's directory. */
  dir: string;
  /** The `registry.json` entry written once the files are in place. */
  entry: InstalledEntry;
}

/** What {@link installVersion} needs besides the store and the target. */
export interface InstallOptions {
  /** The verified manifest. */
  manifest: Manifest;
  /** The manifest's bytes, copied into the version's `.starmap/manifest.json`. */
  manifestBytes: Uint8Array;
  /** The chunks to fetch or take from the cache. */
  jobs: ChunkJob[];
  /** The registry base URL. */
  base: string;
  /** Fetch, signal, retries, log. */
  ctx: FetchContext;
  /** Parallel chunk downloads. */
  concurrency: number;
  /** Keep the chunks in the cache afterwards. */
  keepChunks: boolean;
  /** The progress snapshot to update. */
  progress: PullProgress;
  /** Publishes the progress snapshot. */
  emit: () => void;
}

/** Fetches, reconstructs and installs a version; returns how many chunks were fetched and how many cached. */
export async function installVersion(
  store: WeightsStore,
  target: InstallTarget,
  options: InstallOptions,
): Promise<{ fetchedChunks: number; cachedChunks: number }> {
  const { group, model, version, dir, entry } = target;
  const { manifest, manifestBytes, jobs, ctx } = options;
  const pin = await store.withStateLock(() => store.cache.pin(jobs.map((j) => j.hash)));
  let pinned = true;
  try {
    const staging = store.stagingDir();
    const old = `${staging}-old`;
    let result: DownloadResult;
    try {
      result = await transfer(jobs, manifest, staging, {
        base: options.base,
        cache: store.cache,
        ctx,
        concurrency: options.concurrency,
        progress: options.progress,
        emit: options.emit,
      });
      await storage("write manifest in", staging, async () => {
        await mkdir(join(staging, ".starmap"), { recursive: true });
        await writeFile(join(staging, ".starmap", "manifest.json"), manifestBytes);
      });
      ctx.signal.throwIfAborted();
      await storage("move into place", dir, async () => {
        if (await store.exists(dir)) await rename(dir, old);
        await rename(staging, dir);
      });
    } finally {
      await rm(staging, { recursive: true, force: true });
      await rm(old, { recursive: true, force: true });
    }
    try {
      await store.withStateLock(async () => {
        await store.writeRegistry((r) => {
          ((r[group] ??= {})[model] ??= {})[version] = entry;
        });
        await store.cache.release(pin, !options.keepChunks);
      });
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    pinned = false;
    return { fetchedChunks: result.fetched, cachedChunks: result.cached };
  } finally {
    if (pinned) await store.withStateLock(() => store.cache.release(pin, false)).catch(() => {});
  }
}
