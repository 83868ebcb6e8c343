/**
 * Cross-process exclusive locks that every runtime shares (Deno, the compiled Bun binary, both at once): a lock
 * file created exclusively (`O_EXCL`) holding its owner (pid, host, process start, purpose) and a lease that the
 * holder renews. A lock is taken over when its owner on this host is dead, or when its lease ran out (an owner on
 * another host that stopped renewing). A waiter judges another host's lock by its own clock: the record stayed the
 * same for a whole lease (two renewals missed), so a holder whose clock runs ahead is not waited on for longer
 * than a lease, and one whose clock runs behind is not taken over while it still renews.
 *
 * @module
 */
import { link, mkdir, readFile, rename, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { atomicWrite, createExclusive } from "../fs/mod.ts";
import { hostName, processAlive, processId, processStart } from "./_process_info.ts";

/** A held lock. */
export interface FileLock {
  /** The lock file. */
  readonly path: string;
  /** Releases the lock; safe to call twice. */
  release(): Promise<void>;
}

/** Who holds a lock, as its file records it. */
export interface LockOwner {
  /** The holder's process id. */
  pid: number;
  /** The holder's host name. */
  host: string;
  /** When the holder's process started (ISO 8601). */
  started: string;
  /** When the lock was taken (ISO 8601). */
  since: string;
  /** When the lease runs out unless renewed (ISO 8601, by the holder's clock). */
  expires: string;
  /** The lease in milliseconds (renewed every third of it); absent in records of older versions. */
  lease?: number;
  /** What the holder does, e.g. `pull acme/tiny 1.0`. */
  purpose?: string;
}

/** Options of {@link acquireFileLock}. */
export interface FileLockOptions {
  /** Give up after this many milliseconds. @default 30000 */
  timeoutMs?: number;
  /** Stops waiting when aborted. */
  signal?: AbortSignal;
  /** Kept for compatibility: every lock is a portable lock file now. */
  portable?: boolean;
  /** What the holder does, recorded for whoever waits. */
  purpose?: string;
  /** The lease: renewed every third of it while held; others may take the lock once it ran out. @default 30000 */
  leaseMs?: number;
  /** Called once when the lock is busy and the caller starts waiting, with the current holder. */
  onWait?: (owner: LockOwner | undefined) => void;
}

/** Thrown when a lock could not be taken in time; `owner` describes the holder when known. */
export class LockTimeoutError extends Error {
  /** Who holds the lock, e.g. `pid 1234 on host`. */
  readonly owner: string | undefined;
  /** The holder's record, when readable. */
  readonly holder: LockOwner | undefined;
  /** The lock file. */
  readonly path: string;
  /** Makes the error. */
  constructor(path: string, holder: LockOwner | undefined) {
    const owner = holder ? describeOwner(holder) : undefined;
    super(`timed out waiting for lock ${path}${owner ? ` (held by ${owner})` : ""}`);
    this.name = "LockTimeoutError";
    this.owner = owner;
    this.holder = holder;
    this.path = path;
  }
}

/** Whether the runtime's native advisory locks are used: never, so that every runtime sees the same locks. */
export const nativeFileLocks = false;

/** A short description of a lock's holder: `pid 12 on host (pull acme/tiny 1) since …`. */
export function describeOwner(o: LockOwner): string {
  return `pid ${o.pid} on ${o.host}${o.purpose ? ` (${o.purpose})` : ""} since ${o.since}`;
}

/** Reads a lock file's owner, or `undefined` when absent or unreadable. */
export async function readLockOwner(path: string): Promise<LockOwner | undefined> {
  const text = await readFile(path, "utf8").catch(() => undefined);
  return text === undefined ? undefined : parseOwner(text);
}

function record(token: string, leaseMs: number, purpose: string | undefined, since: string): string {
  const owner: LockOwner & { token: string } = {
    pid: processId(),
    host: hostName(),
    started: processStart(),
    since,
    expires: new Date(Date.now() + leaseMs).toISOString(),
    lease: leaseMs,
    ...(purpose ? { purpose } : {}),
    token,
  };
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

/**
 * Whether a lock may be taken over at one look: its owner on this host is dead (or a different process now has
 * its pid), or its lease ran out (another host's also by its file not rewritten for a lease); an unreadable file (damaged, or written by an older version that created it before writing)
 * counts once it is older than a minute.
 */
export async function isStaleLock(path: string): Promise<boolean> {
  const owner = await readLockOwner(path);
  if (!owner) {
    const info = await stat(path).catch(() => undefined);
    return info !== undefined && Date.now() - info.mtimeMs > 60_000;
  }
  const expired = Date.now() > Date.parse(owner.expires ?? owner.since);
  if (owner.host === hostName()) {
    if (!processAlive(owner.pid)) return true;
    if (owner.pid === processId() && owner.started && owner.started !== processStart()) return true;
    return expired;
  }
  // At one look another host's clock cannot be trusted alone: a holder whose clock runs behind looks expired
  // while it renews. Its file must also not have been rewritten for a lease (the file system's time).
  const info = await stat(path).catch(() => undefined);
  return expired && info !== undefined && Date.now() - info.mtimeMs > leaseOf(owner);
}

function leaseOf(owner: LockOwner): number {
  return typeof owner.lease === "number" && owner.lease > 0 ? owner.lease : DEFAULT_LEASE_MS;
}

/** The lease of a record of an older version, which did not state it. */
const DEFAULT_LEASE_MS = 30_000;

/** How long a waiter has seen a lock's record unchanged, by its own monotonic clock. */
class RecordWatch {
  #content: string | undefined;
  #since = 0;

  /** Milliseconds since `content` was first seen unchanged. */
  unchangedFor(content: string): number {
    const now = performance.now();
    if (content !== this.#content) {
      this.#content = content;
      this.#since = now;
    }
    return now - this.#since;
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const o = JSON.parse(text) as LockOwner;
    return typeof o.pid === "number" && typeof o.host === "string" ? o : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the lock whose record is `seen` may be taken over. Another host's lock is judged by this host's clock
 * only: its record unchanged for a whole lease, or for two renewal periods once its own `expires` has passed
 * (a live holder rewrites it every third of the lease, whatever its clock says). Without a `watch` (one look,
 * no waiting) the record's own `expires` decides.
 */
async function staleForWaiter(path: string, seen: string, watch: RecordWatch | undefined): Promise<boolean> {
  const owner = parseOwner(seen);
  if (!watch || !owner || owner.host === hostName()) return await isStaleLock(path);
  const lease = leaseOf(owner);
  const unchanged = watch.unchangedFor(seen);
  const expired = Date.now() > Date.parse(owner.expires ?? owner.since);
  return unchanged >= lease || (expired && unchanged >= (lease * 2) / 3);
}

/**
 * Removes a stale lock: it is renamed aside first and checked again, so that of two processes that both saw it
 * stale, the second never removes the lock the first has just taken (a fresh lock goes back with `link`, which
 * fails rather than replace a newer one).
 */
async function breakStale(path: string, seen: string): Promise<void> {
  const aside = `${path}.${processId()}.${crypto.randomUUID().slice(0, 8)}.stale`;
  try {
    await rename(path, aside);
  } catch {
    return;
  }
  if ((await readFile(aside, "utf8").catch(() => "")) !== seen) await link(aside, path).catch(() => {});
  await rm(aside, { force: true });
}

/**
 * Takes an exclusive lock on `path` (created with its parent directories), waiting with backoff. While held, the
 * lease is renewed in the background.
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
  const leaseMs = options.leaseMs ?? 30_000;
  const token = crypto.randomUUID();
  const since = new Date().toISOString();
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let pause = 10;
  let told = false;
  const watch = options.timeoutMs === 0 ? undefined : new RecordWatch();
  for (;;) {
    options.signal?.throwIfAborted();
    if (await createExclusive(path, record(token, leaseMs, options.purpose, since))) break;
    const seen = await readFile(path, "utf8").catch(() => undefined);
    if (seen !== undefined && (await staleForWaiter(path, seen, watch))) {
      await breakStale(path, seen);
      continue;
    }
    if (!told) {
      told = true;
      options.onWait?.(await readLockOwner(path));
    }
    if (Date.now() >= deadline) throw new LockTimeoutError(path, await readLockOwner(path));
    await sleep(Math.min(pause, Math.max(1, deadline - Date.now())), options.signal);
    pause = Math.min(250, pause * 2);
  }
  return heldLock(path, token, leaseMs, options.purpose, since);
}

function heldLock(path: string, token: string, leaseMs: number, purpose: string | undefined, since: string) {
  const mine = async () => (await readFile(path, "utf8").catch(() => "")).includes(token);
  let renewing = Promise.resolve();
  const timer = setInterval(() => {
    renewing = renewing.then(async () => {
      // Through a rename (atomicWrite), so that a reader never sees the lease half written.
      if (await mine()) await atomicWrite(path, record(token, leaseMs, purpose, since)).catch(() => {});
    });
  }, Math.max(50, leaseMs / 3));
  unrefTimer(timer);
  let released = false;
  return {
    path,
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      await renewing;
      if (await mine()) await rm(path, { force: true });
    },
  };
}

/** Lets the process exit while a lease timer runs (the lock file is then left to go stale). */
function unrefTimer(timer: ReturnType<typeof setInterval>): void {
  const t = timer as unknown as { unref?: () => void } | number;
  if (typeof t === "object" && typeof t.unref === "function") t.unref();
  const deno = (globalThis as { Deno?: { unrefTimer?: (id: number) => void } }).Deno;
  if (typeof t === "number") deno?.unrefTimer?.(t);
}
