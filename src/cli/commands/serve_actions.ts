/**
 * What `starmap serve` does: resolve the server settings, open the client, build the app and serve it until a
 * stop signal.
 *
 * @module
 */
import { Starmap } from "../../client.ts";
import { StarmapError } from "../../errors.ts";
import { loadPricingOverrides } from "../../pricing/overrides.ts";
import { serve, webSocketUpgrader } from "../../runtime/serve.ts";
import { onStopSignal } from "../../runtime/signals.ts";
import { createApp } from "../../server/app.ts";
import { starmapBackend } from "../../server/client_backend.ts";
import { parseRanges, perMinute } from "../../server/config.ts";
import { parseInterval } from "../../server/interval.ts";
import type { Context } from "../context.ts";
import { invalidOptionValue, type OptionOwner } from "../options.ts";
import { globalFlags, type InvokedCommand } from "../settings.ts";
import { cliSources } from "./update_sources.ts";

/** The flags of `serve` as commander parses them. */
export interface ServeFlags {
  /** `--host`: interface to listen on (or HOST; default 127.0.0.1). */
  host?: string;
  /** `--port`: port to listen on (or PORT; default 8080; 0 picks one). */
  port?: number;
  /** `--prefix`: path prefix of every route (default /api/v1). */
  prefix?: string;
  /** `--auth-key-env`: environment variable holding the admin API key (enables POST /update). */
  authKeyEnv?: string;
  /** `--cors`: origins allowed by CORS, comma-separated or repeated (* for any). */
  cors?: string[];
  /** `--rate-limit`: requests per minute per client address (every client counts). */
  rateLimit?: string;
  /** `--rate-limit-exempt`: client ranges the rate limit does not count. */
  rateLimitExempt?: string[];
  /** `--trust-proxy`: proxies whose X-Forwarded-For names the client. */
  trustProxy?: string[];
  /** `--auto-update`: run the update pipeline on a schedule (15m, 6h). */
  autoUpdate?: number;
  /** `--drain-timeout`: longest wait for requests in flight on shutdown (default 10s). */
  drainTimeout?: number;
}

/** Reads `--rate-limit`, failing as its option parser would (the rate syntax lives with the server's config). */
function rate(cmd: OptionOwner, value: string): number {
  const n = perMinute(value);
  if (n !== undefined) return n;
  return invalidOptionValue(
    cmd,
    "--rate-limit",
    value,
    `expected requests per minute like 120 or 2/s, got "${value}"`,
  );
}

/** `serve`. */
export async function serveCatalog(
  ctx: Context,
  flags: ServeFlags,
  cmd: InvokedCommand & OptionOwner,
): Promise<void> {
  const rateLimit = flags.rateLimit === undefined ? undefined : rate(cmd, flags.rateLimit);
  const globals = globalFlags(cmd);
  const settings = await ctx.settings(globals);
  const conf = settings.config.server ?? {};
  const env = ctx.io.env;
  const envPort = env("PORT");
  if (envPort !== undefined && !/^\d+$/.test(envPort)) {
    throw new StarmapError("invalid", `PORT: expected a port number, got "${envPort}"`);
  }
  const host = flags.host ?? env("HOST") ?? conf.host ?? "127.0.0.1";
  const listenPort = flags.port ?? (envPort !== undefined ? Number(envPort) : undefined) ?? conf.port ??
    8080;
  const keyEnv = flags.authKeyEnv ?? conf.authKeyEnv;
  const authKey = keyEnv ? env(keyEnv) : undefined;
  if (keyEnv && !authKey) {
    throw new StarmapError("invalid", `--auth-key-env: ${keyEnv} is not set or empty`, {
      hint: `set ${keyEnv} (and grant --allow-env=${keyEnv}), or leave admin routes off`,
    });
  }
  const confRate = conf.rateLimit === undefined ? undefined : perMinute(conf.rateLimit);
  if (conf.rateLimit !== undefined && confRate === undefined) {
    throw new StarmapError("invalid", `config server.rateLimit: expected a rate like 120 or 2/s`);
  }
  const limit = rateLimit ?? confRate;
  const autoUpdateMs = flags.autoUpdate ??
    (conf.autoUpdate ? parseInterval(conf.autoUpdate, "config server.autoUpdate") : undefined);
  const pricingFile = env("STARMAP_PRICING_FILE") ?? settings.config.pricing?.file;
  // The client loads the catalog itself; each update builds its sources from the snapshot current at that time.
  const client: Starmap = await Starmap.open({
    catalogDir: settings.catalogDir,
    sources: () => cliSources(ctx, settings, client.catalog(), {}, undefined),
    reconcile: settings.config.reconcile,
    persist: settings.catalogDir !== undefined,
  });
  const backend = starmapBackend(client);
  const log = (line: string) => ctx.io.err(`${line}\n`);
  const app = createApp({
    backend,
    prefix: flags.prefix ?? conf.prefix ?? "/api/v1",
    authKey,
    corsOrigins: flags.cors ?? conf.cors,
    rateLimit: limit
      ? {
        perMinute: limit,
        exempt: parseRanges(flags.rateLimitExempt ?? conf.rateLimitExempt ?? [], "--rate-limit-exempt"),
      }
      : undefined,
    trustProxy: parseRanges(flags.trustProxy ?? conf.trustProxy ?? [], "--trust-proxy"),
    autoUpdateMs,
    logger: { info: log, error: log },
    logRequests: settings.verbose,
    websocket: await webSocketUpgrader(),
    pricingOverrides: pricingFile ? await loadPricingOverrides(pricingFile) : undefined,
  });
  let server;
  try {
    server = await serve(app, { host, port: listenPort, drainTimeoutMs: flags.drainTimeout });
  } catch (error) {
    await app.close();
    throw new StarmapError(
      "network",
      `cannot listen on ${host}:${listenPort}: ${(error as Error).message}`,
      {
        cause: error,
        hint: "pick another --port, or grant --allow-net",
      },
    );
  }
  const running = server;
  if (!settings.quiet) {
    log(
      `starmap: serving on http://${running.hostname}:${running.port}${app.prefix} (docs: ${app.prefix}/docs)`,
    );
  }
  let stopping = false;
  const stop = onStopSignal((signal) => {
    // One stop often arrives twice (`timeout` signals the process group and `deno task` forwards it too), so a
    // later signal must not interrupt the graceful shutdown already under way: it is ignored.
    if (stopping) {
      if (settings.verbose) log(`starmap: already shutting down, ${signal} ignored`);
      return;
    }
    stopping = true;
    if (!settings.quiet) log("starmap: shutting down");
    void running.shutdown();
  });
  try {
    await running.finished;
  } finally {
    stop();
  }
}
