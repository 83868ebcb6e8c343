/**
 * A small registry server for tests: serves `models.json` and `data/<hash>` from a directory (made by the packer)
 * or from memory (made by hand), on 127.0.0.1, with a request log and injectable faults.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";

/** A fault to inject for one request. */
export type Fault =
  | { kind: "status"; status: number; headers?: Record<string, string> }
  | { kind: "corrupt" }
  | { kind: "drop" }
  | { kind: "stall" }
  | { kind: "slow"; delayMs: number }
  | { kind: "cut"; after: number }
  /** Every byte, chunked, then the connection fails before the end of the message. */
  | { kind: "unterminated" };

/** One served request. */
export interface LoggedRequest {
  /** The URL path, e.g. `/data/ab…`. */
  path: string;
  /** When it arrived (ms since epoch). */
  at: number;
  /** The `Range` header, when sent. */
  range?: string;
  /** The `Authorization` header, when sent. */
  authorization?: string;
}

/** Decides a fault for a request: its path and how many times that path was requested before. */
export type FaultPlan = (path: string, previous: number) => Fault | undefined;

/** A running test registry. */
export interface RegistryServer {
  /** The base URL, ending with `/`. */
  url: string;
  /** Every request, in order. */
  log: LoggedRequest[];
  /** Changes the fault plan. */
  setFaults(plan: FaultPlan | undefined): void;
  /** Requests of a path so far. */
  count(path: string): number;
  /** Body bytes served so far (all paths). */
  bytesServed(): number;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Where the objects come from: a registry directory, or a map of path → bytes. */
export type RegistrySource = { dir: string } | { objects: Map<string, Uint8Array> };

async function load(source: RegistrySource, path: string): Promise<Uint8Array | undefined> {
  if ("objects" in source) return source.objects.get(path);
  if (!/^(models\.json|data\/[0-9a-f]{64})$/.test(path)) return undefined;
  return await readFile(join(source.dir, path)).catch(() => undefined);
}

function bodyOf(bytes: Uint8Array, fault: Fault | undefined, signal: AbortSignal): BodyInit {
  if (!fault || fault.kind === "status") return bytes.slice();
  if (fault.kind === "corrupt") {
    const copy = bytes.slice();
    if (copy.length) copy[copy.length >> 1]! ^= 0xff;
    return copy;
  }
  if (fault.kind === "unterminated") {
    return new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice());
      },
      pull(controller) {
        controller.error(new Error("connection lost by the test server after the last byte"));
      },
    });
  }
  const half = bytes.subarray(0, fault.kind === "cut" ? fault.after : bytes.length >> 1);
  let sent = false;
  let cancelled = () => {};
  const gone = new Promise<void>((resolve) => {
    cancelled = resolve;
    signal.addEventListener("abort", () => resolve(), { once: true });
  });
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (fault.kind === "slow") {
        await new Promise((r) => setTimeout(r, fault.delayMs));
        controller.enqueue(bytes.slice());
        return controller.close();
      }
      if (!sent) {
        sent = true;
        return controller.enqueue(half.slice());
      }
      if (fault.kind === "drop") return controller.error(new Error("dropped by the test server"));
      await gone;
      controller.error(new Error("stalled request ended"));
    },
    cancel() {
      cancelled();
    },
  });
}

/** Options of {@link serveRegistry}. */
export interface ServeOptions {
  /** Answer `Range` requests with 206 (else the whole body with 200). @default true */
  ranges?: boolean;
  /** Require this `Authorization` header value (401 otherwise). */
  authorization?: string;
  /** Serve the registry under this path prefix (e.g. `/v1/`). */
  prefix?: string;
}

/** The first byte a `Range: bytes=N-` asks for (undefined for none or 0); at or past `size` it is unsatisfiable. */
function rangeStart(header: string | null): number | undefined {
  const m = /^bytes=(\d+)-$/.exec(header ?? "");
  const start = m ? Number(m[1]) : undefined;
  return start !== undefined && start > 0 ? start : undefined;
}

