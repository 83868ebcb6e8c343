import assert from "node:assert/strict";
import { openFleet } from "../src/server/_fleet.ts";
import { StarmapError } from "../src/errors.ts";
import { createApp } from "../src/server/_app.ts";
import { testBackend } from "./helpers/server.ts";
import { followServer } from "../src/server/_follower.ts";
import { type RunningServer, serve } from "../src/runtime/_serve.ts";
import { createClient } from "redis";
import { initialCatalog, startReplica, startUpstream } from "./helpers/fleet.ts";
import { startRedis } from "./helpers/redis.ts";
import { waitFor } from "./helpers/wait.ts";

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

Deno.test("followers: the source going away shows as degraded at once, not at the next poll; its return as ok", async () => {
  const redis = await startRedis();
  const a = await startReplica({ redisUrl: redis.url, replicaId: "A" });
  const port = a.server.port;
  const follower = await followServer(a.base, { pollMs: 60_000 });
  let back: RunningServer | undefined;
  try {
    assert.equal(follower.status!().state, "ok");
    await new Promise((r) => setTimeout(r, 1500)); // the event stream is open
    await a.server.shutdown();
    await waitFor(() => follower.status!().state === "degraded", 5000, "the follower reports degraded");
    const again = createApp({ backend: a.fleet, broker: { heartbeatMs: 0 } });
    back = await serve(again, { host: "127.0.0.1", port, drainTimeoutMs: 500 });
    await waitFor(() => follower.status!().state === "ok", 10_000, "the follower reports ok again");
  } finally {
    await follower.close();
    await back?.shutdown();
    await a.fleet.close();
    await redis.dispose();
  }
});

Deno.test("fleet: closing a replica does not note Redis as unreachable", async () => {
  const redis = await startRedis();
  const notes: string[] = [];
  const logger = { info: (l: string) => notes.push(l), error: (l: string) => notes.push(l) };
  const a = await openFleet({ url: redis.url, initial: initialCatalog(), replicaId: "A", logger });
  try {
    assert.equal(a.status().state, "ok");
    await a.close();
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(notes, [], "a shutdown is not an outage");
  } finally {
    await redis.dispose();
  }
});

Deno.test("GET /catalog/generations/{id} answers 304 to If-None-Match with its ETag (it never changes)", async () => {
  const app = createApp({ backend: testBackend() });
  try {
    const { id, checksum } = await (await app.request("/api/v1/catalog/manifest")).json();
    const same = await app.request(`/api/v1/catalog/generations/${id}`, {
      headers: { "if-none-match": `"${checksum}"` },
    });
    assert.equal(same.status, 304);
    assert.equal(same.headers.get("etag"), `"${checksum}"`);
    assert.equal(same.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.equal(await same.text(), "");
    const other = await app.request(`/api/v1/catalog/generations/${id}`, {
      headers: { "if-none-match": `"x"` },
    });
    assert.equal(other.status, 200);
    await other.body?.cancel();
  } finally {
    await app.close();
  }
});

Deno.test("followers: a server URL without its API prefix is refused with a hint naming the prefix", async () => {
  const app = createApp({ backend: testBackend(), broker: { heartbeatMs: 0 } });
  const server = await serve(app, { host: "127.0.0.1", port: 0, drainTimeoutMs: 500 });
  try {
    await assert.rejects(
      followServer(`http://user:pw-secret@127.0.0.1:${server.port}`, { timeoutMs: 2000 }),
      (e) =>
        e instanceof StarmapError && /HTTP 404/.test(e.message) && /api\/v1/.test(e.hint ?? "") &&
        !/pw-secret/.test(`${e.message} ${e.hint}`),
    );
  } finally {
    await server.shutdown();
    await app.close();
  }
});

Deno.test("followers: a generation not yet held by the replica the balancer picked is fetched again soon, not at the next poll", async () => {
  const app = createApp({ backend: testBackend(), broker: { heartbeatMs: 0 } });
  const source = await serve(app, { host: "127.0.0.1", port: 0, drainTimeoutMs: 500 });
  let generations = 0;
  // A balancer in front of two replicas, one of which has not activated the newest generation yet.
  const balancer = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const url = new URL(req.url);
    if (url.pathname.includes("/catalog/generations/") && ++generations === 2) {
      return Response.json({ error: { code: "not_found", message: "not held here" } }, { status: 404 });
    }
    return fetch(`http://127.0.0.1:${source.port}${url.pathname}${url.search}`, {
      headers: req.headers,
      signal: req.signal,
    });
  });
  const follower = await followServer(`http://127.0.0.1:${balancer.addr.port}/api/v1`, { pollMs: 60_000 });
  try {
    await new Promise((r) => setTimeout(r, 500)); // the event stream is open
    await app.updater.run({}, 10_000);
    const { id } = await (await app.request("/api/v1/catalog/manifest")).json();
    (await (await app.request("/api/v1/catalog/manifest")).json()).id;
    await waitFor(() => follower.generation().manifest.id === id, 5000, "the follower converges");
  } finally {
    await follower.close();
    await balancer.shutdown();
    await source.shutdown();
    await app.close();
  }
});
