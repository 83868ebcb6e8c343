import assert from "node:assert/strict";
import { servingOn } from "./helpers/serving.ts";
import { createClient } from "redis";
import { Catalog } from "../src/catalog/_catalog.ts";
import { StarmapError } from "../src/errors.ts";
import { createApp } from "../src/server/_app.ts";
import { openFleet } from "../src/server/_fleet.ts";
import { followServer } from "../src/server/_follower.ts";
import { serve } from "../src/runtime/_serve.ts";
import { initialCatalog, type Replica, startReplica, startUpstream } from "./helpers/fleet.ts";
import { startRedis } from "./helpers/redis.ts";
import { waitFor } from "./helpers/wait.ts";
import { sseReader } from "./helpers/sse.ts";

const KEY = "fleet-test-key";

async function manifestId(base: string): Promise<string> {
  return (await (await fetch(`${base}/catalog/manifest`)).json()).id;
}

const ids = (replicas: Replica[]) => replicas.map((r) => r.fleet.generation().manifest.id);

Deno.test("fleet: one updater, one fetch per interval, every replica converges within 1 s, events reach every replica", async () => {
  const redis = await startRedis();
  const upstream = startUpstream();
  const interval = 1500;
  const common = { redisUrl: redis.url, upstreamUrl: upstream.url, autoUpdateMs: interval, authKey: KEY };
  const a = await startReplica({ ...common, replicaId: "A" });
  await waitFor(() => a.fleet.status().isLeaseHolder === true, 3000, "A takes the lease");
  const b = await startReplica({ ...common, replicaId: "B" });
  const c = await startReplica({ ...common, replicaId: "C" });
  const all = [a, b, c];
  try {
    await waitFor(
      () => new Set(ids(all)).size === 1,
      2000,
      "replicas that start while Redis is up serve its current generation",
    );
    const sse = sseReader(await fetch(`${c.base}/events`));
    assert.ok(await sse.until("ready"));
    const seen = new Set<string>([a.fleet.generation().manifest.id]);
    for (let run = 0; run < 3; run++) {
      const before = a.fleet.generation().manifest.id;
      await waitFor(
        () => a.fleet.generation().manifest.id !== before,
        interval * 3,
        `update ${run + 1} published`,
      );
      const published = a.fleet.generation().manifest.id;
      seen.add(published);
      const lag = await waitFor(
        async () => (await Promise.all(all.map((r) => manifestId(r.base)))).every((id) => id === published),
        1000,
        "every replica serves the new generation",
      );
      assert.ok(lag < 1000);
      assert.ok(await sse.until("catalog.updated"), "the SSE client on C hears A's update");
    }
    const heard = sse.events.filter((e) => e.type === "catalog.updated");
    assert.equal(heard.length, 3, "each of the three updates is heard once");
    const updates = heard.map((e) => (e.data as { version: string }).version);
    assert.ok(updates.every((v) => seen.has(v)));
    assert.ok(sse.events.some((e) => e.type.startsWith("model.")), "model events come with the update");
    await sse.reader.cancel();
    const fetches = upstream.fetches();
    assert.ok(
      fetches >= 3 && fetches <= 4,
      `the upstream saw ${fetches} fetches for 3 intervals of a 3-replica fleet`,
    );
    assert.equal(b.fleet.status().isLeaseHolder, false);
    const refused = await fetch(`${b.base}/update`, { method: "POST", headers: { "x-api-key": KEY } });
    assert.equal(refused.status, 409, "only the lease holder runs admin updates");
    await refused.body?.cancel();
  } finally {
    for (const r of all) await r.stop();
    await upstream.close();
    await redis.dispose();
  }
});

Deno.test("fleet: kill -9 of the lease holder hands the lease over within one lease period", async () => {
  const redis = await startRedis();
  const upstream = startUpstream();
  const leaseMs = 900;
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-all",
      new URL("./helpers/fleet_replica.ts", import.meta.url).pathname,
      redis.url,
      upstream.url,
      "X",
      String(leaseMs),
      "600000",
    ],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  while (!out.includes("ready")) out += (await reader.read()).value ?? "";
  const b = await startReplica({ redisUrl: redis.url, upstreamUrl: upstream.url, replicaId: "B", leaseMs });
  try {
    await waitFor(() => b.fleet.status().leaseHolder === "X", 3000, "X holds the lease");
    child.kill("SIGKILL");
    await child.status;
    await reader.cancel();
    const took = await waitFor(
      () => b.fleet.status().isLeaseHolder === true,
      leaseMs * 3,
      "B takes the lease",
    );
    assert.ok(
      took <= leaseMs + leaseMs / 3 + 500,
      `handover took ${took.toFixed(0)} ms for a ${leaseMs} ms lease`,
    );
  } finally {
    await b.stop();
    await upstream.close();
    await redis.dispose();
  }
});

