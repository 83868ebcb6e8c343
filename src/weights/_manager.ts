/**
 * `WeightsManager`: list, pull, remove, inspect and update model weights from a content-addressed registry.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { StarmapError } from "../errors.ts";
import { WeightsContext, type WeightsManagerOptions } from "./_context.ts";
import { readFilesRecord } from "./_file_keys.ts";
import { checkManifest } from "./_manifest_check.ts";
import { parseModelRef } from "./_model_ref.ts";
import { type PullOptions, pullVersion } from "./_pull.ts";
import { removeAll, removeVersions } from "./_remove.ts";
import { resolveVersion } from "./_registry_client.ts";
import { checkName } from "./_safe_path.ts";
import { Manifest } from "./_schema.ts";
import { storage } from "./_storage_error.ts";
import type {
  InstalledModel,
  ModelInfo,
  PruneCacheResult,
  PullResult,
  RemoteModel,
  RemoveResult,
  UpdateStatus,
  WeightsUpdateResult,
} from "./_types.ts";
import { applyUpdates, checkUpdates, listInstalled } from "./_updates.ts";
import { compareVersions } from "./_versions.ts";
import { MAX_CONCURRENCY } from "../limits.ts";

export { parseModelRef } from "./_model_ref.ts";
export type * from "./_types.ts";
export type { WeightsManagerOptions } from "./_context.ts";
export type { PullOptions } from "./_pull.ts";
export { PullInterruptedError } from "./_pull.ts";
export { MissingSettingError, WeightsStorageError } from "./_errors.ts";
export { MAX_CONCURRENCY };

function describe(
  ref: string,
  version: string,
  source: "local" | "remote",
  hash: string,
  m: Manifest,
): ModelInfo {
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

/** The details of a partial install: the files it holds, beside the whole version's totals. */
async function held(info: ModelInfo, installed: InstalledModel): Promise<ModelInfo> {
  if (!installed.partial) return info;
  const present = new Set((await readFilesRecord(installed.path))?.files.map((f) => f.path) ?? []);
  const files = info.files.filter((f) => present.has(f.path));
  return {
    ...info,
    totalSize: files.reduce((a, f) => a + f.size, 0),
    files,
    partial: true,
    manifestTotalSize: info.totalSize,
    manifestFileCount: info.files.length,
  };
}

/** Names the staging directories of a model (a pull or update of it takes a dead one over rather than sweep it). */
function stagingOf(ref: string): (name: string) => boolean {
  try {
    const { group, model } = parseModelRef(ref);
    return (name) => name.startsWith(`${group}@${model}@`);
  } catch {
    return () => false;
  }
}

/**
 * Manages model weights in a models directory, pulled from a content-addressed registry. Every method is safe to
 * call concurrently, in one process or several (Deno and the compiled binary alike).
 *
 * @example
 * ```ts
 * const weights = new WeightsManager({ registryUrl: "https://registry.example/", concurrency: 8 });
 * const pulled = await weights.pull("acme/tiny", "1.0");
 * console.log(pulled.path);
 * ```
 */
export class WeightsManager {
  readonly #ctx: WeightsContext;

  /** Makes a manager; the models directory is resolved when an operation first needs it. */
  constructor(options: WeightsManagerOptions = {}) {
    this.#ctx = new WeightsContext(options);
  }

  /** The models directory. @throws {StarmapError} `invalid` when it cannot be known. */
  get dataDir(): string {
    return this.#ctx.store.root;
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
    if (!options.remote) {
      await this.#ctx.sweep();
      return await listInstalled(this.#ctx);
    }
    const index = await this.#ctx.registry.index(this.#ctx.signal(options.signal));
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
    ).sort((a, b) => a.ref.localeCompare(b.ref) || compareVersions(a.version, b.version));
  }

