/**
 * Starts the server app on the running runtime, with the runtime's WebSocket upgrade and the client address
 * passed to the app, and stops it gracefully. On Deno it is starmap's own HTTP/1.1 server (Deno.serve's
 * per-request cost is above what a replica can afford), on Bun `Bun.serve`.
 *
 * @module
 */
import type { UpgradeWebSocket } from "hono/ws";
import { runtimeName } from "./_runtime.ts";
import { listenHttp1 } from "./_http1_server.ts";
import { WebSocketTunnel } from "./_http1_tunnel.ts";
import type { RequestView, StaticAnswer } from "./_prepared.ts";

/** What the runtime layer needs of the app. */
export interface Servable {
  /** Answers a request. */
  fetch(request: Request, env: { clientIp?: string; server?: unknown }): Response | Promise<Response>;
  /**
   * Answers from prepared parts without a `Request` (the hot path of cached reads), or returns undefined for
   * {@link Servable.fetch}. A refusal (429) may come as a `Response`.
   */
  fast?(view: RequestView): StaticAnswer | Response | Promise<StaticAnswer | Response> | undefined;
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
  /** Longest wait for the next request on a kept-alive connection (Deno). @default 5000 */
  idleTimeoutMs?: number | undefined;
  /** Longest time to receive a request head (Deno). @default 10000 */
  headTimeoutMs?: number | undefined;
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
 * The `env` of one request on Bun, with the client address read only when the app asks for it (most cached reads
 * never do); `server` is what Bun's WebSocket upgrade needs.
 */
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
 * The shutdown of a server of `app`: the app closes its streams and refuses new requests, in-flight ones drain,
 * then `stop` closes the server with what is left of the one drain period.
 */
function shutdownOf(
  app: Servable,
  options: ServeOptions,
  stop: (left: () => number) => Promise<void>,
): () => Promise<void> {
  return async () => {
    const left = deadline(options.drainTimeoutMs);
    await withDeadline(app.close(), left(), () => {});
    await app.drained(left());
    await stop(left);
  };
}

/** Serves `app` with starmap's own HTTP/1.1 server; WebSocket upgrades go through the internal tunnel. */
function serveHttp1(app: Servable, options: ServeOptions): RunningServer {
  const fetch = (request: Request, clientIp: string) => app.fetch(request, { clientIp });
  const tunnel = new WebSocketTunnel(fetch);
  const fast = app.fast;
  const server = listenHttp1(
    {
      hostname: options.host,
      port: options.port,
      idleTimeoutMs: options.idleTimeoutMs,
      headTimeoutMs: options.headTimeoutMs,
    },
    {
      fast: fast && ((view: RequestView) => fast.call(app, view)),
      fetch,
      upgrade: (socket, inbound, head, clientIp) => tunnel.pass(socket, inbound, head, clientIp),
    },
  );
  let stopped: () => void = () => {};
  const finished = new Promise<void>((resolve) => (stopped = resolve));
  return {
    hostname: server.hostname,
    port: server.port,
    finished,
    shutdown: shutdownOf(app, options, async (left) => {
      // Responses still being written (a client that never finishes its body) get what is left of the period.
      await server.stop(left());
      await tunnel.close(Math.max(left(), 100));
      stopped();
    }),
  };
}

/**
 * Starts serving `app`.
 *
 * @throws when the runtime has no server (Node) or the port is taken.
 */
export async function serve(app: Servable, options: ServeOptions): Promise<RunningServer> {
  const { host: hostname, port } = options;
  const g = globalThis as { Deno?: unknown; Bun?: BunServe };
  if (g.Deno) return serveHttp1(app, options);
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
      shutdown: shutdownOf(app, options, async (left) => {
        await withDeadline(Promise.resolve(server.stop(false)), left(), () => {
          void server.stop(true);
        });
        done();
      }),
    };
  }
  throw new Error("starmap serve needs Deno or Bun");
}
