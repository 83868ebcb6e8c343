import assert from "node:assert/strict";
import { createClient } from "redis";
import { Catalog } from "../src/catalog/_catalog.ts";
import { openFleet } from "../src/server/_fleet.ts";
import { followServer } from "../src/server/_follower.ts";
import { makeGeneration } from "../src/server/_generation.ts";
import { initialCatalog, type Replica, startReplica, startUpstream } from "./helpers/fleet.ts";
import { watchReplicas } from "./helpers/fleet_watch.ts";
import { startRedis } from "./helpers/redis.ts";
import { startLink, type TcpLink } from "./helpers/tcp_link.ts";
import { waitFor } from "./helpers/wait.ts";

const KEY = "fleet-sequence-key";

const urlOf = (link: TcpLink) => `redis://127.0.0.1:${link.port}/0`;
const seqOf = (r: Replica) => r.fleet.generation().manifest.sequence;

/**
 * A balancer that sends each manifest request to the next of `bases` in turn (one of them may lag), and the
 * rest (generations, the event stream) to the first.
 */
function roundRobin(bases: string[]): { base: string; close(): Promise<void> } {
  let n = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const path = new URL(req.url).pathname.replace(/^\/api\/v1/, "");
    const target = path === "/catalog/manifest" ? bases[n++ % bases.length]! : bases[0]!;
    return fetch(`${target}${path}`, { headers: req.headers });
  });
  return { base: `http://127.0.0.1:${server.addr.port}/api/v1`, close: () => server.shutdown() };
}

