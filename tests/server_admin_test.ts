import assert from "node:assert/strict";
import { embeddedCatalog } from "../src/catalog/_embedded.ts";
import { createApp } from "../src/server/_app.ts";
import { snapshotBackend } from "../src/server/_backend.ts";
import { parseRanges } from "../src/server/_config.ts";
import { ErrorBody } from "../src/server/_errors.ts";
import { UpdateResult } from "../src/server/_schemas.ts";
import { catalogVersion } from "../src/server/_content_hash.ts";
import { changedCatalog, testBackend } from "./helpers/server.ts";

const KEY = "s3cret-key-for-tests";
const post = (headers: Record<string, string> = {}, body?: string) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  ...(body === undefined ? {} : { body }),
});

async function code(res: Response | Promise<Response>, status: number): Promise<string> {
  const r = await res;
  const body = ErrorBody.parse(await r.json());
  assert.equal(r.status, status, JSON.stringify(body));
  return body.error.code;
}

Deno.test("POST /update is refused without a configured key, and checks the presented key", async () => {
  const off = createApp({ backend: testBackend() });
  assert.equal(await code(off.request("/api/v1/update", post({ "x-api-key": KEY })), 403), "admin_disabled");
  await off.close();

  const backend = testBackend();
  const app = createApp({ backend, authKey: KEY });
  const missing = await app.request("/api/v1/update", post());
  assert.equal(missing.headers.get("www-authenticate"), 'Bearer realm="starmap"');
  assert.equal(await code(missing, 401), "unauthorized");
  assert.equal(await code(app.request("/api/v1/update", post({ "x-api-key": "wrong" })), 403), "forbidden");
  assert.equal(
    await code(app.request("/api/v1/update", post({ authorization: "Bearer wrong" })), 403),
    "forbidden",
  );
  assert.equal(backend.snapshot(), embeddedCatalog(), "no update ran");

  const before = catalogVersion(embeddedCatalog());
  const res = await app.request(
    "/api/v1/update",
    post({ authorization: `Bearer ${KEY}` }, '{"provider":"openai"}'),
  );
  assert.equal(res.status, 200);
  const result = UpdateResult.parse(await res.json());
  assert.equal(result.previousVersion, before);
  assert.equal(result.version, catalogVersion(backend.snapshot()!));
  assert.notEqual(result.version, before);
  assert.deepEqual(result.summary, { added: 1, updated: 1, removed: 0 + 1 });
  assert.deepEqual((result.changeset as { request: unknown }).request, { provider: "openai" });

  const again = await app.request("/api/v1/update", post({ "x-api-key": KEY }, '{"provider":1}'));
  assert.equal(await code(again, 400), "invalid_parameter");
  await app.close();
});

Deno.test("POST /update: 501 when the backend cannot update, 409 while one runs", async () => {
  const fixed = createApp({ backend: snapshotBackend(embeddedCatalog()), authKey: KEY });
  assert.equal(
    await code(fixed.request("/api/v1/update", post({ "x-api-key": KEY })), 501),
    "not_implemented",
  );
  await fixed.close();

  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const app = createApp({ backend: testBackend(gate), authKey: KEY });
  const first = app.request("/api/v1/update", post({ "x-api-key": KEY }));
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(
    await code(app.request("/api/v1/update", post({ "x-api-key": KEY })), 409),
    "update_in_progress",
  );
  open();
  assert.equal((await first).status, 200);
  await app.close();
});

