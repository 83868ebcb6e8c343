/**
 * Cross-process exclusive locks on a lock file: Deno's advisory file lock (`Deno.FsFile.tryLock`) where it
 * exists, and elsewhere a portable lock file created exclusively, with takeover when its owner is dead.
 *
 * @module
 */
import { mkdir, open, readFile, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { hostName, processAlive, processId } from "./process_info.ts";

/** A held lock. */
export interface FileLock {
  /** The lock file. */
  readonly path: string;
  /** Releases the lock; safe to call twice. */
  release(): Promise<void>;
}

/** Options of {@link acquireFileLock}. */
export interface FileLockOptions {
  /** Give up after this many milliseconds. @default 30000 */
  timeoutMs?: number;
  /** Stops waiting when aborted. */
  signal?: AbortSignal;
  /** Use the portable lock file even where the runtime has file locks (tests). @default false */
  portable?: boolean;
}

/** Thrown when a lock could not be taken in time; `owner` describes the holder when known. */
export class LockTimeoutError extends Error {
  /** Who holds the lock, e.g. `pid 1234 on host`. */
  readonly owner: string | undefined;
  /** Makes the error. */
  constructor(path: string, owner: string | undefined) {
    super(`timed out waiting for lock ${path}${owner ? ` (held by ${owner})` : ""}`);
    this.name = "LockTimeoutError";
    this.owner = owner;
  }
}

interface DenoFile {
  tryLock(exclusive?: boolean): Promise<boolean>;
  unlock(): Promise<void>;
  truncate(len?: number): Promise<void>;
  write(p: Uint8Array): Promise<number>;
  close(): void;
}
interface DenoFs {
  open(path: string, options: { read: boolean; write: boolean; create: boolean }): Promise<DenoFile>;
  FsFile: { prototype: { tryLock?: unknown } };
}

const deno = (globalThis as { Deno?: DenoFs }).Deno;

/** Whether the runtime offers native advisory file locks. */
export const nativeFileLocks: boolean = typeof deno?.FsFile?.prototype?.tryLock === "function";

interface Owner {
  pid: number;
  host: string;
  since: string;
}

function ownerText(text: string): string | undefined {
  try {
    const o = JSON.parse(text) as Owner;
    return `pid ${o.pid} on ${o.host} since ${o.since}`;
  } catch {
    return undefined;
  }
}

function ownerRecord(): string {
  const owner: Owner = { pid: processId(), host: hostName(), since: new Date().toISOString() };
  return `${JSON.stringify(owner)}\n`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const done = () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Polls `attempt` with growing pauses (10 ms up to 250 ms) until it succeeds, the time is up or aborted. */
async function poll<T>(
  path: string,
  attempt: () => Promise<T | undefined>,
  options: FileLockOptions,
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let pause = 10;
  for (;;) {
    options.signal?.throwIfAborted();
    const got = await attempt();
    if (got !== undefined) return got;
    if (Date.now() >= deadline) {
      const text = await readFile(path, "utf8").catch(() => "");
      throw new LockTimeoutError(path, ownerText(text));
    }
    await sleep(Math.min(pause, Math.max(1, deadline - Date.now())), options.signal);
    pause = Math.min(250, pause * 2);
  }
}

async function nativeLock(path: string, options: FileLockOptions): Promise<FileLock> {
  const file = await deno!.open(path, { read: true, write: true, create: true });
  try {
    await poll(path, async () => (await file.tryLock(true)) ? true : undefined, options);
  } catch (error) {
    file.close();
    throw error;
  }
  await file.truncate(0);
  await file.write(new TextEncoder().encode(ownerRecord()));
  let released = false;
  return {
    path,
    async release() {
      if (released) return;
      released = true;
      try {
        await file.unlock();
      } finally {
        file.close();
      }
    },
  };
}

/** A lock file whose owner is dead (same host), or unreadable and older than a minute, may be taken over. */
async function isStale(path: string): Promise<boolean> {
  const text = await readFile(path, "utf8").catch(() => undefined);
  if (text === undefined) return false;
  try {
    const owner = JSON.parse(text) as Owner;
    if (owner.host === hostName()) return !processAlive(owner.pid);
    return Date.now() - Date.parse(owner.since) > 24 * 3600_000;
  } catch {
    const info = await stat(path).catch(() => undefined);
    return info !== undefined && Date.now() - info.mtimeMs > 60_000;
  }
}

async function portableLock(path: string, options: FileLockOptions): Promise<FileLock> {
  const record = ownerRecord();
  await poll(path, async () => {
    try {
      const file = await open(path, "wx");
      try {
        await file.writeFile(record);
      } finally {
        await file.close();
      }
      return true;
    } catch (error) {
      if ((error as { code?: string }).code !== "EEXIST") throw error;
      if (await isStale(path)) await rm(path, { force: true });
      return undefined;
    }
  }, options);
  let released = false;
  return {
    path,
    async release() {
      if (released) return;
      released = true;
      const text = await readFile(path, "utf8").catch(() => "");
      if (text === record) await rm(path, { force: true });
    },
  };
}

/**
 * Takes an exclusive lock on `path` (created with its parent directories), waiting with backoff.
 *
 * @throws {LockTimeoutError} when the lock is still held after `timeoutMs`.
 * @example
 * ```ts
 * const lock = await acquireFileLock("/tmp/x.lock", { timeoutMs: 5000 });
 * try { … } finally { await lock.release(); }
 * ```
 */
export async function acquireFileLock(path: string, options: FileLockOptions = {}): Promise<FileLock> {
  await mkdir(dirname(path), { recursive: true });
  return nativeFileLocks && !options.portable ? nativeLock(path, options) : portableLock(path, options);
}
