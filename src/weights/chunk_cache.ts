/**
 * The content-addressed chunk cache: `<dir>/<sha256>`, written to a temporary name then renamed, re-verified
 * before reuse, and pins that tell which chunks a running pull still needs.
 *
 * @module
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type BulkFile, openBulk } from "../runtime/files.ts";
import { hostName, processAlive, processId } from "../runtime/process_info.ts";
import { checkHash, isHash, sha256Hex } from "./hash.ts";
import type { BodySink } from "./http.ts";
import { storage } from "./storage_error.ts";

/** A pin: the chunks a running pull needs, with its owner. */
interface Pin {
  pid: number;
  host: string;
  hashes: string[];
}

/** Chunks hashed at once: each holds a chunk-sized buffer (and Web Crypto a copy of it) while hashing. */
const HASH_SLOTS = 1;
/** Received bytes are gathered into writes of this size. */
const WRITE_SIZE = 1024 * 1024;

/** A few reusable chunk-sized buffers shared by every hash, bounding memory whatever the concurrency. */
class HashSlots {
  readonly #free: Uint8Array[] = [];
  readonly #waiting: Array<() => void> = [];
  #available: number;

  constructor(count: number) {
    this.#available = count;
  }

  async take(size: number): Promise<Uint8Array> {
    while (this.#available === 0) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#available--;
    const i = this.#free.findIndex((b) => b.length >= size);
    return i >= 0 ? this.#free.splice(i, 1)[0]! : new Uint8Array(size);
  }

  give(buffer: Uint8Array): void {
    this.#free.push(buffer);
    if (this.#free.length > HASH_SLOTS) this.#free.sort((a, b) => b.length - a.length).pop();
    this.#available++;
    this.#waiting.shift()?.();
  }
}

/** Receives one chunk into a temporary file of the cache, gathering pieces into large writes. */
export class ChunkWriter implements BodySink {
  readonly #cache: ChunkCache;
  readonly #file: BulkFile;
  readonly #tmp: string;
  readonly #path: string;
  readonly #size: number;
  readonly #buffer: Uint8Array = new Uint8Array(WRITE_SIZE);
  #filled = 0;
  #closed = false;

  /** Use {@link ChunkCache.writer}. */
  constructor(cache: ChunkCache, file: BulkFile, tmp: string, path: string, size: number) {
    this.#cache = cache;
    this.#file = file;
    this.#tmp = tmp;
    this.#path = path;
    this.#size = size;
  }

  async #flush(): Promise<void> {
    if (this.#filled === 0) return;
    await this.#file.writeAll(this.#buffer.subarray(0, this.#filled));
    this.#filled = 0;
  }

  /** Takes the next piece of the body. */
  async write(bytes: Uint8Array): Promise<void> {
    await storage("write chunk", this.#tmp, async () => {
      let at = 0;
      while (at < bytes.length) {
        const n = Math.min(bytes.length - at, WRITE_SIZE - this.#filled);
        this.#buffer.set(bytes.subarray(at, at + n), this.#filled);
        this.#filled += n;
        at += n;
        if (this.#filled === WRITE_SIZE) await this.#flush();
      }
    });
  }

  /** Flushes and closes the file; returns its SHA-256. */
  async finish(hash: boolean): Promise<string | undefined> {
    await storage("write chunk", this.#tmp, async () => {
      await this.#flush();
      this.#closed = true;
      await this.#file.close();
    });
    return hash ? await this.#cache.hashFile(this.#tmp, this.#size) : undefined;
  }

  /** Moves the verified chunk to its place in the cache. */
  async commit(): Promise<void> {
    await storage("write chunk", this.#path, () => rename(this.#tmp, this.#path));
  }

  /** Drops the temporary file. */
  async discard(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      await this.#file.close().catch(() => {});
    }
    await rm(this.#tmp, { force: true });
  }
}

/** What {@link ChunkCache.prune} removed. */
export interface PruneResult {
  /** Chunk files removed. */
  chunks: number;
  /** Bytes freed. */
  bytes: number;
}

/** The chunk cache in `root` (`chunks/`, `pins/`). */
export class ChunkCache {
  /** The directory of chunk files. */
  readonly chunkDir: string;
  /** The directory of pin files. */
  readonly pinDir: string;

  readonly #slots = new HashSlots(HASH_SLOTS);

  /** Makes a cache rooted at `root`. */
  constructor(root: string) {
    this.chunkDir = join(root, "chunks");
    this.pinDir = join(root, "pins");
  }

  /** The file of a chunk (the hash is checked first). */
  path(hash: string): string {
    return join(this.chunkDir, checkHash(hash, "chunk"));
  }

  /** The SHA-256 of a file of `size` bytes, read into one of a few shared buffers. */
  async hashFile(path: string, size: number): Promise<string | undefined> {
    const buffer = await this.#slots.take(size);
    try {
      const bytes = buffer.subarray(0, size);
      const file = await openBulk(path, "read");
      try {
        let at = 0;
        while (at < size) {
          const n = await file.read(bytes.subarray(at));
          if (n === 0) return undefined;
          at += n;
        }
      } finally {
        await file.close();
      }
      return await sha256Hex(bytes);
    } finally {
      this.#slots.give(buffer);
    }
  }

  /** Re-verifies a cached chunk: true when its length and SHA-256 match; a bad copy is deleted. */
  async verify(hash: string, size: number): Promise<boolean> {
    const path = this.path(hash);
    const info = await stat(path).catch(() => undefined);
    if (!info) return false;
    if (info.size === size && (await this.hashFile(path, size)) === hash) return true;
    await rm(path, { force: true });
    return false;
  }

  /** A sink that receives a chunk into a temporary file; `commit` renames it into the cache once verified. */
  async writer(hash: string, size: number): Promise<ChunkWriter> {
    const path = this.path(hash);
    const tmp = join(this.chunkDir, `.${hash}.${crypto.randomUUID().slice(0, 8)}.tmp`);
    const file = await storage("write chunk", tmp, async () => {
      await mkdir(this.chunkDir, { recursive: true });
      return await openBulk(tmp, "create");
    });
    return new ChunkWriter(this, file, tmp, path, size);
  }

  /** Writes a pin for the chunks a pull needs; returns its file. Call under the state lock. */
  async pin(hashes: readonly string[]): Promise<string> {
    const file = join(this.pinDir, `${processId()}.${crypto.randomUUID().slice(0, 8)}.json`);
    const pin: Pin = { pid: processId(), host: hostName(), hashes: [...hashes] };
    await storage("write pin", file, async () => {
      await mkdir(this.pinDir, { recursive: true });
      await writeFile(file, JSON.stringify(pin));
    });
    return file;
  }

  /** The chunks pinned by live pulls (other than `except`); pins of dead processes are deleted. */
  async pinned(except?: string): Promise<Set<string>> {
    const out = new Set<string>();
    const names = await readdir(this.pinDir).catch(() => [] as string[]);
    for (const name of names) {
      const file = join(this.pinDir, name);
      if (file === except || !name.endsWith(".json")) continue;
      const pin = await readFile(file, "utf8").then((t) => JSON.parse(t) as Pin).catch(() => undefined);
      if (!pin) continue;
      if (pin.host === hostName() && !processAlive(pin.pid)) {
        await rm(file, { force: true });
        continue;
      }
      for (const h of pin.hashes) out.add(h);
    }
    return out;
  }

  /** Removes a pin and deletes its chunks that no other live pull needs. Call under the state lock. */
  async release(pinFile: string, deleteChunks: boolean): Promise<void> {
    const pin = await readFile(pinFile, "utf8").then((t) => JSON.parse(t) as Pin).catch(() => undefined);
    await rm(pinFile, { force: true });
    if (!pin || !deleteChunks) return;
    const keep = await this.pinned();
    for (const h of pin.hashes) if (isHash(h) && !keep.has(h)) await rm(this.path(h), { force: true });
  }

  /** Deletes chunks and temporary files older than `maxAgeMs` that no live pull needs. Call under the state lock. */
  async prune(maxAgeMs: number): Promise<PruneResult> {
    const keep = await this.pinned();
    const result: PruneResult = { chunks: 0, bytes: 0 };
    const names = await readdir(this.chunkDir).catch(() => [] as string[]);
    for (const name of names) {
      const hash = isHash(name) ? name : /^\.([0-9a-f]{64})\./.exec(name)?.[1];
      if (hash && keep.has(hash)) continue;
      const file = join(this.chunkDir, name);
      const info = await stat(file).catch(() => undefined);
      if (!info || Date.now() - info.mtimeMs < maxAgeMs) continue;
      await rm(file, { force: true });
      if (isHash(name)) {
        result.chunks++;
        result.bytes += info.size;
      }
    }
    return result;
  }
}
