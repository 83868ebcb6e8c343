/**
 * Reconstruction with Web Streams: cached chunks are read in order as one stream and split into the manifest's
 * files in a staging directory. Reading waits for each chunk to be ready, so it can run while later chunks are
 * still downloading. Memory stays bounded by a small pool of read buffers whatever the model size.
 *
 * @module
 */
import { mkdir } from "node:fs/promises";
import { type BulkFile, openBulk } from "../runtime/files.ts";
import { dirname } from "node:path";
import { StarmapError } from "../errors.ts";
import type { ChunkCache } from "./chunk_cache.ts";
import { safeJoin } from "./safe_path.ts";
import type { Manifest } from "./schema.ts";

const READ_SIZE = 2 * 1024 * 1024;
const POOL_SIZE = 4;

/** A fixed set of buffers handed out and given back, so reading never allocates per piece. */
class BufferPool {
  readonly #free: ArrayBuffer[] = [];
  readonly #waiting: Array<(b: ArrayBuffer) => void> = [];

  constructor(count: number, size: number) {
    for (let i = 0; i < count; i++) this.#free.push(new ArrayBuffer(size));
  }

  take(): Promise<ArrayBuffer> {
    const b = this.#free.pop();
    return b ? Promise.resolve(b) : new Promise((resolve) => this.#waiting.push(resolve));
  }

  give(b: ArrayBuffer): void {
    const next = this.#waiting.shift();
    if (next) next(b);
    else this.#free.push(b);
  }
}

/** Options of {@link reconstruct}. */
export interface ReconstructOptions {
  /** Bytes written to files. */
  onBytes?: (n: number) => void;
  /** Resolves when a chunk is in the cache (default: all already are). */
  ready?: (hash: string) => Promise<void>;
}

/** A stream of the bytes of `hashes` read from the cache in order, in pieces taken from `pool`. */
function chunkStream(
  cache: ChunkCache,
  hashes: readonly string[],
  pool: BufferPool,
  ready?: (hash: string) => Promise<void>,
): ReadableStream<Uint8Array> {
  let index = 0;
  let file: BulkFile | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        if (!file) {
          const hash = hashes[index++];
          if (hash === undefined) return controller.close();
          await ready?.(hash);
          file = await openBulk(cache.path(hash), "read");
        }
        const buffer = new Uint8Array(await pool.take());
        const bytesRead = await file.read(buffer);
        if (bytesRead > 0) return controller.enqueue(buffer.subarray(0, bytesRead));
        pool.give(buffer.buffer);
        await file.close();
        file = undefined;
      }
    },
    async cancel() {
      await file?.close();
      file = undefined;
    },
  }, { highWaterMark: 1 });
}

/** A writable stream that splits incoming bytes into the manifest's files under `root`; buffers go back to `pool`. */
function filesSink(
  root: string,
  manifest: Manifest,
  pool: BufferPool,
  onBytes?: (n: number) => void,
): WritableStream<Uint8Array> {
  const files = manifest.files;
  let index = 0;
  let left = 0;
  let handle: BulkFile | undefined;
  const openNext = async () => {
    while (index < files.length) {
      const f = files[index++]!;
      const path = safeJoin(root, f.path);
      await mkdir(dirname(path), { recursive: true });
      const h = await openBulk(path, "create");
      if (f.size > 0) {
        handle = h;
        left = f.size;
        return;
      }
      await h.close();
    }
  };
  const advance = async () => {
    if (handle && left === 0) {
      await handle.close();
      handle = undefined;
    }
    if (!handle) await openNext();
  };
  return new WritableStream<Uint8Array>({
    async start() {
      await openNext();
    },
    async write(bytes) {
      try {
        let at = 0;
        while (at < bytes.length) {
          if (!handle) throw new StarmapError("verification", "the chunks hold more bytes than the files");
          const n = Math.min(left, bytes.length - at);
          await handle.writeAll(bytes.subarray(at, at + n));
          at += n;
          left -= n;
          onBytes?.(n);
          await advance();
        }
      } finally {
        pool.give(bytes.buffer as ArrayBuffer);
      }
    },
    async close() {
      await advance();
      if (handle || index < files.length) {
        await handle?.close();
        throw new StarmapError("verification", "the chunks hold fewer bytes than the files");
      }
    },
    async abort() {
      await handle?.close();
      handle = undefined;
    },
  }, new CountQueuingStrategy({ highWaterMark: 1 }));
}

/**
 * Writes the files of `manifest` under `root` (a fresh staging directory) from cached chunks, in order.
 *
 * @throws {StarmapError} `verification` when sizes disagree or a path is unsafe.
 */
export async function reconstruct(
  cache: ChunkCache,
  manifest: Manifest,
  root: string,
  options: ReconstructOptions = {},
): Promise<void> {
  await mkdir(root, { recursive: true });
  const pool = new BufferPool(POOL_SIZE, Math.min(READ_SIZE, Math.max(1, manifest.chunk_size)));
  await chunkStream(cache, manifest.chunks, pool, options.ready).pipeTo(
    filesSink(root, manifest, pool, options.onBytes),
  );
}
