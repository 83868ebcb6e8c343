import assert from "node:assert/strict";
import { openFleet } from "../src/server/_fleet.ts";
import { createClient } from "redis";
import { initialCatalog, startReplica, startUpstream } from "./helpers/fleet.ts";
import { startRedis } from "./helpers/redis.ts";

async function waitFor(condition: () => boolean, ms: number, what: string): Promise<void> {
  const start = performance.now();
  while (performance.now() - start < ms) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  assert.fail(`${what} (not within ${ms} ms)`);
}

Deno.test("fleet: a refused Redis password is named in the note, without the password", async () => {
  const redis = await startRedis({ password: "right-pass" });
  const notes: string[] = [];
  const logger = { info: (l: string) => notes.push(l), error: (l: string) => notes.push(l) };
  const wrong = await openFleet({
    url: redis.url.replace("right-pass", "wrong-pass"),
    initial: initialCatalog(),
    replicaId: "W",
    logger,
  });
  const none = await openFleet({
    url: redis.url.replace(":right-pass@", ""),
    initial: initialCatalog(),
    replicaId: "N",
    logger,
  });
  try {
    assert.equal(wrong.status().state, "degraded");
    assert.ok(notes.some((n) => /WRONGPASS/.test(n)), notes.join("\n"));
    assert.ok(notes.some((n) => /NOAUTH/.test(n)), notes.join("\n"));
    assert.ok(notes.every((n) => !n.includes("wrong-pass")), "the password stays out of the notes");
  } finally {
    await wrong.close();
    await none.close();
    await redis.dispose();
  }
});

Deno.test("fleet: after Redis was away past the lease, a former holder does not act as holder while another has the lease", async () => {
  const redis = await startRedis();
  const upstream = startUpstream();
  const a = await startReplica({
    redisUrl: redis.url,
    upstreamUrl: upstream.url,
    replicaId: "A",
    leaseMs: 3000,
  });
  const client = createClient({ url: redis.url });
  try {
    assert.equal(a.fleet.status().isLeaseHolder, true);
    await redis.stop();
    await waitFor(() => a.fleet.status().state === "degraded", 5000, "A degraded");
    await new Promise((r) => setTimeout(r, 3200));
    await redis.start();
    await client.connect();
    await client.set("starmap:lease", "B", { NX: true, PX: 10_000 });
    await waitFor(() => a.fleet.status().state === "ok", 5000, "A back");
    const actual = await client.get("starmap:lease");
    const status = a.fleet.status();
    assert.ok(!status.isLeaseHolder || actual === "A", `A acts as holder while the lease is ${actual}`);
    assert.equal(a.fleet.shouldUpdate?.() && actual !== "A", false, "A would run a scheduled update");
  } finally {
    await client.close().catch(() => {});
    await a.stop();
    await upstream.close();
    await redis.dispose();
  }
});
