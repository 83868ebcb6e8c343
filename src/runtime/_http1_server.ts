/**
 * starmap's own HTTP/1.1 server on Deno's TCP listener: accepts connections, sweeps those past their deadline
 * (idle keep-alive, slow heads, stuck drains) once a second, and stops gracefully: no new connections, idle ones
 * closed at once, busy ones closed after their response, every one closed when the grace period ends.
 *
 * @module
 */
import { clock, Connection, type Http1Handlers, type Http1Limits, serveConnection } from "./_http1_conn.ts";

/** Options of {@link listenHttp1}. */
export interface Http1Options {
  /** Interface to listen on. */
  hostname: string;
  /** Port; 0 picks a free one. */
  port: number;
  /** Longest wait for the next request on a kept-alive connection. @default 5000 */
  idleTimeoutMs?: number | undefined;
  /** Longest time to receive a request head (and to drain an unread body). @default 10000 */
  headTimeoutMs?: number | undefined;
}

/** A listening {@link listenHttp1} server. */
export interface Http1Server {
  /** The address it listens on. */
  hostname: string;
  /** The port it listens on. */
  port: number;
  /** Settles when the listener and every connection are closed. */
  finished: Promise<void>;
  /**
   * Stops accepting, closes idle connections, lets responses being written finish for at most `graceMs`, then
   * closes what is left.
   */
  stop(graceMs: number): Promise<void>;
  /** Connections open now. */
  connections(): number;
}

const SWEEP_MS = 1000;

/** Waits up to `ms` for `work`; the timer never outlives it. */
async function atMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** Listens on `options.hostname:port` and serves every connection with `handlers`. */
export function listenHttp1(options: Http1Options, handlers: Http1Handlers): Http1Server {
  const listener = Deno.listen({ hostname: options.hostname, port: options.port, transport: "tcp" });
  const limits: Http1Limits = {
    idleMs: options.idleTimeoutMs ?? 5000,
    headMs: options.headTimeoutMs ?? 10_000,
  };
  const open = new Map<Connection, Promise<void>>();
  let stopping = false;
  const sweep = setInterval(() => {
    clock.now = Date.now();
    for (const c of open.keys()) if (c.deadline < clock.now) c.close();
  }, SWEEP_MS);
  clock.now = Date.now();

  const accepting = (async () => {
    while (!stopping) {
      let conn: Deno.TcpConn;
      try {
        conn = await listener.accept();
      } catch (error) {
        if (
          stopping || error instanceof Deno.errors.BadResource || error instanceof Deno.errors.Interrupted
        ) break;
        // Out of file descriptors or a connection reset before it was accepted: try again shortly.
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      if (stopping) {
        conn.close();
        break;
      }
      try {
        conn.setNoDelay(true);
      } catch {
        // the peer is already gone
      }
      const c = new Connection(conn, conn.remoteAddr.hostname);
      open.set(c, serveConnection(c, handlers, limits).finally(() => open.delete(c)));
    }
  })();

  const stop = async (graceMs: number) => {
    if (!stopping) {
      stopping = true;
      listener.close();
    }
    for (const c of open.keys()) {
      c.closing = true;
      if (c.idle) c.close();
    }
    await atMost(Promise.all(open.values()), graceMs);
    for (const c of open.keys()) c.close();
    await Promise.all([accepting, ...open.values()]);
    clearInterval(sweep);
  };
  const { hostname, port } = listener.addr;
  return {
    hostname,
    port,
    finished: accepting.then(() => Promise.all(open.values())).then(() => clearInterval(sweep)),
    stop,
    connections: () => open.size,
  };
}
