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
  /** The CA certificate that signed the server's (with `tls`). */
  caFile: string;
  /** Stops the server (SIGTERM) and waits for it. */
  stop(): Promise<void>;
  /** Starts it again on the same port and directory. */
  start(): Promise<void>;
  /** Stops it, removes its data and starts it again empty (a restart without persistence). */
  restartEmpty(): Promise<void>;
  /** Stops it and removes its directory. */
  dispose(): Promise<void>;
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

async function listening(port: number): Promise<boolean> {
  try {
    (await Deno.connect({ hostname: "127.0.0.1", port })).close();
    return true;
  } catch {
    return false;
  }
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

/** Options of {@link startRedis}. */
export interface RedisOptions {
  /** Require this password (the URL then carries it). */
  password?: string;
  /** Serve TLS only, with a certificate for 127.0.0.1 signed by a fresh CA (`caFile`); the URL is `rediss://`. */
  tls?: boolean;
}

async function openssl(dir: string, ...args: string[]): Promise<void> {
  const out = await new Deno.Command("openssl", { args, cwd: dir, stdout: "null", stderr: "piped" }).output();
  if (!out.success) throw new Error(`openssl ${args[0]}: ${new TextDecoder().decode(out.stderr)}`);
}

/** A CA and a server certificate for 127.0.0.1 in `dir`. */
async function certificates(dir: string): Promise<string[]> {
  await openssl(
    dir,
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
    "-days",
    "1",
    "-subj",
    "/CN=starmap-test-ca",
  );
  await openssl(
    dir,
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "server.key",
    "-out",
    "server.csr",
    "-subj",
    "/CN=127.0.0.1",
  );
  await Deno.writeTextFile(join(dir, "ext.cnf"), "subjectAltName=IP:127.0.0.1\n");
  await openssl(
    dir,
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "server.pem",
    "-days",
    "1",
    "-extfile",
    "ext.cnf",
  );
  return [
    "--tls-cert-file",
    join(dir, "server.pem"),
    "--tls-key-file",
    join(dir, "server.key"),
    "--tls-ca-cert-file",
    join(dir, "ca.pem"),
    "--tls-auth-clients",
    "no",
  ];
}

/** Starts redis-server on a free port. */
export async function startRedis(options: RedisOptions = {}): Promise<TestRedis> {
  const { password, tls } = options;
  const dir = await mkdtemp(join(tmpdir(), "starmap-redis-"));
  const port = freePort();
  const tlsArgs = tls ? await certificates(dir) : [];
  let child: Deno.ChildProcess | undefined;
  const start = async () => {
    child = new Deno.Command("redis-server", {
      args: [
        ...(tls ? ["--port", "0", "--tls-port", String(port), ...tlsArgs] : ["--port", String(port)]),
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
    for (let i = 0; i < 100 && !(await (tls ? listening(port) : ping(port))); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const stop = async () => {
    if (!child) return;
    child.kill("SIGTERM");
    await child.status;
    child = undefined;
  };
  await start();
  return {
    url: `${tls ? "rediss" : "redis"}://${
      password ? `:${encodeURIComponent(password)}@` : ""
    }127.0.0.1:${port}/0`,
    caFile: join(dir, "ca.pem"),
    port,
    stop,
    start,
    restartEmpty: async () => {
      await stop();
      await rm(join(dir, "appendonlydir"), { recursive: true, force: true });
      await rm(join(dir, "dump.rdb"), { force: true });
      await start();
    },
    dispose: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
