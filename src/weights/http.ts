/**
 * Fetching one registry object with retries: 1 s, 2 s, 4 s with jitter on network errors, 5xx and 429
 * (`Retry-After` honoured), none on other 4xx; hash or length mismatches count as retries; a transfer that
 * stalls (no bytes for a while) is abandoned and retried.
 *
 * @module
 */
import { isStarmapError, StarmapError } from "../errors.ts";
import { parseRetryAfter, sleep } from "../http/retry.ts";
import { sha256Hex } from "./hash.ts";

/** How to retry. */
export interface RetryPolicy {
  /** Retries after the first attempt. @default 3 */
  retries: number;
  /** The first retry delay in ms; later ones double, with ±20 % jitter. @default 1000 */
  baseDelayMs: number;
  /** Abandon a transfer after this many ms without a byte. @default 30000 */
  stallMs: number;
  /** The longest `Retry-After` honoured, in ms. @default 60000 */
  maxRetryAfterMs: number;
}

/** The default retry policy. */
export const defaultRetryPolicy: RetryPolicy = {
  retries: 3,
  baseDelayMs: 1000,
  stallMs: 30_000,
  maxRetryAfterMs: 60_000,
};

/** What every fetch of one operation shares. */
export interface FetchContext {
  /** The fetch to use (injectable). */
  fetch: typeof fetch;
  /** Cancels everything. */
  signal: AbortSignal;
  /** How to retry. */
  retry: RetryPolicy;
  /** Diagnostics (retries). */
  log: (message: string) => void;
}

/** What to expect of an object. */
export interface Expect {
  /** Names the object in messages, e.g. `chunk 3fa1…`. */
  what: string;
  /** The SHA-256 the bytes must have. */
  hash?: string;
  /** The exact length the bytes must have. */
  size?: number;
  /** The largest acceptable length when `size` is unknown. */
  maxSize: number;
  /** Called with each piece of bytes received (for progress; retried bytes count too). */
  onBytes?: (n: number) => void;
}

/** Size of the buffer a body is read into. */
const READ_BUFFER = 1024 * 1024;

/** Where a response body goes while it is received; `write` must be done with its bytes when it resolves. */
export interface BodySink {
  /** Takes the next piece. */
  write(bytes: Uint8Array): Promise<void>;
  /** Ends the body; returns its SHA-256 when `hash` is asked for. */
  finish(hash: boolean): Promise<string | undefined>;
  /** Drops everything received (a failed attempt). */
  discard(): Promise<void>;
}

/** A sink that keeps the body in memory (indexes and manifests, which are small). */
class MemorySink implements BodySink {
  #parts: Uint8Array[] = [];
  bytes: Uint8Array = new Uint8Array(0);
  write(bytes: Uint8Array): Promise<void> {
    this.#parts.push(bytes.slice());
    return Promise.resolve();
  }
  async finish(hash: boolean): Promise<string | undefined> {
    const length = this.#parts.reduce((a, p) => a + p.length, 0);
    this.bytes = new Uint8Array(length);
    let at = 0;
    for (const p of this.#parts) {
      this.bytes.set(p, at);
      at += p.length;
    }
    this.#parts = [];
    return hash ? await sha256Hex(this.bytes) : undefined;
  }
  discard(): Promise<void> {
    this.#parts = [];
    return Promise.resolve();
  }
}

type Failure = { kind: "network" | "verification"; message: string; retryAfterMs?: number; cause?: unknown };

/** Thrown inside an attempt for failures that must not be retried. */
class Fatal extends Error {}

/** Reads a body into a reused buffer (BYOB) where the runtime supports it, so pieces are not allocated one by one. */
function bodyReader(
  body: ReadableStream<Uint8Array>,
): { read(): Promise<Uint8Array | undefined>; cancel(): Promise<void> } {
  try {
    const reader = body.getReader({ mode: "byob" });
    let buffer = new Uint8Array(READ_BUFFER);
    return {
      async read() {
        const { done, value } = await reader.read(buffer);
        if (done || !value) return undefined;
        buffer = new Uint8Array(value.buffer);
        return value;
      },
      cancel: () => reader.cancel(),
    };
  } catch {
    const reader = body.getReader();
    return {
      async read() {
        const { done, value } = await reader.read();
        return done ? undefined : value;
      },
      cancel: () => reader.cancel(),
    };
  }
}

