/**
 * Installing one version: plan which chunks the selected files need, link the files the store already holds,
 * check the free space, stage the other files at their full size and let the engine write each chunk once into
 * them, then link every file into the store and the version directory, swap it into place and record it.
 * A failure leaves the old install (if any) and the staged files with their journal, for a resume.
 *
 * @module
 */
import { link, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { freeBytes } from "../runtime/mod.ts";
import { allocatedBytes, ensureSizedFile } from "../runtime/mod.ts";
import { hostName, processId, processStart } from "../runtime/mod.ts";
import { runEngine, type TransferCounters } from "./_engine.ts";
import { WeightsStorageError } from "./_errors.ts";
import { fileKey, type FilesRecord, knownFiles } from "./_file_keys.ts";
import { fileMatches } from "./_file_check.ts";
import { statedSha256, storedBySha256 } from "./_shared_files.ts";
import type { RetryPolicy } from "./_http.ts";
import { Journal } from "./_journal.ts";
import {
  ChunkClaims,
  type ChunkLocation,
  installedChunks,
  type InstalledVersionDir,
} from "./_local_chunks.ts";
import { type ChunkTask, type FilePlan, planTransfer, portionKey } from "./_plan.ts";
import type { RegistryClient } from "./_registry_client.ts";
import { safeJoin } from "./_safe_path.ts";
import type { InstalledEntry, Manifest } from "./_schema.ts";
import { storage } from "./_storage_error.ts";
import type { WeightsStore } from "./_store.ts";
import { markStopped } from "./_sweep.ts";

/** Where a version goes. */
export interface InstallTarget {
  /** The model's group. */
  group: string;
  /** The model's name in its group. */
  model: string;
  /** The resolved version. */
  version: string;
  /** The manifest's hash. */
  manifestHash: string;
  /** The `registry.json` entry written once the files are in place. */
  entry: InstalledEntry;
}

/** What {@link installVersion} needs besides the store and the target. */
export interface InstallOptions {
  /** The verified manifest. */
  manifest: Manifest;
  /** The manifest's bytes, copied into the version's `.starmap/manifest.json`. */
  manifestBytes: Uint8Array;
  /** Which files to take. */
  select: (path: string) => boolean;
  /** The registry. */
  registry: RegistryClient;
  /** Parallel chunk transfers. */
  concurrency: number;
  /** Retries of a broken or mismatching chunk. */
  retry: RetryPolicy;
  /** Cancels the pull. */
  signal: AbortSignal;
  /** The installed versions whose files may hold chunks and stored files of this one. */
  installed: () => Promise<InstalledVersionDir[]>;
  /** Progress: the transfer's total, counters and bytes in flight. */
  onProgress: (
    total: { bytes: number; chunks: number },
    counters: TransferCounters,
    inFlight: number,
  ) => void;
  /** Diagnostics. */
  note: (message: string) => void;
  /** Every chunk is in place; the files are being linked and the version swapped into place. */
  onInstalling?: () => void;
  /**
   * Read and check a stored file before sharing it (a forced pull: a stored copy damaged through one of its
   * links is removed from the store and fetched again, not installed again). @default false
   */
  checkStored?: boolean;
}

/** What an install did. */
export interface InstallCounts {
  /** Chunks fetched from the registry. */
  fetchedChunks: number;
  /** Chunks copied from files already on this disk. */
  localChunks: number;
  /** Chunks an interrupted pull had already verified. */
  resumedChunks: number;
  /** Files taken from the store without any transfer. */
  sharedFiles: number;
}

interface Staged {
  staging: string;
  journal: Journal;
  digests: Map<string, string>;
  files: FilePlan[];
  shared: Map<number, string>;
  tasks: ChunkTask[];
}

const stagedName = (staging: string, file: number) => join(staging, `f${file}`);

/** Plans, links what the store has, checks the space and stages the rest. */
async function stage(store: WeightsStore, target: InstallTarget, o: InstallOptions): Promise<Staged> {
  const plan = planTransfer(o.manifest, o.select);
  for (const f of plan.files) safeJoin(store.root, f.path);
  const staging = store.stagingDir(target.group, target.model, target.version, target.manifestHash);
  // Read only: a pull refused for lack of space must not leave a staging directory behind.
  const journal = await Journal.open(join(staging, "journal"));
  const known = await knownFiles((await o.installed()).map((v) => v.dir));
  const digests = known.digests;
  for (const [k, v] of journal.digests()) digests.set(k, v);
  const shared = new Map<number, string>();
  for (const f of plan.files) {
    const key = fileKey(f, digests);
    if (key && (await store.exists(store.storeFile(key)))) {
      if (!o.checkStored || (await fileMatches(store.storeFile(key), f, (k) => digests.get(k)))) {
        shared.set(f.index, key);
        continue;
      }
      await rm(store.storeFile(key), { force: true });
    }
    const stated = statedSha256(o.manifest, f.index);
    const same = stated && (await storedBySha256(known, stated, f.size, (k) => store.storeFile(k)));
    if (same) shared.set(f.index, same);
  }
  await checkSpace(staging, plan.files.filter((f) => !shared.has(f.index)));
  await storage("create", staging, () => mkdir(staging, { recursive: true }));
  const owner = { pid: processId(), host: hostName(), started: processStart() };
  await storage("write", staging, () => writeFile(join(staging, "owner.json"), JSON.stringify(owner)));
  await holdShared(store, staging, shared);
  const tasks = plan.tasks.map((t) => ({
    ...t,
    occurrences: t.occurrences.map((o) => o.filter((p) => !shared.has(p.file))).filter((o) => o.length),
  })).filter((t) => t.occurrences.length);
  const toStage = plan.files.filter((f) => !shared.has(f.index));
  for (const f of toStage) {
    await storage("create", staging, () => ensureSizedFile(stagedName(staging, f.index), f.size));
  }
  return { staging, journal, digests, files: plan.files, shared, tasks };
}

/**
 * Links each stored file the pull will share into its staging directory, so that it stays while the pull runs
 * (the store keeps a file with another link: removing the last version that used it, or `prune`, must not take
 * it); one already gone is fetched instead.
 */
async function holdShared(store: WeightsStore, staging: string, shared: Map<number, string>): Promise<void> {
  for (const [index, key] of [...shared]) {
    const held = join(staging, `s${index}`);
    await rm(held, { force: true });
    await link(store.storeFile(key), held).catch((error) => {
      // Without hard links (EPERM, EXDEV) the store does not count links either: nothing to hold.
      if ((error as { code?: string }).code === "ENOENT") shared.delete(index);
    });
  }
}

/**
 * Shares, once the chunks are in, the files another pull stored meanwhile with the SHA-256 the manifest states
 * (two pulls of models sharing a file off the chunk grid that ran at once: neither could share it when it
 * started, so the one finishing second installs the first's copy and drops its own). The staged copy stays until
 * the install is committed, so a pull stopped now still resumes from it.
 */
async function shareLate(store: WeightsStore, o: InstallOptions, s: Staged): Promise<void> {
  const late = s.files.filter((f) => !s.shared.has(f.index) && statedSha256(o.manifest, f.index));
  if (!late.length) return;
  const known = await knownFiles((await o.installed()).map((v) => v.dir));
  const found = new Map<number, string>();
  for (const f of late) {
    const key = await storedBySha256(
      known,
      statedSha256(o.manifest, f.index)!,
      f.size,
      (k) => store.storeFile(k),
    );
    if (key) found.set(f.index, key);
  }
  await holdShared(store, s.staging, found);
  for (const [index, key] of found) s.shared.set(index, key);
}

/** Refuses a pull that cannot fit: the bytes still to write against the file system's free space. */
async function checkSpace(staging: string, files: readonly FilePlan[]): Promise<void> {
  let needed = 0;
  for (const f of files) needed += f.size - (await allocatedBytes(stagedName(staging, f.index)));
  const available = await freeBytes(staging);
  if (available === undefined || needed <= available) return;
  throw new WeightsStorageError(
    `not enough free space in ${
      dirname(dirname(staging))
    }: the pull needs ${needed} bytes, ${available} are free`,
    { action: "pull", path: dirname(dirname(staging)), code: "NO_SPACE", needed, available },
  );
}

/** Links a file into place: into the store under its key, then from the store into the version tree. */
async function placeFile(
  store: WeightsStore,
  from: string | undefined,
  key: string,
  to: string,
): Promise<void> {
  const stored = store.storeFile(key);
  await mkdir(dirname(to), { recursive: true });
  if (from !== undefined) {
    await mkdir(store.storeDir, { recursive: true });
    try {
      await link(from, stored);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== "EEXIST") {
        // No hard links on this file system: the version keeps its own copy.
        await rename(from, to);
        return;
      }
    }
  }
  await link(stored, to);
}

