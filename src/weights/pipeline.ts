/**
 * One pull's transfer: the download engine fills the chunk cache while reconstruction streams ready chunks, in
 * order, into the staging directory. A failure on either side cancels the other.
 *
 * @module
 */
import type { ChunkCache } from "./chunk_cache.ts";
import { downloadChunks, type DownloadResult } from "./downloader.ts";
import type { FetchContext } from "./http.ts";
import type { PullProgress } from "./progress.ts";
import { reconstruct } from "./reconstruct.ts";
import type { ChunkJob } from "./registry_client.ts";
import type { Manifest } from "./schema.ts";
import { storage } from "./storage_error.ts";

/** What {@link transfer} needs. */
export interface TransferOptions {
  /** The registry base URL. */
  base: string;
  /** The chunk cache. */
  cache: ChunkCache;
  /** Fetch, signal, retries, log. */
  ctx: FetchContext;
  /** Parallel downloads. */
  concurrency: number;
  /** The progress snapshot to update, and how to publish it. */
  progress: PullProgress;
  /** Publishes the progress snapshot. */
  emit: () => void;
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/**
 * Downloads the unique chunks `jobs` and writes the files of `manifest` into `staging`, overlapping the two.
 * Progress shows the `chunks` phase until every chunk is ready, then `extracting` until the files are written.
 *
 * @throws the first real failure (`network`, `verification`, `storage`) or the abort reason.
 */
export async function transfer(
  jobs: readonly ChunkJob[],
  manifest: Manifest,
  staging: string,
  options: TransferOptions,
): Promise<DownloadResult> {
  const { progress, emit } = options;
  const outer = options.ctx.signal;
  const controller = new AbortController();
  const onAbort = () => controller.abort(outer.reason);
  outer.addEventListener("abort", onAbort, { once: true });
  const ready = new Map(jobs.map((j) => [j.hash, deferred()]));
  let extracted = 0;
  Object.assign(progress, {
    phase: "chunks",
    totalBytes: jobs.reduce((a, j) => a + j.size, 0),
    doneBytes: 0,
  });
  progress.chunks = jobs.length;
  emit();
  const download = downloadChunks(jobs, {
    base: options.base,
    cache: options.cache,
    ctx: { ...options.ctx, signal: controller.signal },
    concurrency: options.concurrency,
    onBytes: (n) => {
      progress.networkBytes += n;
      emit();
    },
    onChunk: (job, cached) => {
      progress.chunksDone++;
      progress.doneBytes += job.size;
      if (cached) progress.cachedChunks++;
      ready.get(job.hash)?.resolve();
      emit();
    },
  }).then((result) => {
    Object.assign(progress, { phase: "extracting", totalBytes: manifest.total_size, doneBytes: extracted });
    emit();
    return result;
  }, (error) => {
    for (const d of ready.values()) d.reject(error);
    controller.abort(error);
    throw error;
  });
  const extraction = storage(
    "write model files in",
    staging,
    () =>
      reconstruct(options.cache, manifest, staging, {
        ready: (hash) => ready.get(hash)?.promise ?? Promise.resolve(),
        onBytes: (n) => {
          extracted += n;
          if (progress.phase === "extracting") {
            progress.doneBytes = extracted;
            emit();
          }
        },
      }),
  ).catch((error) => {
    controller.abort(error);
    throw error;
  });
  try {
    const [d, e] = await Promise.allSettled([download, extraction]);
    if (outer.aborted) throw outer.reason;
    if (d.status === "rejected") throw d.reason;
    if (e.status === "rejected") throw e.reason;
    return d.value;
  } finally {
    outer.removeEventListener("abort", onAbort);
  }
}
