/**
 * What every operation of one manager shares: the resolved options, the store (made on first use, so remote
 * operations need no models directory), the registry client (base URL, credentials and the HTTP core) and the
 * reporter.
 *
 * @module
 */
import { join } from "node:path";
import { StarmapError } from "../errors.ts";
import { platformDir } from "../runtime/mod.ts";
import { describeOwner } from "../runtime/mod.ts";
import { hasPermission } from "../runtime/mod.ts";
import { MissingSettingError } from "./_errors.ts";
import { selectionsOf } from "./_glob.ts";
import { anySignal } from "../http/mod.ts";
import { fileFetch } from "./_file_registry.ts";
import { defaultRetryPolicy, registryEndpoint, registryHttp, type RetryPolicy } from "./_http.ts";
import type { InstalledVersionDir } from "./_local_chunks.ts";
import type { PullProgress, WeightsReporter } from "./_progress.ts";
import { RegistryClient } from "./_registry_client.ts";
import type { InstalledEntry } from "./_schema.ts";
import { WeightsStore } from "./_store.ts";
import { sweepDeadPulls } from "./_sweep.ts";
import { repairRegistry, versionsOnDisk } from "./_registry_repair.ts";
import { counted } from "../words/mod.ts";
import type { InstalledModel } from "./_types.ts";
import { MAX_CONCURRENCY } from "../limits.ts";

/** Options of a weights manager. */
export interface WeightsManagerOptions {
  /** The registry's base URL (serving `models.json` and `data/<hash>`); credentials in it are used, never shown. */
  registryUrl?: string | undefined;
  /** A registry token, sent as `Authorization: Bearer` to the registry's origin only. */
  registryToken?: string | undefined;
  /** The models directory. @default the platform data dir's `starmap/models` */
  dataDir?: string | undefined;
  /** Parallel chunk downloads, 1 to 16. @default 4 */
  concurrency?: number | undefined;
  /** Receives progress, notices and diagnostics. */
  reporter?: WeightsReporter | undefined;
  /** Called as a pull progresses (same as `reporter.progress`). */
  onProgress?: ((progress: PullProgress) => void) | undefined;
  /** Diagnostics (same as `reporter.note`). */
  logger?: ((message: string) => void) | undefined;
  /** The fetch to use. @default globalThis.fetch */
  fetch?: typeof fetch | undefined;
  /** Cancels every operation of this manager. */
  signal?: AbortSignal | undefined;
  /** Retry policy overrides (tests use short delays). */
  retry?: Partial<RetryPolicy> | undefined;
  /** How long to wait for the `registry.json` lock and, in `remove`, for a pull of the model, in ms. @default 30000 */
  lockTimeoutMs?: number | undefined;
  /** Kept for compatibility; locks are portable lock files in every runtime. */
  portableLocks?: boolean | undefined;
}

/** The platform's models directory. @throws {MissingSettingError} when it cannot be known. */
function defaultModelsDir(): string {
  const data = platformDir("data");
  if (data) return join(data, "models");
  const reason = hasPermission("env")
    ? "no home or data directory is set"
    : "environment access is not granted";
  throw new MissingSettingError(
    "weights.dataDir",
    `cannot tell where to keep model weights: ${reason}`,
    reason,
  );
}

/** The shared state of one manager's operations. */
export class WeightsContext {
  /** The options as given. */
  readonly options: WeightsManagerOptions;
  /** Parallel transfers. */
  readonly concurrency: number;
  /** The retry policy. */
  readonly retry: RetryPolicy;
  /** The reporter (always complete). */
  readonly report: Required<WeightsReporter>;
  #store: WeightsStore | undefined;
  #registry: RegistryClient | undefined;
  #swept: Promise<void> | undefined;