  /** The directory of an installed version (or of what a local alias points to). @throws `not_installed`. */
  async path(ref: string, version: string): Promise<string> {
    return (await this.#require(ref, version)).path;
  }

  async #require(ref: string, version: string): Promise<InstalledModel & { requested?: string }> {
    const { group, model } = parseModelRef(ref);
    checkName(version, "version", "invalid");
    await this.#ctx.sweep();
    const registry = await this.#ctx.store.readRegistry();
    const target = registry[group]?.[model]?.[version] !== undefined
      ? version
      : (await this.#ctx.store.readAliases())[`${group}/${model}`]?.[version];
    const entry = target === undefined ? undefined : registry[group]?.[model]?.[target];
    if (!entry || target === undefined) {
      const have = Object.keys(registry[group]?.[model] ?? {}).sort(compareVersions);
      throw new StarmapError("not_installed", `${group}/${model} ${version} is not installed`, {
        ...(have.length ? { hint: `installed versions: ${have.join(", ")}` } : {}),
      });
    }
    return {
      ...this.#ctx.installed(group, model, target, entry),
      ...(target !== version ? { requested: version } : {}),
    };
  }

  /**
   * Details of a version: installed (from its copied manifest; aliases followed) or, with `remote`, from the
   * registry.
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
      checkName(version, "version", "invalid");
      const signal = this.#ctx.signal(options.signal);
      const resolved = resolveVersion(await this.#ctx.registry.index(signal), group, model, version);
      const { manifest } = await this.#ctx.registry.manifest(resolved.hash, signal);
      checkManifest(manifest);
      return {
        ...describe(`${group}/${model}`, resolved.version, "remote", resolved.hash, manifest),
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
      ...await held(
        describe(installed.ref, installed.version, "local", installed.manifestHash, manifest),
        installed,
      ),
      ...(installed.requested ? { requested: installed.requested } : {}),
      path: installed.path,
      installedAt: installed.installedAt,
    };
  }

  /**
   * Downloads and installs a version: each chunk is verified as it streams and written once into place; files
   * other versions already hold are shared. An installed version answers without the network (unless `force`).
   * A second pull of the same model (here or in another process) waits and then reports it installed. An
   * interrupted pull resumes from its journal, inside a chunk when the registry supports `Range`.
   *
   * @throws {StarmapError} `not_found`, `network`, `verification`, `storage`; or the abort reason.
   */
  async pull(ref: string, version: string, options: PullOptions = {}): Promise<PullResult> {
    await this.#ctx.sweep(stagingOf(ref));
    return await pullVersion(this.#ctx, ref, version, options);
  }

  /**
   * Removes an installed version, or every version of the model when `version` is omitted. Waits (up to the lock
   * timeout, saying for whom) for a pull of the same model to finish first.
   *
   * @throws {StarmapError} `not_installed`, `storage`.
   */
  async remove(ref: string, version?: string, options: { signal?: AbortSignal } = {}): Promise<RemoveResult> {
    await this.#ctx.sweep();
    return await removeVersions(this.#ctx, ref, version, options.signal);
  }

  /** Removes every installed version. @throws {StarmapError} `storage`. */
  async removeAll(options: { signal?: AbortSignal } = {}): Promise<RemoveResult> {
    await this.#ctx.sweep();
    return await removeAll(this.#ctx, options.signal);
  }

  /**
   * Compares installed manifests with the registry's, without downloading anything: all installed versions, those
   * of one model, or one version (an alias such as `latest` is followed, and a move reported).
   *
   * @throws {StarmapError} `not_installed` when a named model or version is not installed, `network`.
   */
  async checkUpdate(
    ref?: string,
    version?: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<UpdateStatus[]> {
    await this.#ctx.sweep(ref === undefined ? undefined : stagingOf(ref));
    return await checkUpdates(this.#ctx, ref, version, options.signal);
  }

  /**
   * Pulls again every checked version whose registry manifest changed (fetching only the chunks the installed
   * files lack), and reports each version's state afterwards; a version whose pull failed has an `error` (the
   * others are still updated).
   *
   * @throws {StarmapError} as {@link checkUpdate}.
   */
  async applyUpdates(
    ref?: string,
    version?: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<WeightsUpdateResult> {
    await this.#ctx.sweep(ref === undefined ? undefined : stagingOf(ref));
    return await applyUpdates(this.#ctx, ref, version, options.signal);
  }

  /** Deletes every stored file no installed version uses and the staging of pulls whose process is gone. */
  async pruneCache(): Promise<PruneCacheResult> {
    const store = this.#ctx.store;
    return await store.withStateLock(async () => {
      const staging = await store.cleanStaging();
      const files = await store.collect();
      const legacy = await store.cleanLegacy();
      return {
        files: files.count,
        staging: staging.count,
        bytes: files.bytes + staging.bytes + legacy.bytes,
      };
    });
  }
}
