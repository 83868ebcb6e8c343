/**
 * The fleet's activation lag: three replicas on a real redis-server (started on a free port in a temporary
 * directory), one publishes a new generation (the embedded catalog with its provenance, as an update publishes
 * it), and the time until every replica serves it is measured (each replica verifies the bytes before it
 * swaps). The three replicas share this process, so the figure is at worst three activations in a row.
 * Prints figures; asserts nothing.
 *
 * Run alone: deno run -A bench/fleet_lag.ts [--runs 10]
 */
// deno-lint-ignore-file no-console
import { parseArgs } from "node:util";
import { Catalog } from "../src/catalog/_catalog.ts";
import { embeddedCatalogData } from "../src/catalog/_embedded.ts";
import { loadEmbeddedProvenance } from "../src/reconcile/mod.ts";
import { openFleet } from "../src/server/_fleet.ts";
import { startRedis } from "../tests/helpers/redis.ts";

/** Publishes `runs` generations on a 3-replica fleet and prints the lag until all serve each. */
export async function fleetLag(runs: number): Promise<void> {
  if (!(await new Deno.Command("sh", { args: ["-c", "command -v redis-server"] }).output()).success) {
    console.log(
      "fleet activation lag: redis-server is not installed (apt-get install redis-server); skipped",
    );
    return;
  }
  const redis = await startRedis();
  let n = 0;
  const next = () => {
    const data = embeddedCatalogData();
    data.updatedAt = new Date(Date.UTC(2030, 0, 1, 0, 0, ++n)).toISOString();
    return Catalog.from(data);
  };
  const initial = Catalog.from(embeddedCatalogData());
  const provenance = await loadEmbeddedProvenance(initial.data);
  const publisher = await openFleet({
    url: redis.url,
    initial,
    replicaId: "P",
    leaseMs: 30_000,
    refresh: () => Promise.resolve({ catalog: next(), provenance }),
  });
  const replicas = [
    publisher,
    ...await Promise.all(["B", "C"].map((id) => openFleet({ url: redis.url, initial, replicaId: id }))),
  ];
  const lags: number[] = [];
  try {
    while (!publisher.status().isLeaseHolder) await new Promise((r) => setTimeout(r, 20));
    // The clock starts when the pointer has moved (the publisher activates right after its publish script).
    let started = 0;
    publisher.subscribe!(() => (started = performance.now()));
    for (let i = 0; i < runs; i++) {
      await publisher.update!({}, AbortSignal.timeout(30_000));
      const id = publisher.generation().manifest.id;
      while (!replicas.every((r) => r.generation().manifest.id === id)) {
        await new Promise((r) => setTimeout(r, 1));
      }
      lags.push(performance.now() - started);
    }
  } finally {
    for (const r of replicas) await r.close();
    await redis.dispose();
  }
  lags.sort((a, b) => a - b);
  const at = (q: number) => lags[Math.min(lags.length - 1, Math.floor(q * lags.length))]!.toFixed(0);
  console.log(
    `fleet activation lag (3 replicas in one process, ${initial.models.length} models, ${
      (publisher.generation().manifest.size / 1e6).toFixed(1)
    } MB generations with provenance, publish → all serving it): ` +
      `p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms over ${runs} publishes (goal: within 1000 ms)`,
  );
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "10" } } });
  await fleetLag(Number(values.runs));
}
