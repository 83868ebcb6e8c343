/**
 * Which backend `starmap serve` runs on: the local client (the default), a fleet replica on Redis (`--redis`,
 * `STARMAP_REDIS_URL`, `server.redis`), or a read-only follower of another server (`--follow <url>`).
 *
 * @module
 */
import { Starmap } from "../../client.ts";
import { StarmapError } from "../../errors.ts";
import type { CatalogBackend } from "../../server/mod.ts";
import { starmapBackend } from "../../server/mod.ts";
import { type FleetBackend, openFleet } from "../../server/mod.ts";
import { followServer } from "../../server/mod.ts";
import { sync } from "../../sync/mod.ts";
import { updateReport } from "../../sync/mod.ts";
import type { Context } from "../_context.ts";
import type { Settings } from "../_settings.ts";
import { cliSources } from "./_update_sources.ts";
import { loadSourceState, saveSourceState } from "./_source_state.ts";

/** The backend chosen, and what has to be closed with the server. */
export interface ServeBackend {
  /** The backend. */
  backend: CatalogBackend;
  /** The fleet replica, in fleet mode. */
  fleet?: FleetBackend | undefined;
  /** Closes connections and loops. */
  close(): Promise<void>;
  /** One line for the start-up note. */
  mode: string;
}

/** Options of {@link serveBackend}. */
export interface ServeBackendOptions {
  /** The Redis URL (fleet mode). */
  redis?: string | undefined;
  /** The server to follow (read-only replica). */
  follow?: string | undefined;
  /** The auto-update interval (the fleet runs one per interval). */
  autoUpdateMs?: number | undefined;
  /** Where fleet notes go. */
  log: (line: string) => void;
  /** Where `redis` and `follow` came from (`--redis`, `env STARMAP_REDIS_URL`, …), for messages. */
  origins?: { redis?: string | undefined; follow?: string | undefined } | undefined;
}

/** Opens the backend `serve` runs on. */
export async function serveBackend(
  ctx: Context,
  settings: Settings,
  o: ServeBackendOptions,
): Promise<ServeBackend> {
  if (o.redis && o.follow) {
    const [redis, follow] = [o.origins?.redis ?? "--redis", o.origins?.follow ?? "--follow"];
    throw new StarmapError(
      "invalid",
      `${redis} and ${follow} exclude each other: a replica is in a fleet or follows`,
      {
        hint: "give one of them",
      },
    );
  }
  if (o.follow) {
    const follower = await followServer(o.follow, {
      onError: (e) => o.log(`follow: ${(e as Error).message}`),
    });
    return { backend: follower, close: () => follower.close(), mode: `following ${o.follow}` };
  }
  // Breaker states and last successes outlive the process: `/ready` shows them, and each update saves them.
  await loadSourceState();
  // The client loads the catalog itself; each update builds its sources from the snapshot current at that time.
  const client: Starmap = await Starmap.open({
    catalogDir: settings.catalogDir,
    sources: () => cliSources(ctx, settings, client.catalog(), {}, undefined),
    reconcile: settings.config.reconcile,
    persist: settings.catalogDir !== undefined,
  });
  if (!o.redis) {
    return {
      backend: savingSourceState(starmapBackend(client)),
      close: async () => {},
      mode: "single process",
    };
  }
  const logger = { info: o.log, error: o.log };
  const fleet = await openFleet({
    url: o.redis,
    initial: client.catalog(),
    intervalMs: o.autoUpdateMs,
    logger,
    refresh: async (baseline, request, signal) => {
      const result = await sync({
        sources: cliSources(ctx, settings, baseline, {}, undefined),
        baseline,
        persist: false,
        signal,
        reconcile: settings.config.reconcile,
        ...(request.provider ? { providers: [request.provider] } : {}),
        ...(request.sources?.length ? { only: request.sources } : {}),
      }).finally(saveSourceState);
      return {
        catalog: result.catalog,
        changes: result.changeset,
        provenance: result.provenance,
        changeset: updateReport(result),
      };
    },
  });
  return { backend: fleet, fleet, close: () => fleet.close(), mode: `fleet replica ${fleet.replicaId}` };
}

/** The backend with each update (scheduled or asked for) followed by saving the sources' breaker states. */
function savingSourceState(backend: CatalogBackend): CatalogBackend {
  const update = backend.update;
  if (!update) return backend;
  return {
    ...backend,
    async update(request, signal) {
      try {
        return await update.call(backend, request, signal);
      } finally {
        await saveSourceState();
      }
    },
  };
}