Deno.test("fleet: Redis restarted empty before one replica activated the newest generation: every replica ends on the newest, none goes back, each update is announced once", async () => {
  const redis = await startRedis();
  const upstream = startUpstream();
  const links = [startLink(redis.port), startLink(redis.port), startLink(redis.port)];
  const [linkA, linkB, linkC] = links as [TcpLink, TcpLink, TcpLink];
  const a = await startReplica({
    redisUrl: urlOf(linkA),
    upstreamUrl: upstream.url,
    replicaId: "A",
    authKey: KEY,
  });
  await waitFor(() => a.fleet.status().isLeaseHolder === true, 3000, "A takes the lease");
  const b = await startReplica({ redisUrl: urlOf(linkB), replicaId: "B" });
  const c = await startReplica({ redisUrl: urlOf(linkC), replicaId: "C" });
  const all = [a, b, c];
  const raw = createClient({ url: redis.url });
  raw.on("error", () => {});
  const balancer = roundRobin([a.base, c.base]);
  let watch: Awaited<ReturnType<typeof watchReplicas>> | undefined;
  let follower: Awaited<ReturnType<typeof followServer>> | undefined;
  try {
    const first = await a.app.updater.run({}, 20_000);
    await waitFor(
      () => all.every((r) => r.fleet.generation().manifest.id === first.version),
      2000,
      "all on 1",
    );
    assert.deepEqual(all.map(seqOf), [1, 1, 1], "the first published generation is sequence 1");
    watch = await watchReplicas(all.map((r) => r.base));
    follower = await followServer(balancer.base, { pollMs: 50 });
    const followed: number[] = [];
    follower.subscribe(() => followed.push(follower!.generation().manifest.sequence));

    // C loses Redis; A publishes generation 2, which C does not see.
    linkC.cut();
    await waitFor(() => c.fleet.status().state === "degraded", 3000, "C degraded");
    const second = await a.app.updater.run({}, 20_000);
    await waitFor(() => b.fleet.generation().manifest.id === second.version, 2000, "B on 2");
    assert.deepEqual(all.map(seqOf), [2, 2, 1]);
    await waitFor(() => follower!.generation().manifest.sequence === 2, 3000, "the follower on 2");
    // Through the balancer, every other manifest comes from C, which still serves 1: the follower stays on 2.
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(follower.generation().manifest.id, second.version);

    // A and B lose Redis too; Redis comes back empty; C returns first and seeds the older generation it holds.
    linkA.cut();
    linkB.cut();
    await waitFor(() => a.fleet.status().state === "degraded", 3000, "A degraded");
    await waitFor(() => b.fleet.status().state === "degraded", 3000, "B degraded");
    await redis.restartEmpty();
    await raw.connect();
    linkC.heal();
    await waitFor(async () => (await raw.get("starmap:current")) !== null, 5000, "C seeds what it holds");
    const seeded = JSON.parse((await raw.get("starmap:current"))!);
    assert.deepEqual([seeded.id, seeded.sequence], [first.version, 1], "C seeded generation 1");

    // A and B return: they do not follow the pointer back, they publish generation 2 again and C follows it.
    linkA.heal();
    linkB.heal();
    await waitFor(
      () => all.every((r) => r.fleet.generation().manifest.id === second.version),
      5000,
      "every replica converges on generation 2",
    );
    const pointer = JSON.parse((await raw.get("starmap:current"))!);
    assert.deepEqual([pointer.id, pointer.sequence], [second.version, 2]);
    assert.ok(Number(await raw.get("starmap:sequence")) >= 2, "the counter is raised to the sequence held");

    // Publishing resumes above it.
    await waitFor(() => a.fleet.status().isLeaseHolder === true, 5000, "A holds the lease again");
    const third = await a.app.updater.run({}, 20_000);
    assert.equal(seqOf(a), 3);
    await waitFor(() => all.every((r) => seqOf(r) === 3), 2000, "every replica on 3");
    await waitFor(() => follower!.generation().manifest.sequence === 3, 3000, "the follower on 3");
    await new Promise((r) => setTimeout(r, 200)); // the last samples and events
    await watch.stop();

    for (const [i, w] of watch.watches.entries()) {
      const name = "ABC"[i];
      const sequences = w.served.map((s) => s.sequence);
      assert.deepEqual(
        sequences,
        [...sequences].sort((x, y) => x - y),
        `${name} served ${JSON.stringify(w.served)}: never an older generation after a newer one`,
      );
      assert.deepEqual(sequences.at(-1), 3);
      assert.deepEqual(w.updates(), [second.version, third.version], `${name} announces each update once`);
    }
    const etags = new Map<number, Set<string>>();
    for (const s of watch.watches.flatMap((w) => w.served)) {
      etags.set(s.sequence, (etags.get(s.sequence) ?? new Set()).add(s.etag));
    }
    assert.ok([...etags.values()].every((set) => set.size === 1), "one ETag per sequence on every replica");
    assert.deepEqual(followed, [2, 3], "the HTTP follower never went back through the balancer");
  } finally {
    await watch?.stop();
    await follower?.close();
    await balancer.close();
    await raw.close().catch(() => {});
    for (const r of all) await r.stop();
    for (const link of links) await link.close();
    await upstream.close();
    await redis.dispose();
  }
});

/** Another catalog than the initial one (the same models, another update time). */
function catalogAt(updatedAt: string): Catalog {
  return Catalog.from({ ...structuredClone(initialCatalog().data), updatedAt });
}