/** Builds the version tree from the store and swaps it into place; records it; frees unused stored files. */
async function commit(
  store: WeightsStore,
  target: InstallTarget,
  o: InstallOptions,
  s: Staged,
  installed: () => Promise<void>,
): Promise<void> {
  const tree = join(s.staging, "tree");
  const dir = store.modelDir(target.group, target.model, target.version);
  const record: FilesRecord = { files: [], digests: {} };
  await store.withStateLock(() =>
    storage("install files into", dir, async () => {
      await rm(tree, { recursive: true, force: true });
      for (const f of s.files) {
        const key = s.shared.get(f.index) ?? fileKey(f, s.digests)!;
        const from = s.shared.has(f.index) ? undefined : stagedName(s.staging, f.index);
        await placeFile(store, from, key, safeJoin(tree, f.path));
        const stated = statedSha256(o.manifest, f.index);
        record.files.push({ path: f.path, size: f.size, key, ...(stated ? { sha256: stated } : {}) });
        for (const p of f.portions) {
          if (!p.whole) record.digests[portionKey(p)] = s.digests.get(portionKey(p))!;
        }
      }
      await mkdir(join(tree, ".starmap"), { recursive: true });
      await writeFile(join(tree, ".starmap", "manifest.json"), o.manifestBytes);
      await writeFile(join(tree, ".starmap", "files.json"), JSON.stringify(record));
      const old = join(s.staging, "old");
      if (await store.exists(dir)) await rename(dir, old);
      await rename(tree, dir);
      await store.writeRegistry((r) => {
        ((r[target.group] ??= {})[target.model] ??= {})[target.version] = target.entry;
      });
      await installed();
      await rm(s.staging, { recursive: true, force: true });
      await store.collect();
    })
  );
}