Deno.test("fleet: Redis stopped mid-publish, then back: degraded, nothing partial activated, publishing resumes", async () => {
  const redis = await startRedis();
  const upstream = startUpstream();
  const common = { redisUrl: redis.url, upstreamUrl: upstream.url, authKey: KEY };
  let gate: Promise<void> | undefined;
  const a = await startReplica({ ...common, replicaId: "A", beforePublish: () => gate ?? Promise.resolve() });
  await waitFor(() => a.fleet.status().isLeaseHolder === true, 3000, "A takes the lease");
  const b = await startReplica({ ...common, replicaId: "B" });
  const raw = createClient({ url: redis.url });
  raw.on("error", () => {});
  try {
    await waitFor(() => new Set(ids([a, b])).size === 1, 2000, "converged");
    const first = a.fleet.generation().manifest.id;
    // A pointer to bytes that do not match it: no replica activates it.
    await raw.connect();
    const bogus = JSON.stringify({
      id: "0123456789abcdef",
      checksum: "0".repeat(64),
      size: 10,
      time: "x",
      previous: first,
    });
    await raw.set(`starmap:gen:0123456789abcdef:${"0".repeat(64)}`, "{truncated");
    await raw.set("starmap:current", bogus);
    await raw.publish("starmap:generations", bogus);
    await new Promise((r) => setTimeout(r, 400));
    assert.deepEqual(ids([a, b]), [first, first], "an unverified generation is never activated");
    await raw.del("starmap:current");
    await waitFor(
      async () => (await raw.get("starmap:current")) !== null,
      2000,
      "the fleet re-seeds its generation",
    );
    await raw.close();

    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));
    const update = a.app.updater.run({}, 20_000);
    await redis.stop();
    release();
    gate = undefined;
    await assert.rejects(update, "an update cannot publish while Redis is away");
    await waitFor(
      async () => (await (await fetch(`${b.base}/ready`)).json()).status === "degraded",
      3000,
      "B reports degraded",
    );
    assert.deepEqual(ids([a, b]), [first, first], "both keep serving their last generation");
    const served = await fetch(`${b.base}/models?limit=1`);
    assert.equal(served.status, 200);
    await served.body?.cancel();
    await redis.start();
    await waitFor(
      async () => (await (await fetch(`${b.base}/ready`)).json()).status === "ready",
      5000,
      "B is ready again",
    );
    await waitFor(() => a.fleet.status().isLeaseHolder === true, 5000, "A holds the lease again");
    const result = await a.app.updater.run({}, 20_000);
    assert.notEqual(result.version, first);
    await waitFor(
      () => b.fleet.generation().manifest.id === result.version,
      1000,
      "B activates the new generation",
    );
  } finally {
    await a.stop();
    await b.stop();
    await upstream.close();
    await redis.dispose();
  }
});

