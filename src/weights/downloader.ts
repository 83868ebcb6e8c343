/**
 * The download engine: a pool of workers over a de-duplicated queue of chunks. Each chunk is taken from the
 * cache when a cached copy re-verifies, else fetched, verified and cached. The first fatal error cancels the rest.
 *
 * @module
 */
import type { ChunkCache } from "./chunk_cache.ts";
import type { FetchContext } from "./http.ts";
import { fetchInto } from "./http.ts";
import { type ChunkJob, registryUrl } from "./registry_client.ts";

/** Options of {@link downloadChunks}. */
export interface DownloadOptions {
  /** The registry base URL. */
  base: string;
  /** Where verified chunks go. */
  cache: ChunkCache;
  /** Fetch, signal, retry policy, log. */
  ctx: FetchContext;
  /** Parallel workers. */
  concurrency: number;
  /** A chunk is ready; `cached` when it came from the cache. */
  onChunk?: (job: ChunkJob, cached: boolean) => void;
  /** Bytes arrived from the network. */
  onBytes?: (n: number) => void;
}

/** What a download did. */
export interface DownloadResult {
  /** Chunks fetched from the registry. */
  fetched: number;
  /** Chunks found (and re-verified) in the cache. */
  cached: number;
}

/**
 * Makes every chunk of `jobs` present and verified in the cache.
 *
 * @throws the first fatal error (`network`, `verification`, `storage`) or the abort reason.
 */
export async function downloadChunks(
  jobs: readonly ChunkJob[],
  options: DownloadOptions,
): Promise<DownloadResult> {
  const controller = new AbortController();
  const outer = options.ctx.signal;
  const onAbort = () => controller.abort(outer.reason);
  outer.addEventListener("abort", onAbort, { once: true });
  const ctx: FetchContext = { ...options.ctx, signal: controller.signal };
  const result: DownloadResult = { fetched: 0, cached: 0 };
  let next = 0;
  let failure: { error: unknown } | undefined;

  const worker = async () => {
    while (!controller.signal.aborted) {
      const job = jobs[next++];
      if (!job) return;
      if (await options.cache.verify(job.hash, job.size)) {
        result.cached++;
        options.onChunk?.(job, true);
        continue;
      }
      const url = registryUrl(options.base, `data/${job.hash}`);
      const expect = {
        what: `chunk ${job.hash.slice(0, 12)}`,
        hash: job.hash,
        size: job.size,
        maxSize: job.size,
        ...(options.onBytes ? { onBytes: options.onBytes } : {}),
      };
      const writer = await fetchInto(url, ctx, expect, () => options.cache.writer(job.hash, job.size));
      await writer.commit();
      result.fetched++;
      options.onChunk?.(job, false);
    }
  };
  const run = async () => {
    try {
      await worker();
    } catch (error) {
      failure ??= { error };
      controller.abort(error);
    }
  };
  try {
    outer.throwIfAborted();
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, jobs.length)) }, run));
  } finally {
    outer.removeEventListener("abort", onAbort);
  }
  if (outer.aborted) throw outer.reason;
  if (failure) throw failure.error;
  return result;
}