Deno.test("a request in flight keeps the snapshot it started with across an update", async () => {
  const backend = testBackend();
  const app = createApp({ backend, authKey: KEY });
  const oldVersion = catalogVersion(embeddedCatalog());
  let push!: (text: string) => void;
  let end!: () => void;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      push = (text) => controller.enqueue(new TextEncoder().encode(text));
      end = () => controller.close();
    },
  });
  const inFlight = app.request("/api/v1/models/search", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    duplex: "half",
  } as RequestInit);
  push('{"search":');
  await new Promise((r) => setTimeout(r, 0));
  const update = await app.request("/api/v1/update", post({ "x-api-key": KEY }));
  assert.equal(update.status, 200);
  await update.body?.cancel();
  assert.notEqual(catalogVersion(backend.snapshot()!), oldVersion);
  push('["gpt-4o-starmap-test"]}');
  end();
  const res = await inFlight;
  assert.equal(res.headers.get("x-catalog-version"), oldVersion);
  assert.equal((await res.json()).total, 0, "the old snapshot has no such model");
  const now = await app.request("/api/v1/models?search=gpt-4o-starmap-test");
  assert.equal((await now.json()).total, 1);
  await app.close();
});

Deno.test("rate limiting: token bucket per client, 429 with Retry-After and RateLimit-* headers, loopback counted unless exempt", async () => {
  let now = 0;
  const app = createApp({ backend: testBackend(), rateLimit: { perMinute: 3, now: () => now } });
  const get = (ip: string) => app.request("/api/v1/health", {}, { clientIp: ip });
  const first = await get("203.0.113.1");
  assert.equal(first.status, 200);
  assert.equal(first.headers.get("ratelimit-limit"), "3");
  assert.equal(first.headers.get("ratelimit-remaining"), "2");
  assert.equal(first.headers.get("ratelimit-reset"), "20", "one token back in 20 s fills the bucket");
  for (let i = 0; i < 2; i++) assert.equal((await get("203.0.113.1")).status, 200);
  const limited = await get("203.0.113.1");
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get("retry-after"), "20");
  assert.equal(limited.headers.get("ratelimit-remaining"), "0");
  assert.equal(limited.headers.get("ratelimit-reset"), "20");
  assert.equal(ErrorBody.parse(await limited.json()).error.code, "rate_limited");
  assert.equal((await get("203.0.113.2")).status, 200, "another client has its own bucket");
  for (let i = 0; i < 3; i++) assert.equal((await get("127.0.0.1")).status, 200);
  assert.equal((await get("127.0.0.1")).status, 429, "loopback is not exempt by default");
  now += 20_000;
  assert.equal((await get("203.0.113.1")).status, 200, "a token came back after Retry-After");
  assert.equal((await get("203.0.113.1")).status, 429);
  await app.close();

  const exempt = createApp({
    backend: testBackend(),
    rateLimit: { perMinute: 1, exempt: parseRanges(["loopback", "10.0.0.0/8"], "test"), now: () => 0 },
  });
  for (const ip of ["127.0.0.1", "127.0.0.1", "::1", "::1", "10.1.2.3", "10.1.2.3"]) {
    const res = await exempt.request("/api/v1/health", {}, { clientIp: ip });
    assert.equal(res.status, 200, ip);
    assert.equal(res.headers.get("ratelimit-limit"), null, "exempt clients carry no budget");
  }
  assert.equal((await exempt.request("/api/v1/health", {}, { clientIp: "11.0.0.1" })).status, 200);
  assert.equal((await exempt.request("/api/v1/health", {}, { clientIp: "11.0.0.1" })).status, 429);
  await exempt.close();
});

Deno.test("auto-update runs on a schedule and publishes the change", async () => {
  const backend = testBackend();
  const app = createApp({ backend, autoUpdateMs: 5 });
  const sub = app.broker.subscribe();
  const types: string[] = [];
  for (;;) {
    const e = await sub.next();
    types.push(e!.type);
    if (e!.type === "catalog.updated") break;
  }
  sub.close();
  assert.deepEqual(types.sort(), ["catalog.updated", "model.added", "model.removed", "model.updated"]);
  assert.equal(
    backend.snapshot()!.offering("openai/gpt-4o")!.pricing!.input,
    changedCatalog().offering("openai/gpt-4o")!.pricing!.input,
  );
  await app.close();
  assert.equal(backend.listenerCount(), 0, "the app stopped observing the backend");
});
