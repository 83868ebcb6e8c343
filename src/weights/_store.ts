/**
 * The models directory: installed versions at `<group>/<model>/<version>/` whose files are hard links into a
 * content-addressed store (`.store/<key>`, one copy of each distinct file whatever the number of versions using
 * it; the link count is the reference count), `registry.json`, `aliases.json`, staged pulls (`.staging/`) and
 * lock files (`.locks/`).
 *
 * @module
 */
import { lstat, mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { atomicWrite } from "../fs/mod.ts";
import { StarmapError } from "../errors.ts";
import { acquireFileLock, type FileLock, type LockOwner } from "../runtime/mod.ts";
import { allocatedBytes } from "../runtime/mod.ts";
import { hostName, processAlive } from "../runtime/mod.ts";
import { isHash } from "./_hash.ts";
import { checkName } from "./_safe_path.ts";
import { type InstalledEntry, InstalledIndex, LocalAliases } from "./_schema.ts";
import { storage, storageError } from "./_storage_error.ts";

/** Options of a {@link WeightsStore}. */
export interface StoreOptions {
  /** How long to wait for the `registry.json` lock, in ms. @default 30000 */
  lockTimeoutMs?: number;
  /** Called when a lock is busy and the store starts waiting for it. */
  onWait?: (what: string, holder: LockOwner | undefined) => void;
}

/** Options of a model lock. */
export interface ModelLockOptions {
  /** Give up after this many ms. */
  timeoutMs: number;
  /** Stops waiting. */
  signal?: AbortSignal | undefined;
  /** What the holder does, recorded for whoever waits. */
  purpose: string;
}

/** What a clean-up removed. */
export interface Freed {
  /** Entries removed. */
  count: number;
  /** Bytes of disk freed. */
  bytes: number;
}

async function readJson<T>(file: string, parse: (v: unknown) => { success: boolean; data?: T }): Promise<T> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT" || code === "ENOTDIR") return {} as T;
    throw storageError(error, "read", file);
  }
  const parsed = (() => {
    try {
      return parse(JSON.parse(text));
    } catch {
      return undefined;
    }
  })();
  if (!parsed?.success) {
    // starmap replaces it atomically: something else changed it.
    throw new StarmapError("storage", `${file} is corrupt`, {
      hint: "restore it from a backup, or move it aside and pull the models again",
    });
  }
  return parsed.data as T;
}

/** The on-disk state of installed weights. */
export class WeightsStore {
  /** The models directory. */
  readonly root: string;
  /** `registry.json`. */
  readonly registryFile: string;
  /** `aliases.json`. */
  readonly aliasesFile: string;
  /** The content-addressed store of files. */
  readonly storeDir: string;
  /** Claims of chunks being fetched. */
  readonly claimsDir: string;
  readonly #options: StoreOptions;
  #rebuilt: InstalledIndex | undefined;

  /** Makes a store over a models directory (nothing is created until needed). */
  constructor(root: string, options: StoreOptions = {}) {
    this.root = root;
    this.registryFile = join(root, "registry.json");
    this.aliasesFile = join(root, "aliases.json");
    this.storeDir = join(root, ".store");
    this.claimsDir = join(root, ".store", "claims");
    this.#options = options;
  }

  /** The directory of an installed model version (names are checked). */
  modelDir(group: string, model: string, version: string): string {
    return join(
      this.root,
      checkName(group, "group"),
      checkName(model, "model"),
      checkName(version, "version"),
    );
  }

  /** The staging directory of a pull of one manifest (stable, so an interrupted pull resumes there). */
  stagingDir(group: string, model: string, version: string, manifestHash: string): string {
    return join(this.root, ".staging", `${group}@${model}@${version}@${manifestHash.slice(0, 16)}`);
  }

  /** The stored file of a content key. */
  storeFile(key: string): string {
    return join(this.storeDir, key);
  }