async function readBody(
  res: Response,
  expect: Expect,
  sink: BodySink,
  touch: () => void,
): Promise<Failure | null> {
  const reader = bodyReader(res.body!);
  const limit = expect.size ?? expect.maxSize;
  let length = 0;
  for (;;) {
    const value = await reader.read();
    if (!value) break;
    touch();
    expect.onBytes?.(value.length);
    if (length + value.length > limit) {
      await reader.cancel().catch(() => {});
      return { kind: "verification", message: `${expect.what}: more than ${limit} bytes` };
    }
    await sink.write(value);
    length += value.length;
  }
  if (expect.size !== undefined && length !== expect.size) {
    return { kind: "verification", message: `${expect.what}: got ${length} bytes, expected ${expect.size}` };
  }
  const got = await sink.finish(expect.hash !== undefined);
  if (expect.hash === undefined || got === expect.hash) return null;
  return { kind: "verification", message: `${expect.what}: SHA-256 is ${got}, expected ${expect.hash}` };
}

async function attempt(
  url: string,
  ctx: FetchContext,
  expect: Expect,
  sink: BodySink,
): Promise<Failure | null> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(ctx.signal.reason);
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  let last = Date.now();
  let stalled = false;
  const watchdog = setInterval(() => {
    if (Date.now() - last >= ctx.retry.stallMs) {
      stalled = true;
      controller.abort(new Error("stalled"));
    }
  }, Math.max(10, Math.min(1000, ctx.retry.stallMs / 4)));
  try {
    const res = await ctx.fetch(url, { signal: controller.signal });
    last = Date.now();
    if (res.status === 429 || res.status >= 500) {
      await res.body?.cancel().catch(() => {});
      const failure: Failure = { kind: "network", message: `${expect.what}: HTTP ${res.status} from ${url}` };
      const after = parseRetryAfter(res.headers.get("retry-after"));
      if (after !== undefined) failure.retryAfterMs = Math.min(after, ctx.retry.maxRetryAfterMs);
      return failure;
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel().catch(() => {});
      throw new Fatal(`${expect.what}: HTTP ${res.status} from ${url}`);
    }
    return await readBody(res, expect, sink, () => last = Date.now());
  } catch (error) {
    if (error instanceof Fatal || isStarmapError(error)) throw error;
    if (ctx.signal.aborted) throw ctx.signal.reason;
    if (stalled) {
      return { kind: "network", message: `${expect.what}: no data for ${ctx.retry.stallMs} ms from ${url}` };
    }
    return { kind: "network", message: `${expect.what}: ${(error as Error).message} (${url})`, cause: error };
  } finally {
    clearInterval(watchdog);
    ctx.signal.removeEventListener("abort", onAbort);
  }
}

/**
 * Fetches an object into a sink made fresh for each attempt, checking its length and hash and retrying transient
 * failures; returns the sink of the attempt that succeeded.
 *
 * @throws {StarmapError} `network` after the last retry or on a 4xx, `verification` when the bytes never matched.
 */
export async function fetchInto<S extends BodySink>(
  url: string,
  ctx: FetchContext,
  expect: Expect,
  makeSink: () => Promise<S>,
): Promise<S> {
  for (let n = 0;; n++) {
    ctx.signal.throwIfAborted();
    const sink = await makeSink();
    let outcome: Failure | null;
    try {
      outcome = await attempt(url, ctx, expect, sink);
    } catch (error) {
      await sink.discard();
      if (error instanceof Fatal) {
        throw new StarmapError("network", error.message, {
          hint: "check the registry URL and that the registry is complete",
        });
      }
      throw error;
    }
    if (outcome === null) return sink;
    await sink.discard();
    if (n >= ctx.retry.retries) {
      throw new StarmapError(
        outcome.kind,
        `${outcome.message} (after ${n + 1} attempts)`,
        outcome.cause === undefined ? {} : { cause: outcome.cause },
      );
    }
    const backoff = ctx.retry.baseDelayMs * 2 ** n * (0.8 + Math.random() * 0.4);
    const delay = outcome.retryAfterMs ?? backoff;
    ctx.log(`retrying in ${(delay / 1000).toFixed(1)} s: ${outcome.message}`);
    await sleep(delay, ctx.signal);
  }
}

/**
 * Fetches an object and checks its length and hash, retrying transient failures.
 *
 * @throws {StarmapError} `network` after the last retry or on a 4xx, `verification` when the bytes never matched.
 */
export async function fetchVerified(url: string, ctx: FetchContext, expect: Expect): Promise<Uint8Array> {
  const sink = await fetchInto(url, ctx, expect, () => Promise.resolve(new MemorySink()));
  return sink.bytes;
}