Deno.test("fleet: the rate limit is one budget per client across replicas", async () => {
  const redis = await startRedis();
  const rateLimit = { perMinute: 4 };
  const rs = await Promise.all(
    ["A", "B", "C"].map((id) => startReplica({ redisUrl: redis.url, replicaId: id, rateLimit })),
  );
  try {
    // A catalog read: the first on each replica is routed (and cached), the later ones are answered from the
    // cache before routing; both count against the one shared budget.
    const statuses: number[] = [];
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${rs[i % 3]!.base}/models?limit=1`);
      statuses.push(res.status);
      remaining.push(res.headers.get("ratelimit-remaining"));
      await res.body?.cancel();
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429]);
    assert.deepEqual(remaining, ["3", "2", "1", "0", "0", "0"]);
    const health = await fetch(`${rs[0]!.base}/health`);
    assert.equal(health.status, 429);
    await health.body?.cancel();
  } finally {
    for (const r of rs) await r.stop();
    await redis.dispose();
  }
});

Deno.test("followers: the library and serve --follow converge over HTTP, woken by the event stream", async () => {
  const redis = await startRedis();
  const upstream = startUpstream();
  const a = await startReplica({
    redisUrl: redis.url,
    upstreamUrl: upstream.url,
    replicaId: "A",
    authKey: KEY,
  });
  await waitFor(() => a.fleet.status().isLeaseHolder === true, 3000, "A takes the lease");
  const follower = await followServer(a.base, { pollMs: 60_000 });
  const app = createApp({ backend: follower, broker: { heartbeatMs: 0 } });
  const server = await serve(app, { host: "127.0.0.1", port: 0 });
  const followBase = `http://127.0.0.1:${server.port}/api/v1`;
  try {
    assert.equal(follower.generation().manifest.id, a.fleet.generation().manifest.id);
    const result = await a.app.updater.run({}, 20_000);
    await waitFor(
      () => follower.generation().manifest.id === result.version,
      1000,
      "the library follower converges",
    );
    await waitFor(
      async () => (await manifestId(followBase)) === result.version,
      1000,
      "serve --follow serves it",
    );
    const update = await fetch(`${followBase}/update`, { method: "POST" });
    assert.equal(update.status, 403, "a follower runs no updates (admin is off without a key)");
    await update.body?.cancel();
    // The follower reads through the HTTP core: its size cap holds for a generation too.
    await assert.rejects(
      followServer(a.base, { maxBytes: 1000 }),
      (e) => e instanceof StarmapError && e.kind === "network" && /size cap of 1000 bytes/.test(e.message),
    );
  } finally {
    await server.shutdown();
    await follower.close();
    await a.stop();
    await upstream.close();
    await redis.dispose();
  }
});

/** Starts `starmap serve` with `args` and `env`; resolves with its base URL and a stop function. */
async function cliServe(args: string[], env: Record<string, string> = {}) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts", "serve", "--host", "127.0.0.1", "--port", "0", ...args],
    env,
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  const { base, said: err } = await servingOn(reader);
  assert.ok(base, err);
  return {
    base,
    note: err,
    stop: async () => {
      child.kill("SIGTERM");
      await child.status;
      await reader.cancel().catch(() => {});
    },
  };
}

