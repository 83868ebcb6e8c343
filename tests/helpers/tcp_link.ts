/**
 * A TCP link between one fleet replica and Redis that a test can cut and heal: a real listener on 127.0.0.1
 * that pipes every connection to the target port. Cut, it closes its connections and refuses new ones (the
 * replica sees Redis go away, as in a network partition); healed, it forwards again.
 *
 * @module
 */

/** A running link. */
export interface TcpLink {
  /** The port to connect to instead of the target's. */
  port: number;
  /** Closes every open connection and refuses new ones until {@link TcpLink.heal}. */
  cut(): void;
  /** Forwards again. */
  heal(): void;
  /** Stops listening and closes everything. */
  close(): Promise<void>;
}

async function pipe(from: Deno.Conn, to: Deno.Conn): Promise<void> {
  try {
    await from.readable.pipeTo(to.writable);
  } catch {
    // either side went away: both are closed below
  }
}

/** Starts a link to `targetPort` on 127.0.0.1. */
export function startLink(targetPort: number): TcpLink {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const open = new Set<Deno.Conn>();
  let cut = false;
  const close = (conn: Deno.Conn) => {
    open.delete(conn);
    try {
      conn.close();
    } catch {
      // already closed
    }
  };
  const serve = async (client: Deno.Conn) => {
    if (cut) return close(client);
    let server: Deno.Conn;
    try {
      server = await Deno.connect({ hostname: "127.0.0.1", port: targetPort });
    } catch {
      return close(client);
    }
    open.add(client).add(server);
    await Promise.race([pipe(client, server), pipe(server, client)]);
    close(client);
    close(server);
  };
  const accepting = (async () => {
    for await (const conn of listener) void serve(conn);
  })().catch(() => {});
  return {
    port: (listener.addr as Deno.NetAddr).port,
    cut() {
      cut = true;
      for (const conn of [...open]) close(conn);
    },
    heal() {
      cut = false;
    },
    async close() {
      listener.close();
      for (const conn of [...open]) close(conn);
      await accepting;
    },
  };
}
