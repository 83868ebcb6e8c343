/**
 * Fleet replicas for the tests: a fake models.dev upstream (a real HTTP server replaying two real snapshots of a
 * few providers, alternately, and counting fetches) and replicas that update from it through the real sync
 * pipeline, share Redis, and serve on 127.0.0.1.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { Catalog } from "../../src/catalog/_catalog.ts";
import { HttpClient } from "../../src/http/_client.ts";
import { type RunningServer, serve } from "../../src/runtime/_serve.ts";
import { createApp, type ServerApp } from "../../src/server/_app.ts";
import { type FleetBackend, type FleetRefresh, openFleet } from "../../src/server/_fleet.ts";
import type { RateLimitOptions } from "../../src/server/_options.ts";
import { ModelsDevSource } from "../../src/sources/models_dev/_http.ts";
import { sync } from "../../src/sync/_pipeline.ts";
import { updateReport } from "../../src/sync/_report.ts";
import { serve as serveUpstream } from "./sources_server.ts";
import { fixturePath } from "./snapshot_source.ts";
import { FEW, oldCatalog } from "./sync_fixtures.ts";

/** The fake upstream: how many times it was fetched. */
export interface Upstream {
  url: string;
  fetches(): number;
  close(): Promise<void>;
}

function fewOf(name: string): string {
  const api = JSON.parse(readFileSync(fixturePath(name), "utf8")) as Record<string, unknown>;
  return JSON.stringify(Object.fromEntries(FEW.map((p) => [p, api[p]])));
}

/** Starts the upstream: even fetches get the newer snapshot, odd ones the older, so every update changes. */
export function startUpstream(): Upstream {
  const docs = [fewOf("api.json"), fewOf("api-2026-05-25.json")];
  const up = serveUpstream((_req, n) =>
    new Response(docs[n % 2], { headers: { "content-type": "application/json" } })
  );
  return { url: `${up.url}/api.json`, fetches: () => up.requests.length, close: up.close };
}

/** An update that runs the sync pipeline over the fleet's snapshot with models.dev from `url`. */
export function refreshFrom(url: string): FleetRefresh {
  const http = new HttpClient({ retryBaseMs: 1, retryMaxMs: 5, timeoutMs: 20_000 });
  return async (baseline, request, signal) => {
    const result = await sync({
      // The fleet's upstream replays api.json snapshots only (no author-level models.json).
      sources: [new ModelsDevSource({ http, url, modelsUrl: null })],
      baseline,
      persist: false,
      signal,
      ...(request.provider ? { providers: [request.provider] } : {}),
    });
    return {
      catalog: result.catalog,
      changes: result.changeset,
      provenance: result.provenance,
      changeset: updateReport(result),
    };
  };
}

function gated(refresh: FleetRefresh, before?: () => Promise<void>): FleetRefresh {
  if (!before) return refresh;
  return async (baseline, request, signal) => {
    const outcome = await refresh(baseline, request, signal);
    await before();
    return outcome;
  };
}

/** The catalog every replica starts from (the older snapshot of a few providers). */
export function initialCatalog(): Catalog {
  return Catalog.from(oldCatalog());
}

/** One running replica. */
export interface Replica {
  fleet: FleetBackend;
  app: ServerApp;
  server: RunningServer;
  base: string;
  stop(): Promise<void>;
}

/** Options of {@link startReplica}. */
export interface ReplicaOptions {
  redisUrl: string;
  upstreamUrl?: string;
  replicaId: string;
  autoUpdateMs?: number;
  leaseMs?: number;
  rateLimit?: RateLimitOptions;
  authKey?: string;
  /** Awaited between an update's sync and its publication (to stop Redis mid-publish). */
  beforePublish?: () => Promise<void>;
}

/** Starts a replica: fleet backend, app and server on a free port. */
export async function startReplica(o: ReplicaOptions): Promise<Replica> {
  const fleet = await openFleet({
    url: o.redisUrl,
    initial: initialCatalog(),
    refresh: o.upstreamUrl ? gated(refreshFrom(o.upstreamUrl), o.beforePublish) : undefined,
    replicaId: o.replicaId,
    leaseMs: o.leaseMs ?? 900,
    pollMs: 100,
    intervalMs: o.autoUpdateMs,
  });
  const app = createApp({
    backend: fleet,
    autoUpdateMs: o.autoUpdateMs,
    authKey: o.authKey,
    rateLimit: o.rateLimit,
    limiter: o.rateLimit ? fleet.limiter(o.rateLimit) : undefined,
    broker: { heartbeatMs: 0 },
  });
  const server = await serve(app, { host: "127.0.0.1", port: 0, drainTimeoutMs: 2000 });
  return {
    fleet,
    app,
    server,
    base: `http://127.0.0.1:${server.port}/api/v1`,
    stop: async () => {
      await server.shutdown();
      await fleet.close();
    },
  };
}