Deno.test("starmap serve --redis (or STARMAP_REDIS_URL) joins the fleet; serve --follow follows a server", async () => {
  const redis = await startRedis();
  const one = await cliServe(["--redis", redis.url]);
  const two = await cliServe([], { STARMAP_REDIS_URL: redis.url });
  const three = await cliServe(["--follow", one.base]);
  try {
    assert.match(one.note, /fleet replica/);
    assert.match(three.note, /following/);
    const ready = await (await fetch(`${two.base}/ready`)).json();
    assert.equal(ready.status, "ready");
    const id = await manifestId(one.base);
    assert.equal(await manifestId(two.base), id);
    assert.equal(await manifestId(three.base), id);
    const metrics = await (await fetch(`${one.base}/metrics`)).text();
    assert.match(metrics, /^starmap_lease_holder\{holder="[^"]+"\} [01]$/m);
  } finally {
    await three.stop();
    await two.stop();
    await one.stop();
    await redis.dispose();
  }
});

Deno.test("fleet: a password in the Redis URL works; a wrong one leaves the replica degraded, still serving", async () => {
  const redis = await startRedis({ password: "s3cret-pass" });
  const a = await startReplica({ redisUrl: redis.url, replicaId: "A" });
  const wrong = await startReplica({ redisUrl: redis.url.replace("s3cret-pass", "nope"), replicaId: "W" });
  try {
    assert.equal(a.fleet.status().state, "ok");
    assert.equal((await (await fetch(`${a.base}/ready`)).json()).status, "ready");
    assert.equal(wrong.fleet.status().state, "degraded");
    const ready = await fetch(`${wrong.base}/ready`);
    assert.equal(ready.status, 200);
    assert.equal((await ready.json()).status, "degraded");
  } finally {
    await wrong.stop();
    await a.stop();
    await redis.dispose();
  }
});

Deno.test("starmap serve --redis rediss:// speaks TLS to Redis (the CA given to the runtime)", async () => {
  const redis = await startRedis({ tls: true, password: "tls-pass" });
  assert.match(redis.url, /^rediss:\/\//);
  const one = await cliServe(["--redis", redis.url], { DENO_CERT: redis.caFile });
  try {
    const ready = await (await fetch(`${one.base}/ready`)).json();
    assert.equal(ready.status, "ready", "connected over TLS with the password");
    const metrics = await (await fetch(`${one.base}/metrics`)).text();
    assert.match(metrics, /^starmap_degraded 0$/m);
  } finally {
    await one.stop();
    await redis.dispose();
  }
});

Deno.test("fleet: an update that returns to an earlier catalog is published and activated again", async () => {
  const redis = await startRedis();
  const older = initialCatalog();
  const newer = Catalog.from({ ...structuredClone(older.data), updatedAt: "2030-01-01T00:00:00.000Z" });
  let n = 0;
  const refresh = () =>
    Promise.resolve({ catalog: n++ % 2 === 0 ? newer : Catalog.from(structuredClone(older.data)) });
  const a = await openFleet({ url: redis.url, initial: older, replicaId: "A", refresh, pollMs: 100 });
  const b = await openFleet({ url: redis.url, initial: older, replicaId: "B", pollMs: 100 });
  try {
    await waitFor(() => a.status().isLeaseHolder === true, 3000, "A takes the lease");
    const first = a.generation().manifest.id;
    for (const expected of ["newer", "older"]) {
      await a.update!({}, AbortSignal.timeout(10_000));
      const id = a.generation().manifest.id;
      assert.equal(id === first, expected === "older");
      await waitFor(() => b.generation().manifest.id === id, 1000, `B activates the ${expected} catalog`);
    }
  } finally {
    await a.close();
    await b.close();
    await redis.dispose();
  }
});

Deno.test("fleet: a generation carries the update's provenance; its checksum covers it, so an altered one is never activated", async () => {
  const redis = await startRedis();
  const upstream = startUpstream();
  // A long lease: this test is about the generation, not the handover, on however loaded a machine.
  const common = { redisUrl: redis.url, upstreamUrl: upstream.url, authKey: KEY, leaseMs: 10_000 };
  const a = await startReplica({ ...common, replicaId: "A" });
  const b = await startReplica({ redisUrl: redis.url, replicaId: "B" });
  await waitFor(() => a.fleet.status().isLeaseHolder === true, 3000, "A takes the lease");
  const raw = createClient({ url: redis.url });
  raw.on("error", () => {});
  let c: Replica | undefined;
  try {
    const first = a.fleet.generation().manifest.id;
    const result = await a.app.updater.run({}, 20_000);
    await waitFor(() => b.fleet.generation().manifest.id === result.version, 1000, "B activates it");
    assert.equal(b.fleet.generation().hasProvenance, true);
    const manifest = await (await fetch(`${b.base}/catalog/manifest`)).json();
    const text = await (await fetch(`${b.base}/catalog/generations/${manifest.id}`)).text();
    const doc = JSON.parse(text);
    assert.equal(doc.id, result.version);
    const offerings = Object.keys(doc.provenance.offerings);
    assert.ok(offerings.length > 0, "the provenance of the reconciled offerings is published");
    assert.ok(
      offerings.every((key: string) =>
        doc.catalog.offerings.some((o: { provider: string; id: string }) => `${o.provider}/${o.id}` === key)
      ),
    );

    // Alter one digit inside the provenance (the JSON stays valid, the size the same): the checksum refuses it.
    await raw.connect();
    const key = `starmap:gen:${manifest.id}:${manifest.checksum}`;
    const stored = (await raw.get(key))!;
    const at = stored.indexOf('"provenance":');
    const digit = stored.slice(at).search(/[0-8]/) + at;
    await raw.set(key, `${stored.slice(0, digit)}${Number(stored[digit]) + 1}${stored.slice(digit + 1)}`);
    c = await startReplica({ redisUrl: redis.url, replicaId: "C" });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(c.fleet.generation().manifest.id, first, "C does not activate the altered generation");
  } finally {
    await raw.close().catch(() => {});
    for (const r of [a, b, c]) await r?.stop();
    await upstream.close();
    await redis.dispose();
  }
});
