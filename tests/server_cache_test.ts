import assert from "node:assert/strict";
import { embeddedCatalog } from "../src/catalog/_embedded.ts";
import { Offering as Model } from "../src/catalog/_schema.ts";
import { createApp, type ServerApp } from "../src/server/_app.ts";
import type { ServerOptions } from "../src/server/_options.ts";
import { OfferingPage as ModelPage } from "../src/server/_schemas.ts";
import { changedCatalog, CHANGES, testBackend } from "./helpers/server.ts";

const catalog = embeddedCatalog();
const GPT = `/api/v1/offerings/${CHANGES.updated}`;

async function withApp(
  fn: (app: ServerApp, backend: ReturnType<typeof testBackend>) => Promise<void>,
  options: Partial<ServerOptions> = {},
): Promise<void> {
  const backend = testBackend();
  const app = createApp({ backend, ...options });
  try {
    await fn(app, backend);
  } finally {
    await app.close();
  }
}

async function get(app: ServerApp, path: string, headers: Record<string, string> = {}) {
  const res = await app.request(path, { headers });
  return { res, text: await res.text() };
}

Deno.test("a cached read answers the same bytes and ETag as the first, and a snapshot swap replaces both", async () => {
  const uncached = createApp({ backend: testBackend(), responseCache: { maxEntries: 0 } });
  const reference = await get(uncached, GPT);
  assert.equal(uncached.cacheSize().entries, 0);
  await uncached.close();

  await withApp(async (app, backend) => {
    const first = await get(app, GPT);
    assert.equal(app.cacheSize().entries, 1);
    const second = await get(app, GPT);
    assert.equal(app.cacheSize().entries, 1);
    for (const r of [first, second]) {
      assert.equal(r.res.status, 200);
      assert.equal(r.text, reference.text);
      for (const h of ["etag", "cache-control", "content-type", "x-catalog-version"]) {
        assert.equal(r.res.headers.get(h), reference.res.headers.get(h), h);
      }
    }
    assert.deepEqual(Model.parse(JSON.parse(second.text)), catalog.offering(CHANGES.updated));

    backend.replace({ catalog: changedCatalog() });
    assert.equal(app.cacheSize().entries, 0);
    const after = await get(app, GPT);
    assert.equal(after.res.status, 200);
    assert.equal(Model.parse(JSON.parse(after.text)).pricing?.input, 1.25);
    assert.notEqual(after.res.headers.get("etag"), first.res.headers.get("etag"));
    assert.notEqual(after.res.headers.get("x-catalog-version"), first.res.headers.get("x-catalog-version"));
    assert.equal((await get(app, GPT)).text, after.text);
    assert.equal(app.cacheSize().entries, 1);

    const list = "/api/v1/offerings?provider=openai&limit=1000";
    const gone = await get(app, `/api/v1/offerings/${CHANGES.removed}`);
    assert.equal(gone.res.status, 404);
    const page = ModelPage.parse(JSON.parse((await get(app, list)).text));
    assert.ok(page.items.some((m) => `${m.provider}/${m.id}` === CHANGES.added));
  });
});

Deno.test("the response cache is bounded by entries and bytes and still answers evicted routes right", async () => {
  const keys = catalog.offeringsByProvider("openai").slice(0, 10).map((m) => `${m.provider}/${m.id}`);
  await withApp(async (app) => {
    for (const key of [...keys, ...keys]) {
      const r = await get(app, `/api/v1/offerings/${key}`);
      assert.equal(r.res.status, 200);
      assert.deepEqual(Model.parse(JSON.parse(r.text)), catalog.offering(key));
      assert.ok(app.cacheSize().entries <= 3);
    }
    assert.equal(app.cacheSize().entries, 3);
  }, { responseCache: { maxEntries: 3 } });

  await withApp(async (app) => {
    for (const key of keys) {
      await get(app, `/api/v1/models/${key}`);
      assert.ok(app.cacheSize().bytes <= 2000, String(app.cacheSize().bytes));
    }
    assert.ok(app.cacheSize().entries >= 1);
    const big = await get(app, "/api/v1/models?limit=1000");
    assert.ok(big.text.length > 2000);
    assert.ok(app.cacheSize().bytes <= 2000);
  }, { responseCache: { maxEntries: 100, maxBytes: 2000 } });
});

