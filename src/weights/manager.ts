/**
 * `WeightsManager`: list, pull, remove, inspect and update model weights from a content-addressed registry.
 *
 * @module
 */
import { mkdir, readFile, rename, rm, rmdir } from "node:fs/promises";
import { join } from "node:path";
import { isStarmapError, StarmapError } from "../errors.ts";
import { platformDir } from "../runtime/dirs.ts";
import { hasPermission } from "../runtime/runtime.ts";
import { defaultRetryPolicy, type FetchContext, type RetryPolicy } from "./http.ts";
import type { PullProgress } from "./progress.ts";
import { installVersion } from "./install.ts";
import { fetchIndex, fetchManifest, planChunks, resolveVersion } from "./registry_client.ts";
import { checkName, safeJoin } from "./safe_path.ts";
import { type InstalledEntry, Manifest, type RegistryIndex } from "./schema.ts";
import { WeightsStore } from "./store.ts";
import { parseModelRef } from "./model_ref.ts";
import type {
  AppliedUpdate,
  InstalledModel,
  ModelInfo,
  PruneCacheResult,
  PullResult,
  RemoteModel,
  RemoveResult,
  UpdateStatus,
  WeightsUpdateResult,
} from "./types.ts";

export { parseModelRef } from "./model_ref.ts";
export type * from "./types.ts";
import { storage } from "./storage_error.ts";
import { MAX_CONCURRENCY } from "../limits.ts";

export { MAX_CONCURRENCY };

/** Chunks unused for this long are pruned. */
export const STALE_CHUNK_MS = 24 * 3600_000;

/** Options of a {@link WeightsManager}. */
export interface WeightsManagerOptions {
  /** The registry's base URL (serving `models.json` and `data/<hash>`). */
  registryUrl?: string | undefined;
  /** The models directory. @default the platform data dir's `starmap/models` */
  dataDir?: string | undefined;
  /** Parallel chunk downloads, 1 to 16. @default 4 */
  concurrency?: number | undefined;
  /** Called as a pull progresses. */
  onProgress?: ((progress: PullProgress) => void) | undefined;
  /** Diagnostics (retries, waiting for locks). */
  logger?: ((message: string) => void) | undefined;
  /** The fetch to use. @default globalThis.fetch */
  fetch?: typeof fetch | undefined;
  /** Cancels every operation of this manager. */
  signal?: AbortSignal | undefined;
  /** Retry policy overrides (tests use short delays). */
  retry?: Partial<RetryPolicy> | undefined;
  /** How long to wait for the `registry.json` lock and, in `remove`, the model lock, in ms. @default 30000 */
  lockTimeoutMs?: number | undefined;
  /** Keep chunks in the cache after a pull (faster re-pulls, more disk). @default false */
  keepChunks?: boolean | undefined;
  /** Use portable lock files instead of native file locks. @default false */
  portableLocks?: boolean | undefined;
}

/** Options of one pull. */
export interface PullOptions {
  /** Pull again even when installed with the same manifest. */
  force?: boolean;
  /** Cancels this pull. */
  signal?: AbortSignal;
}

/**
 * The platform's models directory.
 *
 * @throws {StarmapError} `invalid`, naming what is missing, when it cannot be known.
 */
function defaultModelsDir(): string {
  const data = platformDir("data");
  if (data) return join(data, "models");
  if (!hasPermission("env")) {
    throw new StarmapError(
      "invalid",
      "cannot tell where to keep model weights: environment access is not granted (home directory unknown)",
      {
        hint:
          "pass --models-dir <dir> and grant --allow-read and --allow-write for it (or grant --allow-env)",
      },
    );
  }
  throw new StarmapError(
    "invalid",
    "cannot tell where to keep model weights: no home or data directory is set",
    {
      hint: "pass --models-dir <dir> or set STARMAP_MODELS_DIR",
    },
  );
}

