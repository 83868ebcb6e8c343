/**
 * A real Redis for the fleet tests: `redis-server` from the operating system, started on a free port in a
 * temporary directory (append-only file on, so a restart keeps the data), stopped after.
 *
 * @module
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A running redis-server. */
export interface TestRedis {
  /** `redis://127.0.0.1:<port>/0`. */
  url: string;
  /** The port. */
  port: number;
  /** Stops the server (SIGTERM) and waits for it. */
  stop(): Promise<void>;
  /** Starts it again on the same port and directory. */
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  dispose(): Promise<void>;
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

async function ping(port: number): Promise<boolean> {
  try {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    await conn.write(new TextEncoder().encode("PING\r\n"));
    // A server that requires a password answers -NOAUTH: it is up all the same.
    const buf = new Uint8Array(16);
    const n = await conn.read(buf);
    conn.close();
    return /^(\+PONG|-NOAUTH)/.test(new TextDecoder().decode(buf.subarray(0, n ?? 0)));
  } catch {
    return false;
  }
}

/** Starts redis-server on a free port (requiring `password` when given; the URL then carries it). */
export async function startRedis(password?: string): Promise<TestRedis> {
  const dir = await mkdtemp(join(tmpdir(), "starmap-redis-"));
  const port = freePort();
  let child: Deno.ChildProcess | undefined;
  const start = async () => {
    child = new Deno.Command("redis-server", {
      args: [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--dir",
        dir,
        "--save",
        "",
        "--appendonly",
        "yes",
        ...(password ? ["--requirepass", password] : []),
      ],
      stdout: "null",
      stderr: "null",
    }).spawn();
    for (let i = 0; i < 100 && !(await ping(port)); i++) await new Promise((r) => setTimeout(r, 50));
  };
  const stop = async () => {
    if (!child) return;
    child.kill("SIGTERM");
    await child.status;
    child = undefined;
  };
  await start();
  return {
    url: `redis://${password ? `:${encodeURIComponent(password)}@` : ""}127.0.0.1:${port}/0`,
    port,
    stop,
    start,
    dispose: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