Deno.test("If-None-Match gives 304 from a cached response, HEAD works, errors are not cached", async () => {
  await withApp(async (app, backend) => {
    const first = await get(app, GPT);
    const etag = first.res.headers.get("etag")!;
    assert.equal(app.cacheSize().entries, 1);
    for (const tag of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const again = await get(app, GPT, { "if-none-match": tag });
      assert.equal(again.res.status, 304, tag);
      assert.equal(again.text, "");
      assert.equal(again.res.headers.get("etag"), etag);
      assert.equal(again.res.headers.get("cache-control"), "public, max-age=60");
      assert.equal(again.res.headers.get("x-catalog-version"), first.res.headers.get("x-catalog-version"));
    }
    const other = await get(app, GPT, { "if-none-match": '"nope"' });
    assert.equal(other.res.status, 200);
    assert.equal(other.text, first.text);

    const head = await app.request(GPT, { method: "HEAD" });
    assert.equal(head.status, 200);
    assert.equal(head.body, null);
    assert.equal(head.headers.get("etag"), etag);

    for (const path of ["/api/v1/models/openai/gpt-4p", "/api/v1/models?limit=0"]) {
      assert.ok((await get(app, path)).res.status >= 400);
      assert.ok((await get(app, path)).res.status >= 400);
    }
    assert.equal(app.cacheSize().entries, 1);

    backend.replace({ catalog: changedCatalog() });
    const stale = await get(app, GPT, { "if-none-match": etag });
    assert.equal(stale.res.status, 200);
    assert.notEqual(stale.res.headers.get("etag"), etag);
    const fresh = await get(app, GPT, { "if-none-match": stale.res.headers.get("etag")! });
    assert.equal(fresh.res.status, 304);
  });
});

Deno.test("cached reads still pass through CORS and the rate limit", async () => {
  let now = 0;
  await withApp(async (app) => {
    const ip = { clientIp: "203.0.113.7" };
    const origin = { origin: "https://a.example" };
    const one = await app.request(GPT, { headers: origin }, ip);
    await one.body?.cancel();
    const two = await app.request(GPT, { headers: origin }, ip);
    await two.body?.cancel();
    assert.equal(two.status, 200);
    assert.equal(two.headers.get("access-control-allow-origin"), "https://a.example");
    assert.match(two.headers.get("access-control-expose-headers") ?? "", /ETag/i);
    const three = await app.request(GPT, { headers: origin }, ip);
    await three.body?.cancel();
    assert.equal(three.status, 429);
    now += 60_000;
    const later = await app.request(GPT, {}, ip);
    await later.body?.cancel();
    assert.equal(later.status, 200);
  }, {
    corsOrigins: ["https://a.example"],
    rateLimit: { perMinute: 2, now: () => now },
  });
});

Deno.test("a cached read carries the rate limit's headers on its 200, 304 and 429, as the first answer did", async () => {
  await withApp(async (app) => {
    const ip = { clientIp: "203.0.113.8" };
    const first = await app.request(GPT, {}, ip);
    const body = await first.text();
    const etag = first.headers.get("etag")!;
    assert.equal(first.headers.get("ratelimit-remaining"), "2");
    const hit = await app.request(GPT, {}, ip);
    assert.equal(hit.status, 200);
    assert.equal(await hit.text(), body);
    assert.equal(hit.headers.get("etag"), etag);
    assert.equal(hit.headers.get("content-type"), "application/json; charset=utf-8");
    assert.equal(hit.headers.get("x-content-type-options"), "nosniff");
    assert.equal(hit.headers.get("ratelimit-limit"), "3");
    assert.equal(hit.headers.get("ratelimit-remaining"), "1");
    assert.equal(hit.headers.get("ratelimit-reset"), "40");
    const unchanged = await app.request(GPT, { headers: { "if-none-match": etag } }, ip);
    assert.equal(unchanged.status, 304);
    assert.equal(unchanged.headers.get("etag"), etag);
    assert.equal(unchanged.headers.get("ratelimit-remaining"), "0");
    const refused = await app.request(GPT, {}, ip);
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get("retry-after"), "20");
    assert.equal(refused.headers.get("ratelimit-remaining"), "0");
    assert.equal(refused.headers.get("x-content-type-options"), "nosniff");
    await refused.body?.cancel();
    assert.equal(app.cacheSize().entries, 1);
  }, { rateLimit: { perMinute: 3, now: () => 0 } });
});