/** Fetches (or copies, or shares) and installs a version; returns what came from where. */
export async function installVersion(
  store: WeightsStore,
  target: InstallTarget,
  options: InstallOptions,
): Promise<InstallCounts> {
  const staging = store.stagingDir(target.group, target.model, target.version, target.manifestHash);
  try {
    return await install(store, target, options, await stage(store, target, options));
  } catch (error) {
    // A pull that stops on its own terms keeps its staging for a resume (until `prune`): no sweep removes it.
    await markStopped(staging).catch(() => {});
    throw error;
  }
}

async function install(
  store: WeightsStore,
  target: InstallTarget,
  options: InstallOptions,
  s: Staged,
): Promise<InstallCounts> {
  const claims = new ChunkClaims(store.claimsDir);
  let local = await installedChunks(await options.installed());
  const counters: TransferCounters = { fetched: 0, copied: 0, resumed: 0, verifiedBytes: 0, networkBytes: 0 };
  const total = { bytes: s.tasks.reduce((a, t) => a + t.size, 0), chunks: s.tasks.length };
  try {
    await runEngine({
      tasks: s.tasks,
      staged: (f) => stagedName(s.staging, f),
      journal: s.journal,
      registry: options.registry,
      local: async (hash, again): Promise<ChunkLocation[]> => {
        if (again && !local.has(hash)) local = await installedChunks(await options.installed());
        const at = local.get(hash);
        return at ? [at] : [];
      },
      claims,
      concurrency: options.concurrency,
      retry: options.retry,
      signal: options.signal,
      counters,
      onProgress: (inFlight) => options.onProgress(total, counters, inFlight),
      note: options.note,
    });
    await s.journal.close();
    for (const [k, v] of s.journal.digests()) s.digests.set(k, v);
    options.signal.throwIfAborted();
    await shareLate(store, options, s);
    options.onInstalling?.();
    await commit(store, target, options, s, () => claims.release());
  } finally {
    await s.journal.close();
    await claims.release().catch(() => {});
  }
  return {
    fetchedChunks: counters.fetched,
    localChunks: counters.copied,
    resumedChunks: counters.resumed,
    sharedFiles: s.shared.size,
  };
}