function resumeHint(error: unknown, ref: string, version: string): unknown {
  if (!isStarmapError(error) || (error.kind !== "network" && error.kind !== "storage")) return error;
  const resume = `re-run \`starmap weights pull ${ref} ${version}\` to resume (verified chunks are kept)`;
  return new StarmapError(error.kind, error.message, {
    cause: error.cause ?? error,
    hint: error.hint ? `${error.hint}; ${resume}` : resume,
  });
}

/**
 * Manages model weights in a models directory, pulled from a content-addressed registry. Every method is safe to
 * call concurrently, in one process or several.
 *
 * @example
 * ```ts
 * const weights = new WeightsManager({ registryUrl: "https://registry.example/", concurrency: 8 });
 * const pulled = await weights.pull("acme/tiny", "1.0");
 * console.log(pulled.path);
 * ```
 */
export class WeightsManager {
  #lazyStore: WeightsStore | undefined;
  readonly #options: WeightsManagerOptions;
  readonly #concurrency: number;
  readonly #retry: RetryPolicy;

  /**
   * Makes a manager; the models directory is resolved when an operation first needs it.
   *
   * @throws {StarmapError} `invalid` for a bad concurrency.
   */
  constructor(options: WeightsManagerOptions = {}) {
    const concurrency = options.concurrency ?? 4;
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new StarmapError(
        "invalid",
        `concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}, got ${concurrency}`,
      );
    }
    this.#options = options;
    this.#concurrency = concurrency;
    this.#retry = { ...defaultRetryPolicy, ...options.retry };
  }

  /**
   * The on-disk store, made on first use: remote operations need no models directory.
   *
   * @throws {StarmapError} `invalid` when no models directory is given and the platform's cannot be known.
   */
  get #store(): WeightsStore {
    if (this.#lazyStore) return this.#lazyStore;
    const dataDir = this.#options.dataDir ?? defaultModelsDir();
    this.#lazyStore = new WeightsStore(dataDir, {
      ...(this.#options.lockTimeoutMs !== undefined ? { lockTimeoutMs: this.#options.lockTimeoutMs } : {}),
      ...(this.#options.portableLocks ? { portableLocks: true } : {}),
    });
    return this.#lazyStore;
  }

  /** The models directory. @throws {StarmapError} `invalid` when it cannot be known. */
  get dataDir(): string {
    return this.#store.root;
  }

  #registry(): string {
    const url = this.#options.registryUrl;
    if (!url) {
      throw new StarmapError("invalid", "no weights registry is configured", {
        hint: "pass --registry <url>, set STARMAP_REGISTRY_URL or weights.registry in the config file",
      });
    }
    return url;
  }

  #signal(extra?: AbortSignal): AbortSignal {
    const signals = [this.#options.signal, extra].filter((s): s is AbortSignal => s !== undefined);
    return signals.length ? AbortSignal.any(signals) : new AbortController().signal;
  }

  #ctx(signal: AbortSignal): FetchContext {
    return {
      fetch: this.#options.fetch ?? globalThis.fetch,
      signal,
      retry: this.#retry,
      log: (m) => this.#options.logger?.(m),
    };
  }

  /** Fetches the registry index. */
  async #index(signal: AbortSignal): Promise<RegistryIndex> {
    return await fetchIndex(this.#registry(), this.#ctx(signal));
  }

  #installed(group: string, model: string, version: string, e: InstalledEntry): InstalledModel {
    return {
      ref: `${group}/${model}`,
      version,
      manifestHash: e.manifest_hash,
      totalSize: e.total_size,
      fileCount: e.file_count,
      installedAt: e.installed_at,
      path: this.#store.modelDir(group, model, version),
    };
  }

  /** Lists installed versions. */
  async list(): Promise<InstalledModel[]>;
  /** Lists the registry's versions. */
  async list(options: { remote: true; signal?: AbortSignal }): Promise<RemoteModel[]>;
  /** Lists installed versions, or the registry's with `remote: true`. */
  async list(options?: { remote?: boolean; signal?: AbortSignal }): Promise<InstalledModel[] | RemoteModel[]>;
  async list(
    options: { remote?: boolean; signal?: AbortSignal } = {},
  ): Promise<InstalledModel[] | RemoteModel[]> {
    if (options.remote) {
      const index = await this.#index(this.#signal(options.signal));
      return Object.entries(index).flatMap(([g, models]) =>
        Object.entries(models).flatMap(([m, versions]) =>
          Object.entries(versions).map(([v, e]) => ({
            ref: `${g}/${m}`,
            version: v,
            ...(e.hash !== undefined && e.alias === undefined ? { hash: e.hash } : {}),
            ...(e.alias !== undefined ? { alias: e.alias } : {}),
            metadata: e.metadata ?? {},
          }))
        )
      ).sort((a, b) => a.ref.localeCompare(b.ref) || a.version.localeCompare(b.version));
    }
    const registry = await this.#store.readRegistry();
    return Object.entries(registry).flatMap(([g, models]) =>
      Object.entries(models).flatMap(([m, versions]) =>
        Object.entries(versions).map(([v, e]) => this.#installed(g, m, v, e))
      )
    ).sort((a, b) => a.ref.localeCompare(b.ref) || a.version.localeCompare(b.version));
  }

  /** The directory of an installed version. @throws {StarmapError} `not_installed`. */
  async path(ref: string, version: string): Promise<string> {
    return (await this.#require(ref, version)).path;
  }

  async #require(ref: string, version: string): Promise<InstalledModel> {
    const { group, model } = parseModelRef(ref);
    checkName(version, "version");
    const entry = await this.#store.installed(group, model, version);
    if (!entry) {
      const have = (await this.list()).filter((i) => i.ref === `${group}/${model}`).map((i) => i.version);
      throw new StarmapError("not_installed", `${group}/${model} ${version} is not installed`, {
        hint: have.length
          ? `installed versions: ${have.join(", ")}`
          : `pull it with \`starmap weights pull ${group}/${model} ${version}\``,
      });
    }
    return this.#installed(group, model, version, entry);
  }

  /**
   * Details of a version: installed (from its copied manifest) or, with `remote`, from the registry.
   *
   * @throws {StarmapError} `not_installed`, `not_found`, `network`, `verification`.
   */
  async info(
    ref: string,
    version: string,
    options: { remote?: boolean; signal?: AbortSignal } = {},
  ): Promise<ModelInfo> {
    if (options.remote) {
      const { group, model } = parseModelRef(ref);
      const signal = this.#signal(options.signal);
      const resolved = resolveVersion(await this.#index(signal), group, model, version);
      const { manifest } = await fetchManifest(this.#registry(), resolved.hash, this.#ctx(signal));
      planChunks(manifest);
      return {
        ...this.#describe(`${group}/${model}`, resolved.version, "remote", resolved.hash, manifest),
        ...(resolved.requested !== resolved.version ? { requested: resolved.requested } : {}),
        metadata: resolved.metadata,
      };
    }
    const installed = await this.#require(ref, version);
    const file = join(installed.path, ".starmap", "manifest.json");
    const manifest = await storage(
      "read",
      file,
      async () => Manifest.parse(JSON.parse(await readFile(file, "utf8"))),
    );
    return {
      ...this.#describe(installed.ref, version, "local", installed.manifestHash, manifest),
      path: installed.path,
      installedAt: installed.installedAt,
    };
  }

  #describe(ref: string, version: string, source: "local" | "remote", hash: string, m: Manifest): ModelInfo {
    return {
      ref,
      version,
      source,
      manifestHash: hash,
      totalSize: m.total_size,
      chunkSize: m.chunk_size,
      chunkCount: m.chunks.length,
      files: m.files.map((f) => ({ path: f.path, size: f.size })),
    };
  }

  /**
   * Downloads and installs a version: verifies the manifest and every chunk, reconstructs the files in a staging
   * directory, moves it into place, then records it. A second pull of the same model (here or in another process)
   * waits and then reports it installed. An interrupted pull resumes from the cached chunks.
   *
   * @throws {StarmapError} `not_found`, `network`, `verification`, `storage`; or the abort reason.
   */
  async pull(ref: string, version: string, options: PullOptions = {}): Promise<PullResult> {
    const { group, model } = parseModelRef(ref);
    checkName(version, "version");
    try {
      return await this.#pull(group, model, version, options);
    } catch (error) {
      throw resumeHint(error, `${group}/${model}`, version);
    }
  }

  async #pull(group: string, model: string, version: string, options: PullOptions): Promise<PullResult> {
    const ref = `${group}/${model}`;
    const signal = this.#signal(options.signal);
    const ctx = this.#ctx(signal);
    const progress: PullProgress = {
      ref,
      version,
      phase: "manifest",
      totalBytes: 0,
      doneBytes: 0,
      networkBytes: 0,
      chunks: 0,
      chunksDone: 0,
      cachedChunks: 0,
    };
    const emit = () => this.#options.onProgress?.({ ...progress });
    emit();
    const resolved = resolveVersion(await this.#index(signal), group, model, version);
    progress.version = resolved.version;
    const dir = this.#store.modelDir(group, model, resolved.version);
    await this.#store.ensureRealDirs();
    const lock = await this.#store.modelLock(group, model, 7 * 24 * 3600_000, signal);
    try {
      const existing = await this.#store.installed(group, model, resolved.version);
      const base = { ref, version: resolved.version, requested: version, fetchedChunks: 0, cachedChunks: 0 };
      if (existing && !options.force && (await this.#store.exists(dir))) {
        progress.phase = "done";
        emit();
        return {
          ...this.#installed(group, model, resolved.version, existing),
          ...base,
          status: "already_installed",
          updateAvailable: existing.manifest_hash !== resolved.hash,
        };
      }
      const { manifest, bytes } = await fetchManifest(this.#registry(), resolved.hash, ctx);
      const jobs = planChunks(manifest);
      for (const f of manifest.files) safeJoin(dir, f.path);
      await this.#store.ensureRealDirs(group, model);
      const entry: InstalledEntry = {
        manifest_hash: resolved.hash,
        total_size: manifest.total_size,
        file_count: manifest.files.length,
        installed_at: new Date().toISOString(),
      };
      const target = { group, model, version: resolved.version, dir, entry };
      const counts = await installVersion(this.#store, target, {
        manifest,
        manifestBytes: bytes,
        jobs,
        base: this.#registry(),
        ctx,
        concurrency: this.#concurrency,
        keepChunks: this.#options.keepChunks ?? false,
        progress,
        emit,
      });
      progress.phase = "done";
      emit();
      return {
        ...this.#installed(group, model, resolved.version, entry),
        ...base,
        ...counts,
        status: "installed",
        updateAvailable: false,
      };
    } finally {
      await lock.release();
    }
  }

  /**
   * Removes an installed version, or every version of the model when `version` is omitted. Waits (up to the lock
   * timeout) for a pull of the same model to finish first.
   *
   * @throws {StarmapError} `not_installed`, `storage`.
   */
  async remove(ref: string, version?: string, options: { signal?: AbortSignal } = {}): Promise<RemoveResult> {
    const { group, model } = parseModelRef(ref);
    if (version !== undefined) checkName(version, "version");
    const signal = this.#signal(options.signal);
    const lock = await this.#store.modelLock(group, model, this.#options.lockTimeoutMs ?? 30_000, signal);
    try {
      const versions = version !== undefined
        ? [version]
        : Object.keys((await this.#store.readRegistry())[group]?.[model] ?? {});
      if (!versions.length) {
        throw new StarmapError("not_installed", `no version of ${group}/${model} is installed`, {
          hint: "see what is installed with `starmap weights list`",
        });
      }
      const removed = await Promise.all(versions.map((v) => this.#require(ref, v)));
      let freedBytes = 0;
      for (const r of removed) freedBytes += await this.#store.sizeOf(r.path);
      await this.#store.withStateLock(() =>
        this.#store.writeRegistry((registry) => {
          for (const v of versions) delete registry[group]?.[model]?.[v];
        })
      );
      for (const r of removed) {
        const trash = this.#store.stagingDir();
        await storage("remove", r.path, async () => {
          await mkdir(join(trash, ".."), { recursive: true });
          await rename(r.path, trash).catch((e) =>
            (e as { code?: string }).code === "ENOENT" ? undefined : Promise.reject(e)
          );
          await rm(trash, { recursive: true, force: true });
        });
      }
      for (const dir of [join(this.dataDir, group, model), join(this.dataDir, group)]) {
        await rmdir(dir).catch(() => {});
      }
      return { removed, freedBytes };
    } finally {
      await lock.release();
    }
  }

  /** Removes every installed version. @throws {StarmapError} `storage`. */
  async removeAll(options: { signal?: AbortSignal } = {}): Promise<RemoveResult> {
    const refs = [...new Set((await this.list()).map((i) => i.ref))];
    const out: RemoveResult = { removed: [], freedBytes: 0 };
    for (const ref of refs) {
      const r = await this.remove(ref, undefined, options).catch((e) =>
        isStarmapError(e, "not_installed") ? { removed: [], freedBytes: 0 } : Promise.reject(e)
      );
      out.removed.push(...r.removed);
      out.freedBytes += r.freedBytes;
    }
    return out;
  }

  /**
   * Compares installed manifests with the registry's, without downloading anything: all installed versions, those
   * of one model, or one version.
   *
   * @throws {StarmapError} `not_installed` when a named model or version is not installed, `network`.
   */
  async checkUpdate(
    ref?: string,
    version?: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<UpdateStatus[]> {
    let installed = await this.list();
    if (ref !== undefined) {
      const { group, model } = parseModelRef(ref);
      if (version !== undefined) await this.#require(ref, version);
      installed = installed.filter((i) =>
        i.ref === `${group}/${model}` && (version === undefined || i.version === version)
      );
      if (!installed.length) {
        throw new StarmapError("not_installed", `no version of ${group}/${model} is installed`, {
          hint: "see what is installed with `starmap weights list`",
        });
      }
    }
    if (!installed.length) return [];
    const index = await this.#index(this.#signal(options.signal));
    return installed.map((i) => {
      const [group, model] = i.ref.split("/") as [string, string];
      let remoteHash: string | null = null;
      try {
        remoteHash = resolveVersion(index, group, model, i.version).hash;
      } catch (error) {
        if (!isStarmapError(error, "not_found")) throw error;
      }
      return {
        ref: i.ref,
        version: i.version,
        installedHash: i.manifestHash,
        remoteHash,
        updateAvailable: remoteHash !== null && remoteHash !== i.manifestHash,
      };
    });
  }

  /**
   * Pulls again every checked version (as {@link checkUpdate} selects them) whose registry manifest changed, and
   * reports each version's state afterwards.
   *
   * @throws {StarmapError} as {@link checkUpdate} and {@link pull}.
   */
  async applyUpdates(
    ref?: string,
    version?: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<WeightsUpdateResult> {
    const checked = await this.checkUpdate(ref, version, options);
    const applied: PullResult[] = [];
    const status: AppliedUpdate[] = [];
    for (const s of checked) {
      if (!s.updateAvailable) {
        status.push({ ...s, updated: false });
        continue;
      }
      const pulled = await this.pull(s.ref, s.version, { ...options, force: true });
      applied.push(pulled);
      status.push({
        ...s,
        installedHash: pulled.manifestHash,
        remoteHash: pulled.manifestHash,
        updateAvailable: false,
        updated: true,
        previousHash: s.installedHash,
      });
    }
    return { status, applied };
  }

  /** Deletes cached chunks unused for `maxAgeMs` (24 h) that no running pull needs, and dead pulls' staging dirs. */
  async pruneCache(options: { maxAgeMs?: number } = {}): Promise<PruneCacheResult> {
    return await this.#store.withStateLock(async () => {
      const { chunks, bytes } = await this.#store.cache.prune(options.maxAgeMs ?? STALE_CHUNK_MS);
      return { chunks, bytes, staging: await this.#store.cleanStaging() };
    });
  }
}