  /** Validates the options. @throws {StarmapError} `invalid` for a bad concurrency. */
  constructor(options: WeightsManagerOptions) {
    const concurrency = options.concurrency ?? 4;
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new StarmapError(
        "invalid",
        `concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}, got ${concurrency}`,
      );
    }
    this.options = options;
    this.concurrency = concurrency;
    this.retry = { ...defaultRetryPolicy, ...options.retry };
    const r = options.reporter ?? {};
    this.report = {
      progress: (p) => (r.progress ?? options.onProgress)?.(p),
      notice: (m) => (r.notice ?? r.note ?? options.logger)?.(m),
      note: (m) => (r.note ?? options.logger)?.(m),
    };
  }

  /** The on-disk store. @throws {MissingSettingError} when no models directory is given or known. */
  get store(): WeightsStore {
    this.#store ??= new WeightsStore(this.options.dataDir ?? defaultModelsDir(), {
      ...(this.options.lockTimeoutMs !== undefined ? { lockTimeoutMs: this.options.lockTimeoutMs } : {}),
      onWait: (what, holder) =>
        this.report.notice(
          `waiting for ${holder ? describeOwner(holder) : "another starmap process"} (to ${what})`,
        ),
    });
    return this.#store;
  }

  /**
   * Once per manager, before it reads the models directory: rebuilds a damaged `registry.json` from the version
   * directories, and removes the staging of pulls killed on this host (except those `keep` names: a pull takes
   * over its model's), with a notice for each. Never fails.
   */
  async sweep(keep?: (name: string) => boolean): Promise<void> {
    this.#swept ??= (async () => {
      const repair = await repairRegistry(this.store).catch(() => undefined);
      if (repair) {
        const dropped = repair.dropped.length
          ? `; left out, as their files do not match their manifests: ${repair.dropped.join(", ")}`
          : "";
        const how = repair.saved
          ? "rebuilt it"
          : "it cannot be rewritten here, so this run uses an index built";
        this.report.notice(
          `${this.store.registryFile} was damaged: ${how} from the verified files of ` +
            `${counted(repair.restored.length, "installed version")}${dropped}`,
        );
      }
      for (const s of await sweepDeadPulls(this.store, keep)) {
        const mib = (s.bytes / 1024 ** 2).toFixed(1);
        const who = s.pid === undefined ? "whose process is gone" : `whose process ${s.pid} is gone`;
        this.report.notice(`removed the partial files of a pull of ${s.what} ${who} (${mib} MiB freed)`);
      }
    })().catch(() => {});
    await this.#swept;
  }

  /**
   * The retry policy of transfers from the registry: a directory's bytes would be read again unchanged, so a
   * failure there is final at once (no retries, no backoff). @throws {MissingSettingError} as `registry`.
   */
  get transferRetry(): RetryPolicy {
    return this.registry.onDisk ? { ...this.retry, retries: 0 } : this.retry;
  }

  /** The registry client. @throws {MissingSettingError} when no registry is configured. */
  get registry(): RegistryClient {
    if (this.#registry) return this.#registry;
    const url = this.options.registryUrl;
    if (!url) throw new MissingSettingError("weights.registry", "no weights registry is configured");
    const endpoint = registryEndpoint(url, this.options.registryToken);
    const onDisk = endpoint.base.protocol === "file:";
    this.#registry = new RegistryClient(
      endpoint,
      registryHttp(
        onDisk ? { ...this.retry, retries: 0 } : this.retry,
        onDisk ? fileFetch : this.options.fetch,
      ),
      {
        stallMs: this.retry.stallMs,
        note: (m) => this.report.notice(m),
      },
    );
    return this.#registry;
  }

  /** The manager's signal combined with an operation's. */
  signal(extra?: AbortSignal): AbortSignal {
    return anySignal([this.options.signal, extra]);
  }

  /** An installed version as the API shows it. */
  installed(group: string, model: string, version: string, e: InstalledEntry): InstalledModel {
    return {
      ref: `${group}/${model}`,
      version,
      manifestHash: e.manifest_hash,
      totalSize: e.total_size,
      fileCount: e.file_count,
      installedAt: e.installed_at,
      path: this.store.modelDir(group, model, version),
      ...(selectionsOf(e).length ? { partial: true } : {}),
    };
  }

  /**
   * Every version directory (for chunks and stored files a pull can reuse): the installed ones, and those a
   * damaged `registry.json` no longer records (whatever a pull copies from them is checked against its hash).
   */
  async versionDirs(): Promise<InstalledVersionDir[]> {
    const registry = await this.store.readRegistry();
    const dirs = new Set(
      Object.entries(registry).flatMap(([g, models]) =>
        Object.entries(models).flatMap(([m, versions]) =>
          Object.keys(versions).map((v) => this.store.modelDir(g, m, v))
        )
      ),
    );
    for (const [g, m, v] of await versionsOnDisk(this.store.root)) dirs.add(this.store.modelDir(g, m, v));
    return [...dirs].map((dir) => ({ dir }));
  }
}