  async #lock(name: string, timeoutMs: number, purpose: string, signal?: AbortSignal): Promise<FileLock> {
    const path = join(this.root, ".locks", name);
    return await storage("lock", path, () =>
      acquireFileLock(path, {
        timeoutMs,
        purpose,
        ...(signal ? { signal } : {}),
        onWait: (holder) => this.#options.onWait?.(purpose, holder),
      }));
  }

  /** Runs `fn` under the cross-process lock of `registry.json` and the file store. */
  async withStateLock<T>(fn: () => Promise<T>): Promise<T> {
    const lock = await this.#lock(
      "state.lock",
      this.#options.lockTimeoutMs ?? 30_000,
      "update registry.json",
    );
    try {
      return await fn();
    } finally {
      await lock.release();
    }
  }

  /** Takes the per-model lock that pulls and removals of `group/model` share. */
  modelLock(group: string, model: string, options: ModelLockOptions): Promise<FileLock> {
    const name = `${checkName(group, "group")}@${checkName(model, "model")}.lock`;
    return this.#lock(name, options.timeoutMs, options.purpose, options.signal);
  }

  /** Reads `registry.json` (empty when missing). @throws {StarmapError} `storage` when unreadable or corrupt. */
  async readRegistry(): Promise<InstalledIndex> {
    if (this.#rebuilt) return structuredClone(this.#rebuilt);
    return await readJson(this.registryFile, (v) => InstalledIndex.safeParse(v));
  }

  /** Serves `index` in place of a damaged `registry.json` that could not be rewritten (a read-only directory). */
  serveRebuilt(index: InstalledIndex): void {
    this.#rebuilt = index;
  }

  /** Reads `aliases.json` (empty when missing). */
  async readAliases(): Promise<LocalAliases> {
    return await readJson(this.aliasesFile, (v) => LocalAliases.safeParse(v)).catch(() => ({}));
  }

  /** Records what an alias pointed to. Call under the state lock. */
  async writeAlias(ref: string, alias: string, version: string | undefined): Promise<void> {
    const aliases = await this.readAliases();
    if (version === undefined) delete aliases[ref]?.[alias];
    else (aliases[ref] ??= {})[alias] = version;
    if (aliases[ref] && !Object.keys(aliases[ref]).length) delete aliases[ref];
    await storage(
      "write",
      this.aliasesFile,
      () => atomicWrite(this.aliasesFile, `${JSON.stringify(aliases, null, 2)}\n`),
    );
  }

  /** The entry of an installed version, if any. */
  async installed(group: string, model: string, version: string): Promise<InstalledEntry | undefined> {
    return (await this.readRegistry())[group]?.[model]?.[version];
  }

  /** Read-modify-writes `registry.json` atomically. Call under the state lock. */
  async writeRegistry(update: (registry: InstalledIndex) => void): Promise<InstalledIndex> {
    const registry = await this.readRegistry();
    update(registry);
    for (const [g, models] of Object.entries(registry)) {
      for (const [m, versions] of Object.entries(models)) if (!Object.keys(versions).length) delete models[m];
      if (!Object.keys(models).length) delete registry[g];
    }
    const text = `${JSON.stringify(registry, null, 2)}\n`;
    await storage("write", this.registryFile, () => atomicWrite(this.registryFile, text));
    return registry;
  }

  /**
   * Checks that the directories from the root down to `dir` are real directories, not symlinks, and creates
   * the missing ones. @throws {StarmapError} `verification` on a symlink, `storage` on I/O errors.
   */
  async ensureRealDirs(...segments: string[]): Promise<void> {
    let dir = this.root;
    await storage("create", this.root, () => mkdir(this.root, { recursive: true }));
    for (const segment of segments) {
      dir = join(dir, segment);
      const info = await lstat(dir).catch(() => undefined);
      if (info?.isSymbolicLink() || (info && !info.isDirectory())) {
        throw new StarmapError(
          "verification",
          `${dir} is a symlink or not a directory; refusing to write through it`,
        );
      }
      if (!info) {
        await storage(
          "create",
          dir,
          () =>
            mkdir(dir).catch((e) =>
              (e as { code?: string }).code === "EEXIST" ? undefined : Promise.reject(e)
            ),
        );
        if (!(await lstat(dir)).isDirectory()) {
          throw new StarmapError("verification", `${dir} is not a directory`);
        }
      }
    }
  }

  /** Removes staging directories of pulls whose process is gone; returns how many and the bytes freed. */
  async cleanStaging(): Promise<Freed> {
    const dir = join(this.root, ".staging");
    const freed: Freed = { count: 0, bytes: 0 };
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const path = join(dir, name);
      const owner = await readFile(join(path, "owner.json"), "utf8")
        .then((t) => JSON.parse(t) as { pid: number; host: string }).catch(() => undefined);
      if (owner && (owner.host === hostName() ? processAlive(owner.pid) : await this.#pulling(name))) {
        continue;
      }
      freed.bytes += await this.diskUsage(path, true);
      await rm(path, { recursive: true, force: true });
      freed.count++;
    }
    return freed;
  }

  /**
   * Whether a pull of another host may still use a staging directory: its model's lock is held with a live lease
   * (that host is not judged by its process ids; a lease that ran out is taken over and released here).
   */
  async #pulling(staging: string): Promise<boolean> {
    const dir = join(this.root, ".locks");
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (!name.endsWith(".lock") || !staging.startsWith(`${name.slice(0, -".lock".length)}@`)) continue;
      const lock = await acquireFileLock(join(dir, name), { timeoutMs: 0, purpose: "prune" }).catch(() =>
        undefined
      );
      if (!lock) return true;
      await lock.release();
    }
    return false;
  }

  /** Removes what older starmap versions left (the chunk cache `.cache/`); returns the bytes freed. */
  async cleanLegacy(): Promise<Freed> {
    const dir = join(this.root, ".cache");
    if (!(await this.exists(dir))) return { count: 0, bytes: 0 };
    const bytes = await this.diskUsage(dir);
    await rm(dir, { recursive: true, force: true });
    return { count: 1, bytes };
  }

  /** Removes stored files no installed version links to any more. Call under the state lock. */
  async collect(): Promise<Freed> {
    const freed: Freed = { count: 0, bytes: 0 };
    for (const name of await readdir(this.storeDir).catch(() => [] as string[])) {
      if (!isHash(name)) continue;
      const path = join(this.storeDir, name);
      const info = await stat(path).catch(() => undefined);
      if (!info || info.nlink > 1) continue;
      freed.bytes += await allocatedBytes(path);
      await rm(path, { force: true });
      freed.count++;
    }
    return freed;
  }

  /** Bytes of disk a tree occupies (symlinks are not followed); `own`: only files no other link shares. */
  async diskUsage(dir: string, own = false): Promise<number> {
    const info = await lstat(dir).catch(() => undefined);
    if (!info) return 0;
    if (!info.isDirectory()) return own && info.nlink > 1 ? 0 : await allocatedBytes(dir);
    let total = 0;
    for (const name of await readdir(dir)) total += await this.diskUsage(join(dir, name), own);
    return total;
  }

  /** Tells whether a path exists. */
  async exists(path: string): Promise<boolean> {
    return (await stat(path).catch(() => undefined)) !== undefined;
  }
}
