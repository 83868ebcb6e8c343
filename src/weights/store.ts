/**
 * The models directory: installed models at `<group>/<model>/<version>/`, `registry.json`, the chunk cache
 * (`.cache/`), staging directories (`.staging/`) and lock files (`.locks/`).
 *
 * @module
 */
import { lstat, mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { atomicWrite } from "../fs/atomic_write.ts";
import { StarmapError } from "../errors.ts";
import { acquireFileLock, type FileLock } from "../runtime/file_lock.ts";
import { processAlive, processId } from "../runtime/process_info.ts";
import { ChunkCache } from "./chunk_cache.ts";
import { checkName } from "./safe_path.ts";
import { type InstalledEntry, LocalRegistry } from "./schema.ts";
import { storage, storageError } from "./storage_error.ts";

/** Options of a {@link WeightsStore}. */
export interface StoreOptions {
  /** How long to wait for the `registry.json` lock, in ms. @default 30000 */
  lockTimeoutMs?: number;
  /** Use the portable lock file instead of native file locks. @default false */
  portableLocks?: boolean;
}

/** The on-disk state of installed weights. */
export class WeightsStore {
  /** The models directory. */
  readonly root: string;
  /** The chunk cache. */
  readonly cache: ChunkCache;
  /** `registry.json`. */
  readonly registryFile: string;
  readonly #options: StoreOptions;

  /** Makes a store over a models directory (nothing is created until needed). */
  constructor(root: string, options: StoreOptions = {}) {
    this.root = root;
    this.cache = new ChunkCache(join(root, ".cache"));
    this.registryFile = join(root, "registry.json");
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

  /** A fresh staging directory name for this process. */
  stagingDir(): string {
    return join(this.root, ".staging", `${processId()}-${crypto.randomUUID().slice(0, 8)}`);
  }

  /** Takes a lock under `.locks/`. */
  async #lock(name: string, timeoutMs: number, signal?: AbortSignal): Promise<FileLock> {
    const path = join(this.root, ".locks", name);
    return await storage("lock", path, () =>
      acquireFileLock(path, {
        timeoutMs,
        ...(signal ? { signal } : {}),
        ...(this.#options.portableLocks ? { portable: true } : {}),
      }));
  }

  /** Runs `fn` under the cross-process lock of `registry.json` and the chunk cache. */
  async withStateLock<T>(fn: () => Promise<T>): Promise<T> {
    const lock = await this.#lock("state.lock", this.#options.lockTimeoutMs ?? 30_000);
    try {
      return await fn();
    } finally {
      await lock.release();
    }
  }

  /** Takes the per-model lock that pulls and removals of `group/model` share. */
  modelLock(group: string, model: string, timeoutMs: number, signal?: AbortSignal): Promise<FileLock> {
    return this.#lock(`${checkName(group, "group")}@${checkName(model, "model")}.lock`, timeoutMs, signal);
  }

  /** Reads `registry.json` (empty when missing). @throws {StarmapError} `storage` when unreadable or corrupt. */
  async readRegistry(): Promise<LocalRegistry> {
    let text: string;
    try {
      text = await readFile(this.registryFile, "utf8");
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ENOENT" || code === "ENOTDIR") return {};
      throw storageError(error, "read", this.registryFile);
    }
    const parsed = (() => {
      try {
        return LocalRegistry.safeParse(JSON.parse(text));
      } catch {
        return undefined;
      }
    })();
    if (!parsed?.success) {
      throw new StarmapError("storage", `${this.registryFile} is corrupt`, {
        hint: "move it aside; installed models can then be pulled again",
      });
    }
    return parsed.data;
  }

  /** The entry of an installed version, if any. */
  async installed(group: string, model: string, version: string): Promise<InstalledEntry | undefined> {
    return (await this.readRegistry())[group]?.[model]?.[version];
  }

  /** Read-modify-writes `registry.json` atomically. Call under the state lock. */
  async writeRegistry(update: (registry: LocalRegistry) => void): Promise<LocalRegistry> {
    const registry = await this.readRegistry();
    update(registry);
    for (const [g, models] of Object.entries(registry)) {
      for (const [m, versions] of Object.entries(models)) if (!Object.keys(versions).length) delete models[m];
      if (!Object.keys(models).length) delete registry[g];
    }
    await storage(
      "write",
      this.registryFile,
      () => atomicWrite(this.registryFile, `${JSON.stringify(registry, null, 2)}\n`),
    );
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
          {
            hint: "remove it from the models directory, then pull again",
          },
        );
      }
      if (!info) await storage("create", dir, () => mkdir(dir));
    }
  }

  /** Removes staging directories left by dead processes. */
  async cleanStaging(): Promise<number> {
    const dir = join(this.root, ".staging");
    let removed = 0;
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const pid = Number(name.split("-")[0]);
      if (processAlive(pid)) continue;
      await rm(join(dir, name), { recursive: true, force: true });
      removed++;
    }
    return removed;
  }

  /** The size of a directory tree in bytes (symlinks are not followed). */
  async sizeOf(dir: string): Promise<number> {
    const info = await lstat(dir).catch(() => undefined);
    if (!info) return 0;
    if (!info.isDirectory()) return info.size;
    let total = 0;
    for (const name of await readdir(dir)) total += await this.sizeOf(join(dir, name));
    return total;
  }

  /** Tells whether a path exists. */
  async exists(path: string): Promise<boolean> {
    return (await stat(path).catch(() => undefined)) !== undefined;
  }
}