Deno.test("fleet: manifests without a sequence (written by an older replica) are followed until the fleet publishes with one, then never again", async () => {
  const redis = await startRedis();
  const upstream = startUpstream();
  const links = [startLink(redis.port), startLink(redis.port)];
  const a = await startReplica({
    redisUrl: urlOf(links[0]!),
    upstreamUrl: upstream.url,
    replicaId: "A",
    authKey: KEY,
  });
  await waitFor(() => a.fleet.status().isLeaseHolder === true, 3000, "A takes the lease");
  const b = await startReplica({ redisUrl: urlOf(links[1]!), replicaId: "B" });
  const all = [a, b];
  const raw = createClient({ url: redis.url });
  raw.on("error", () => {});
  let watch: Awaited<ReturnType<typeof watchReplicas>> | undefined;
  try {
    await raw.connect();
    // What an updater of the previous version publishes: the same bytes, a manifest with no sequence.
    const older = makeGeneration(catalogAt("2030-01-01T00:00:00.000Z"));
    const { sequence: _, ...legacy } = older.manifest;
    const legacyText = JSON.stringify(legacy);
    const bodyKey = `starmap:gen:${legacy.id}:${legacy.checksum}`;
    await raw.set(bodyKey, new TextDecoder().decode(older.body));
    await raw.set("starmap:current", legacyText);
    await raw.publish("starmap:generations", legacyText);
    await waitFor(
      () => all.every((r) => r.fleet.generation().manifest.id === legacy.id),
      2000,
      "replicas follow a manifest without a sequence (read as 0) as before",
    );
    assert.equal((await (await fetch(`${b.base}/catalog/manifest`)).json()).sequence, 0);

    const update = await a.app.updater.run({}, 20_000);
    await waitFor(() => all.every((r) => r.fleet.generation().manifest.id === update.version), 2000, "on 1");
    assert.deepEqual(all.map(seqOf), [1, 1], "the first generation published with a sequence is 1");
    watch = await watchReplicas(all.map((r) => r.base));

    // Redis comes back empty and an older replica seeds its generation first (its SET NX, no sequence).
    for (const link of links) link.cut();
    await waitFor(() => all.every((r) => r.fleet.status().state === "degraded"), 3000, "degraded");
    await redis.restartEmpty();
    await raw.set(bodyKey, new TextDecoder().decode(older.body));
    await raw.set("starmap:current", legacyText, { NX: true });
    for (const link of links) link.heal();
    await waitFor(
      async () => JSON.parse((await raw.get("starmap:current"))!).sequence === 1,
      5000,
      "the replicas publish their generation 1 again over it",
    );
    assert.equal(JSON.parse((await raw.get("starmap:current"))!).id, update.version);
    await new Promise((r) => setTimeout(r, 300));
    await watch.stop();
    for (const w of watch.watches) {
      assert.deepEqual(w.served.map((s) => [s.id, s.sequence]), [[update.version, 1]], "never back to it");
      assert.deepEqual(w.updates(), [], "nothing announced");
    }
  } finally {
    await watch?.stop();
    await raw.close().catch(() => {});
    for (const r of all) await r.stop();
    for (const link of links) await link.close();
    await upstream.close();
    await redis.dispose();
  }
});

