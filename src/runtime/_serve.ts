/**
 * Starts the server app on the running runtime (Deno.serve or Bun.serve), with the runtime's WebSocket upgrade
 * and the client address passed to the app, and stops it gracefully.
 *
 * @module
 */
import type { UpgradeWebSocket } from "hono/ws";
import { runtimeName } from "./_runtime.ts";

/** What the runtime layer needs of the app. */
export interface Servable {
  /** Answers a request. */
  fetch(request: Request, env: { clientIp?: string; server?: unknown }): Response | Promise<Response>;
  /** Begins shutdown: refuses new requests and closes event streams. */
  close(): Promise<void>;
  /** Settles when no request is in flight. */
  drained(timeoutMs?: number): Promise<void>;
}

/** Options of {@link serve}. */
export interface ServeOptions {
  /** Interface to listen on (the server settings hold its default). */
  host: string;
  /** Port; 0 picks a free one (the server settings hold its default). */
  port: number;
  /** Longest wait for in-flight requests on shutdown. @default 10000 */
  drainTimeoutMs?: number | undefined;
}

/** A running server. */
export interface RunningServer {
  /** The address it listens on. */
  hostname: string;
  /** The port it listens on. */
  port: number;
  /** Stops it: the app closes its streams and refuses new requests, in-flight requests finish, the listener stops. */
  shutdown(): Promise<void>;
  /** Settles when the server has stopped. */
  finished: Promise<void>;
}

/**
 * The WebSocket upgrade helper of the running runtime, or `undefined` where there is none. `hono/bun` and `hono/deno`
 * touch their runtime's global when loaded, so each is imported only under its own runtime.
 */
export async function webSocketUpgrader(): Promise<UpgradeWebSocket | undefined> {
  if (runtimeName === "deno") return (await import("hono/deno")).upgradeWebSocket as UpgradeWebSocket;
  if (runtimeName === "bun") return (await import("hono/bun")).upgradeWebSocket as UpgradeWebSocket;
  return undefined;
}

/**
 * The body and headers of a response answered many times, in the form the running runtime writes fastest: Bun
 * copies a Blob's bytes without encoding a string again and copies a `Headers` without parsing a record; Deno
 * writes a string body straight from the string and reads a record's headers faster than a `Headers`. Both are
 * immutable, so one prepared form serves every request.
 */
export interface StaticParts {
  /** The body. */
  body: string | Blob;
  /** The headers. */
  headers: Record<string, string> | Headers;
}

/** Prepares a response's body and headers once, for {@link StaticParts} reuse by every request that gets them. */
export function staticParts(body: string, headers: Record<string, string>): StaticParts {
  if (runtimeName !== "bun") return { body, headers };
  return { body: new Blob([new TextEncoder().encode(body)]), headers: new Headers(headers) };
}

/**
 * The `env` of one request on Deno, with the client address read only when the app asks for it: most cached
 * reads never do (no rate limit). A class, so the getter is shared and a request allocates one small object.
 */
class DenoEnv {
  readonly info: { remoteAddr: { hostname: string } };
  ip: string | undefined = undefined;

  constructor(info: { remoteAddr: { hostname: string } }) {
    this.info = info;
  }

  get clientIp(): string {
    if (this.ip !== undefined) return this.ip;
    try {
      return this.ip = this.info.remoteAddr.hostname;
    } catch {
      // Deno refuses once the request is closed; the app reads the address while answering, before that.
      return "unknown";
    }
  }
}

/** The `env` of one request on Bun (see {@link DenoEnv}); `server` is what Bun's WebSocket upgrade needs. */
class BunEnv {
  readonly server: BunServer;
  readonly request: Request;
  ip: string | undefined = undefined;

  constructor(server: BunServer, request: Request) {
    this.server = server;
    this.request = request;
  }

  get clientIp(): string {
    return this.ip ??= this.server.requestIP(this.request)?.address ?? "unknown";
  }
}

interface DenoServer {
  addr: { hostname: string; port: number };
  finished: Promise<void>;
  shutdown(): Promise<void>;
}
interface DenoServe {
  serve(
    options: { hostname: string; port: number; onListen?: () => void },
    handler: (req: Request, info: { remoteAddr: { hostname: string } }) => Response | Promise<Response>,
  ): DenoServer;
}
interface BunServer {
  hostname: string;
  port: number;
  requestIP(req: Request): { address: string } | null;
  stop(closeActive?: boolean): Promise<void> | void;
}
interface BunServe {
  serve(options: {
    hostname: string;
    port: number;
    fetch: (req: Request, server: BunServer) => Response | Promise<Response>;
    websocket: unknown;
  }): BunServer;
}

const DRAIN_MS = 10_000;

/** Waits for `work`, but at most `ms`; on time-out calls `onTimeout` and returns. The timer never outlives it. */
async function withDeadline(work: Promise<unknown>, ms: number, onTimeout: () => void): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), ms)));
  try {
    if (await Promise.race([work.then(() => "done" as const), deadline]) === "late") onTimeout();
  } finally {
    clearTimeout(timer);
  }
}

/** The milliseconds left of one drain period that starts now: the whole shutdown fits in it. */
function deadline(ms: number | undefined): () => number {
  const end = Date.now() + (ms ?? DRAIN_MS);
  return () => Math.max(0, end - Date.now());
}

/**
 * Starts serving `app`.
 *
 * @throws when the runtime has no server (Node) or the port is taken.
 */
export async function serve(app: Servable, options: ServeOptions): Promise<RunningServer> {
  const { host: hostname, port } = options;
  const g = globalThis as { Deno?: DenoServe; Bun?: BunServe };
  if (g.Deno) {
    const server = g.Deno.serve(
      { hostname, port, onListen: () => {} },
      (req, info) => app.fetch(req, new DenoEnv(info)),
    );
    let gaveUp: () => void = () => {};
    const abandoned = new Promise<void>((resolve) => (gaveUp = resolve));
    return {
      hostname: server.addr.hostname,
      port: server.addr.port,
      finished: Promise.race([server.finished, abandoned]),
      shutdown: async () => {
        const left = deadline(options.drainTimeoutMs);
        await withDeadline(app.close(), left(), () => {});
        await app.drained(left());
        // Deno's shutdown waits for every open request, even a client that never finishes sending its body:
        // when the one grace period is over, stop waiting (the process exit closes what is left).
        await withDeadline(server.shutdown(), left(), gaveUp);
      },
    };
  }
  if (g.Bun) {
    let done: () => void = () => {};
    const finished = new Promise<void>((resolve) => (done = resolve));
    const server = g.Bun.serve({
      hostname,
      port,
      fetch: (req, srv) => app.fetch(req, new BunEnv(srv, req)),
      websocket: (await import("hono/bun")).websocket,
    });
    return {
      hostname: server.hostname,
      port: server.port,
      finished,
      shutdown: async () => {
        const left = deadline(options.drainTimeoutMs);
        await withDeadline(app.close(), left(), () => {});
        await app.drained(left());
        await withDeadline(Promise.resolve(server.stop(false)), left(), () => {
          void server.stop(true);
        });
        done();
      },
    };
  }
  throw new Error("starmap serve needs Deno or Bun");
}
