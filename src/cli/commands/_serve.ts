/**
 * `starmap serve`: the catalog as an HTTP API with live events. The work is in `_serve_actions.ts`, which loads
 * the server only when it runs.
 *
 * @module
 */
import { Command, InvalidArgumentError } from "@commander-js/extra-typings";
import type { Context } from "../_context.ts";
import { collect, duration } from "../_options.ts";

function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) {
    throw new InvalidArgumentError(`expected a port 0-65535, got "${value}"`);
  }
  return n;
}

/** The `serve` command. */
export function serveCommand(ctx: Context): Command {
  return new Command("serve")
    .description(
      "serve the catalog as an HTTP API (OpenAPI at <prefix>/openapi.json, reference at <prefix>/docs)",
    )
    .option("--host <host>", "interface to listen on (or HOST; default 127.0.0.1)")
    .option("--port <port>", "port to listen on (or PORT; default 8080; 0 picks one)", port)
    .option("--prefix <path>", "path prefix of every route (default /api/v1)")
    .option("--auth-key-env <NAME>", "environment variable holding the admin API key (enables POST /update)")
    .option("--cors <origins>", "origins allowed by CORS, comma-separated or repeated (* for any)", collect())
    .option("--rate-limit <n/min>", "requests per minute per client address (every client counts)")
    .option(
      "--rate-limit-exempt <cidr,...>",
      "client ranges the rate limit does not count (loopback for 127.0.0.0/8 and ::1)",
      collect(),
    )
    .option(
      "--trust-proxy <cidr,...>",
      "proxies whose X-Forwarded-For names the client (default: none; the peer is the client)",
      collect(),
    )
    .option("--redis <url>", "run as a fleet replica on this Redis (or STARMAP_REDIS_URL; rediss:// for TLS)")
    .option("--follow <url>", "serve, read-only, what another starmap server publishes (its API base URL)")
    .option("--auto-update <interval>", "run the update pipeline on a schedule (15m, 6h)", duration)
    .option(
      "--drain-timeout <duration>",
      "longest wait for requests in flight on shutdown (default 10s)",
      duration,
    )
    .action(async (flags, cmd) =>
      (await import("./_serve_actions.ts")).serveCatalog(ctx, flags, cmd)
    ) as unknown as Command;
}