Deno.test("fleet: two updaters that published one sequence (a lease split across an empty Redis restart) end on the higher checksum, said in a note, without flapping", async () => {
  const redis = await startRedis();
  const [linkA, linkB] = [startLink(redis.port), startLink(redis.port)];
  const notes: string[] = [];
  const logger = { info: (l: string) => notes.push(l), error: (l: string) => notes.push(l) };
  let na = 0, nb = 0;
  const common = { initial: initialCatalog(), leaseMs: 900, pollMs: 100, logger };
  const a = await openFleet({
    ...common,
    url: urlOf(linkA),
    replicaId: "A",
    refresh: () => Promise.resolve({ catalog: catalogAt(`2030-01-0${++na}T00:00:00.000Z`) }),
  });
  await waitFor(() => a.status().isLeaseHolder === true, 3000, "A takes the lease");
  const b = await openFleet({
    ...common,
    url: urlOf(linkB),
    replicaId: "B",
    refresh: () => Promise.resolve({ catalog: catalogAt(`2031-01-0${++nb}T00:00:00.000Z`) }),
  });
  const raw = createClient({ url: redis.url });
  raw.on("error", () => {});
  try {
    await a.update!({}, AbortSignal.timeout(10_000));
    await waitFor(() => b.generation().manifest.sequence === 1, 2000, "B on 1");
    // B is cut off; A publishes 2; A is cut off; Redis comes back empty; B returns, takes the lease and
    // publishes its own 2.
    linkB.cut();
    await waitFor(() => b.status().state === "degraded", 3000, "B degraded");
    await a.update!({}, AbortSignal.timeout(10_000));
    const fromA = a.generation().manifest;
    linkA.cut();
    await waitFor(() => a.status().state === "degraded", 3000, "A degraded");
    await redis.restartEmpty();
    linkB.heal();
    await waitFor(() => b.status().isLeaseHolder === true, 5000, "B takes the lease");
    await b.update!({}, AbortSignal.timeout(10_000));
    const fromB = b.generation().manifest;
    assert.deepEqual([fromA.sequence, fromB.sequence], [2, 2]);
    assert.notEqual(fromA.checksum, fromB.checksum);

    linkA.heal();
    const winner = fromA.checksum > fromB.checksum ? fromA : fromB;
    await waitFor(
      () => [a, b].every((r) => r.generation().manifest.checksum === winner.checksum),
      5000,
      "both replicas keep the generation with the higher checksum",
    );
    await raw.connect();
    assert.equal(JSON.parse((await raw.get("starmap:current"))!).checksum, winner.checksum);
    const seen = new Set<string>();
    for (let i = 0; i < 25; i++) {
      for (const r of [a, b]) seen.add(r.generation().manifest.checksum);
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.deepEqual([...seen], [winner.checksum], "no flapping");
    assert.ok(
      notes.some((n) => n.includes(`two generations were published as sequence 2`) && n.includes(winner.id)),
      notes.join("\n"),
    );
  } finally {
    await raw.close().catch(() => {});
    await a.close();
    await b.close();
    await linkA.close();
    await linkB.close();
    await redis.dispose();
  }
});

Deno.test("fleet: Redis restarted empty mid-publish: the update is refused (or, when the lease was taken again first, published whole), no replica moves back, the fleet re-seeds and publishes above it", async () => {
  const redis = await startRedis();
  const upstream = startUpstream();
  let gate: Promise<void> | undefined;
  const a = await startReplica({
    redisUrl: redis.url,
    upstreamUrl: upstream.url,
    replicaId: "A",
    authKey: KEY,
    beforePublish: () => gate ?? Promise.resolve(),
  });
  await waitFor(() => a.fleet.status().isLeaseHolder === true, 3000, "A takes the lease");
  const b = await startReplica({ redisUrl: redis.url, replicaId: "B" });
  const all = [a, b];
  const raw = createClient({ url: redis.url });
  raw.on("error", () => {});
  try {
    const first = await a.app.updater.run({}, 20_000);
    await waitFor(() => all.every((r) => seqOf(r) === 1), 2000, "both on 1");
    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));
    const update = a.app.updater.run({}, 20_000);
    await redis.restartEmpty();
    release();
    gate = undefined;
    const outcome = await update.then((published) => ({ published }), (error: unknown) => ({ error }));
    await raw.connect();
    if ("published" in outcome) {
      // A reconnected and took the lease again on the empty Redis before its publish ran (a race the load
      // decides): a whole generation is published above the one served, and every replica moves to it.
      const id = outcome.published.version;
      await waitFor(
        () => all.every((r) => r.fleet.generation().manifest.id === id),
        2000,
        "both on the update",
      );
      assert.equal(seqOf(a), 2);
      assert.equal(JSON.parse((await raw.get("starmap:current")) ?? "{}").sequence, 2);
      return;
    }
    assert.ok(outcome.error, "the lease went with Redis's data: nothing is published");
    assert.deepEqual(all.map((r) => r.fleet.generation().manifest.id), [first.version, first.version]);
    await waitFor(
      async () => JSON.parse((await raw.get("starmap:current")) ?? "{}").sequence === 1,
      5000,
      "the fleet seeds the generation it serves",
    );
    await waitFor(() => a.fleet.status().isLeaseHolder === true, 5000, "A holds the lease again");
    // The upstream alternates two snapshots and the refused update took one: this run brings back the
    // catalog served (nothing published), the next one changes it.
    assert.equal((await a.app.updater.run({}, 20_000)).version, first.version);
    const next = await a.app.updater.run({}, 20_000);
    assert.equal(seqOf(a), 2);
    await waitFor(() => b.fleet.generation().manifest.id === next.version, 2000, "B follows 2");
  } finally {
    await raw.close().catch(() => {});
    for (const r of all) await r.stop();
    await upstream.close();
    await redis.dispose();
  }
});