/** Starts a registry server on 127.0.0.1 (port 0). */
export function serveRegistry(
  source: RegistrySource,
  faults?: FaultPlan,
  serveOptions: ServeOptions = {},
): RegistryServer {
  let plan = faults;
  let served = 0;
  const prefix = serveOptions.prefix ?? "/";
  const log: LoggedRequest[] = [];
  const counts = new Map<string, number>();
  const closing = new AbortController();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {}, signal: closing.signal },
    async (req) => {
      const pathname = new URL(req.url).pathname;
      if (!pathname.startsWith(prefix)) return new Response("not found\n", { status: 404 });
      const path = pathname.slice(prefix.length).replace(/^\/+/, "");
      const previous = counts.get(path) ?? 0;
      counts.set(path, previous + 1);
      const range = req.headers.get("range") ?? undefined;
      const authorization = req.headers.get("authorization") ?? undefined;
      log.push({
        path,
        at: Date.now(),
        ...(range ? { range } : {}),
        ...(authorization ? { authorization } : {}),
      });
      if (serveOptions.authorization && authorization !== serveOptions.authorization) {
        return new Response("unauthorized\n", { status: 401 });
      }
      const fault = plan?.(path, previous);
      if (fault?.kind === "status") {
        return new Response(`fault ${fault.status}\n`, {
          status: fault.status,
          headers: fault.headers ?? {},
        });
      }
      const whole = await load(source, path);
      if (!whole) return new Response("not found\n", { status: 404 });
      const start = serveOptions.ranges === false ? undefined : rangeStart(req.headers.get("range"));
      if (start !== undefined && start >= whole.length) {
        // As nginx and other static servers answer a range that starts at or past the end.
        return new Response(null, { status: 416, headers: { "content-range": `bytes */${whole.length}` } });
      }
      const bytes = start === undefined ? whole : whole.subarray(start);
      served += fault?.kind === "drop" || fault?.kind === "stall"
        ? bytes.length >> 1
        : fault?.kind === "cut"
        ? Math.min(fault.after, bytes.length)
        : bytes.length;
      const headers: Record<string, string> = {
        ...(fault?.kind === "unterminated" ? {} : { "content-length": String(bytes.length) }),
        "content-type": "application/octet-stream",
        ...(start !== undefined
          ? { "content-range": `bytes ${start}-${whole.length - 1}/${whole.length}` }
          : {}),
      };
      return new Response(bodyOf(bytes, fault, closing.signal), {
        status: start === undefined ? 200 : 206,
        headers,
      });
    },
  );
  return {
    url: `http://127.0.0.1:${server.addr.port}${prefix}`,
    log,
    setFaults(p) {
      plan = p;
    },
    count: (path) => counts.get(path) ?? 0,
    bytesServed: () => served,
    async close() {
      closing.abort();
      await server.finished;
    },
  };
}

/** Bytes of text. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** SHA-256 hex of bytes. */
export async function sha256(bytes: Uint8Array): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  return [...d].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Deterministic pseudo-random bytes (xorshift), so fixtures need no files. */
export function randomBytes(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed | 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** A hand-made registry in memory: add manifests (any content, even hostile) and chunks. */
export class MemoryRegistry {
  /** path → bytes, for {@link serveRegistry}. */
  readonly objects: Map<string, Uint8Array> = new Map();
  readonly #index: Record<string, Record<string, Record<string, unknown>>> = {};

  /** Stores a chunk and returns its hash. */
  async chunk(bytes: Uint8Array): Promise<string> {
    const hash = await sha256(bytes);
    this.objects.set(`data/${hash}`, bytes);
    return hash;
  }

  /** Stores a manifest (any JSON value) under its hash and indexes it as `ref` `version`; returns the hash. */
  async manifest(ref: string, version: string, manifest: unknown, indexHash?: string): Promise<string> {
    const bytes = utf8(JSON.stringify(manifest));
    const hash = await sha256(bytes);
    this.objects.set(`data/${hash}`, bytes);
    this.entry(ref, version, { hash: indexHash ?? hash });
    return hash;
  }

  /**
   * Builds a correct manifest from files (path → bytes) with a chunk size, storing its chunks; returns its hash.
   */
  async model(
    ref: string,
    version: string,
    files: [string, Uint8Array][],
    chunkSize: number,
  ): Promise<string> {
    const total = files.reduce((a, [, b]) => a + b.length, 0);
    const all = new Uint8Array(total);
    let at = 0;
    for (const [, b] of files) {
      all.set(b, at);
      at += b.length;
    }
    const chunks: string[] = [];
    for (let i = 0; i < total; i += chunkSize) chunks.push(await this.chunk(all.slice(i, i + chunkSize)));
    const manifest = {
      total_size: total,
      chunk_size: chunkSize,
      chunks,
      files: files.map(([path, b]) => ({ path, size: b.length })),
    };
    return await this.manifest(ref, version, manifest);
  }

  /** Sets a raw index entry (e.g. `{ alias: "1.0" }`). */
  entry(ref: string, version: string, entry: Record<string, unknown>): void {
    const [group, model] = ref.split("/") as [string, string];
    ((this.#index[group] ??= {})[model] ??= {})[version] = entry;
    this.objects.set("models.json", utf8(JSON.stringify(this.#index)));
  }
}
