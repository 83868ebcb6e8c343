import assert from "node:assert/strict";
import { createClient } from "redis";
import { followServer } from "../src/server/_follower.ts";
import { type Replica, startReplica, startUpstream } from "./helpers/fleet.ts";
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
