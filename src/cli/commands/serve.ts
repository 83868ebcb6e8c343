/**
 * `starmap serve`: the catalog as an HTTP API with live events.
 *
 * @module
 */
import { Command, InvalidArgumentError } from "@commander-js/extra-typings";
import { Starmap } from "../../client.ts";
import { StarmapError } from "../../errors.ts";
import { loadPricingOverrides } from "../../pricing/overrides.ts";
import { serve, webSocketUpgrader } from "../../runtime/serve.ts";
import { onStopSignal } from "../../runtime/signals.ts";
import { createApp } from "../../server/app.ts";
import { starmapBackend } from "../../server/client_backend.ts";
import { perMinute } from "../../server/config.ts";
import { parseInterval } from "../../server/interval.ts";
import type { Context } from "../context.ts";
import { collect } from "../options.ts";
import { cliSources } from "./update_sources.ts";
import { globalFlags } from "../settings.ts";

function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) {
    throw new InvalidArgumentError(`expected a port 0-65535, got "${value}"`);
  }
  return n;
}

function rate(value: string): number {
  const n = perMinute(value);
  if (n === undefined) {
    throw new InvalidArgumentError(`expected requests per minute like 120 or 2/s, got "${value}"`);
  }
  return n;
}

function interval(value: string): number {
  try {
    return parseInterval(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message.replace(/^interval: /, ""));
  }
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
    .option("--rate-limit <n/min>", "requests per minute per client address (loopback exempt)", rate)
    .option("--auto-update <interval>", "run the update pipeline on a schedule (15m, 6h)", interval)
    .action(async (flags, cmd) => {
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
      const limit = flags.rateLimit ?? confRate;
      const autoUpdateMs = flags.autoUpdate ??
        (conf.autoUpdate ? parseInterval(conf.autoUpdate, "config server.autoUpdate") : undefined);
      const pricingFile = env("STARMAP_PRICING_FILE") ?? settings.config.pricing?.file;
      const catalog = await ctx.catalog(globals);
      const client = await Starmap.open({
        catalogDir: settings.catalogDir,
        sources: () => cliSources(ctx, settings, catalog, {}, undefined),
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
        rateLimit: limit ? { perMinute: limit, loopback: conf.rateLimitLoopback ?? false } : undefined,
        autoUpdateMs,
        logger: { info: log, error: log },
        logRequests: settings.verbose,
        websocket: await webSocketUpgrader(),
        pricingOverrides: pricingFile ? await loadPricingOverrides(pricingFile) : undefined,
      });
      let server;
      try {
        server = await serve(app, { host, port: listenPort });
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
      const stop = onStopSignal(() => {
        if (!settings.quiet) log("starmap: shutting down");
        void running.shutdown();
      });
      try {
        await running.finished;
      } finally {
        stop();
      }
    }) as unknown as Command;
}
