/**
 * WebSocket upgrades on starmap's own HTTP/1.1 server: the connection is handed to an internal `Deno.serve` on
 * 127.0.0.1 that runs the same app (so the runtime's WebSocket upgrade works as it always has), by writing it the
 * request and piping bytes both ways until either side closes. The client's address travels in a header the
 * internal server believes only with this process's random secret; a client's own copy is dropped on the way.
 *
 * @module
 */
import type { Inbound, Socket } from "./_http1_inbound.ts";
import type { RequestHead } from "./_http1_parse.ts";
import { latin1, writeAll } from "./_http1_write.ts";

const PEER = "x-starmap-peer";

/** Copies `from` to `to` until either ends or fails. */
async function copy(from: Socket, to: Socket): Promise<void> {
  const buf = new Uint8Array(16 * 1024);
  try {
    for (;;) {
      const n = await from.read(buf);
      if (n === null) return;
      await writeAll(to, buf.subarray(0, n));
    }
  } catch {
    // either side closed
  }
}

function closeQuietly(socket: Socket): void {
  try {
    socket.close();
  } catch {
    // already closed
  }
}

/** The internal server and the connections piped to it. */
export class WebSocketTunnel {
  readonly #secret = crypto.randomUUID();
  readonly #fetch: (request: Request, clientIp: string) => Response | Promise<Response>;
  #server: Deno.HttpServer<Deno.NetAddr> | undefined;

  /** Tunnels upgrades to an internal server that answers with `fetch`. */
  constructor(fetch: (request: Request, clientIp: string) => Response | Promise<Response>) {
    this.#fetch = fetch;
  }

  #port(): number {
    this.#server ??= Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req, info) => {
      // The header stays on the request (Deno.serve's are immutable): only the outer server wrote it.
      const told = req.headers.get(PEER);
      const mark = `${this.#secret} `;
      const ip = told?.startsWith(mark) ? told.slice(mark.length) : info.remoteAddr.hostname;
      return this.#fetch(req, ip);
    });
    return this.#server.addr.port;
  }

  /** The request head as the internal server gets it: the client's address added, any copy of it dropped. */
  #head(head: RequestHead, clientIp: string): Uint8Array {
    let text = `${head.method} ${head.target} HTTP/1.1\r\n`;
    for (const [name, value] of head.headers) if (name !== PEER) text += `${name}: ${value}\r\n`;
    return latin1(`${text}${PEER}: ${this.#secret} ${clientIp}\r\n\r\n`);
  }

  /** Pipes one upgrading connection (its head already read off `inbound`) to the internal server. */
  async pass(socket: Socket, inbound: Inbound, head: RequestHead, clientIp: string): Promise<void> {
    let inner: Deno.TcpConn;
    try {
      inner = await Deno.connect({ hostname: "127.0.0.1", port: this.#port() });
    } catch {
      return;
    }
    try {
      await writeAll(inner, this.#head(head, clientIp));
      if (inbound.size) await writeAll(inner, inbound.take(inbound.size));
      const up = copy(socket, inner);
      const down = copy(inner, socket);
      await Promise.race([up, down]);
      closeQuietly(inner);
      closeQuietly(socket);
      await Promise.all([up, down]);
    } catch {
      // the internal server or the client went away
    } finally {
      closeQuietly(inner);
    }
  }

  /** Stops the internal server, waiting at most `ms` for its sockets. */
  async close(ms: number): Promise<void> {
    const server = this.#server;
    if (!server) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([server.shutdown(), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }
}
