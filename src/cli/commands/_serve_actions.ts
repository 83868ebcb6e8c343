/**
 * What `starmap serve` does: resolve the server settings, open the client, build the app and serve it until a
 * stop signal.
 *
 * @module
 */
import { StarmapError } from "../../errors.ts";
import { loadPricingOverrides } from "../../pricing/mod.ts";
import { type RunningServer, serve, webSocketUpgrader } from "../../runtime/mod.ts";
import { onStopSignal } from "../../runtime/mod.ts";
import { createApp } from "../../server/mod.ts";
import { parseRanges, perMinute } from "../../server/mod.ts";
import { PRICING_SETTINGS, resolveSection, SERVER_SETTINGS } from "../../settings/mod.ts";
import type { Context } from "../_context.ts";
import { invalidOptionValue, type OptionOwner } from "../_options.ts";
import { globalFlags, type InvokedCommand } from "../_settings.ts";
import { type ServeBackend, serveBackend } from "./_serve_backend.ts";

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
  /** `--redis`: run as a fleet replica on this Redis (or STARMAP_REDIS_URL). */
  redis?: string;
  /** `--follow`: serve, read-only, what another starmap server publishes. */
  follow?: string;
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

/** A rate from the environment or the config file, or an error naming where it came from. */
function rateFrom(value: string | number, origin: string): number {
  const n = perMinute(value);
  if (n !== undefined) return n;
  throw new StarmapError("invalid", `${origin}: expected a rate like 120 or 2/s, got "${value}"`, {
    setting: "server.rateLimit",
  });
}

/** The server settings through the one resolver: flags > environment > config file > defaults. */
async function serveSettings(ctx: Context, flags: ServeFlags, cmd: InvokedCommand & OptionOwner) {
  const flagRate = flags.rateLimit === undefined ? undefined : rate(cmd, flags.rateLimit);
  const settings = await ctx.settings(globalFlags(cmd));
  const env = (name: string) => ctx.io.env(name);
  const { values, origins } = resolveSection(SERVER_SETTINGS, {
    flags: {
      host: flags.host,
      port: flags.port,
      prefix: flags.prefix,
      authKeyEnv: flags.authKeyEnv,
      cors: flags.cors,
      rateLimitExempt: flags.rateLimitExempt,
      trustProxy: flags.trustProxy,
      redis: flags.redis,
      follow: flags.follow,
      autoUpdateMs: flags.autoUpdate,
      drainTimeoutMs: flags.drainTimeout,
    },
    env,
    config: settings.config,
  });
  const authKey = values.authKeyEnv ? env(values.authKeyEnv) : undefined;
  if (values.authKeyEnv && !authKey) {
    throw new StarmapError("invalid", `${origins.authKeyEnv}: ${values.authKeyEnv} is not set or empty`, {
      setting: "server.authKeyEnv",
      hint:
        `set ${values.authKeyEnv} (and grant --allow-env=${values.authKeyEnv}), or leave admin routes off`,
    });
  }
  const limit = flagRate ??
    (values.rateLimit === undefined
      ? undefined
      : rateFrom(values.rateLimit, origins.rateLimit ?? "rate limit"));
  const pricing = resolveSection(PRICING_SETTINGS, { env, config: settings.config }).values;
  return { settings, server: values, origins, authKey, limit, pricingFile: pricing.file };
}

/** `serve`. */
export async function serveCatalog(
  ctx: Context,
  flags: ServeFlags,
  cmd: InvokedCommand & OptionOwner,
): Promise<void> {
  const { settings, server: opts, origins, authKey, limit, pricingFile } = await serveSettings(
    ctx,
    flags,
    cmd,
  );
  const { host, port: listenPort, autoUpdateMs } = opts;
  const log = (line: string) => ctx.io.err(`${line}\n`);
  const chosen = await serveBackend(ctx, settings, {
    redis: opts.redis,
    follow: opts.follow,
    autoUpdateMs: opts.follow ? undefined : autoUpdateMs,
    log,
    origins: { redis: origins.redis, follow: origins.follow },
  });
  const rateLimit = limit
    ? {
      perMinute: limit,
      exempt: parseRanges(opts.rateLimitExempt ?? [], "--rate-limit-exempt"),
    }
    : undefined;
  const app = createApp({
    backend: chosen.backend,
    prefix: opts.prefix,
    authKey,
    corsOrigins: opts.cors,
    rateLimit,
    limiter: rateLimit && chosen.fleet ? chosen.fleet.limiter(rateLimit) : undefined,
    trustProxy: parseRanges(opts.trustProxy ?? [], "--trust-proxy"),
    autoUpdateMs: opts.follow ? undefined : autoUpdateMs,
    logger: { info: log, error: log },
    logRequests: settings.verbose,
    websocket: await webSocketUpgrader(),
    pricingOverrides: pricingFile ? await loadPricingOverrides(pricingFile) : undefined,
  });
  let server;
  try {
    server = await serve(app, { host, port: listenPort, drainTimeoutMs: opts.drainTimeoutMs });
  } catch (error) {
    await app.close();
    await chosen.close();
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
      `starmap: serving on http://${running.hostname}:${running.port}${app.prefix} (docs: ${app.prefix}/docs; ${chosen.mode})`,
    );
  }
  await untilStopped(running, chosen, settings, log);
}

/** Serves until a stop signal, then shuts down gracefully and closes the backend. */
async function untilStopped(
  running: RunningServer,
  chosen: ServeBackend,
  settings: { verbose: boolean; quiet: boolean },
  log: (line: string) => void,
): Promise<void> {
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
    await chosen.close();
  }
}
