import assert from "node:assert/strict";
import { Catalog } from "../catalog/mod.ts";
import { embeddedCatalog, embeddedCatalogData } from "../catalog/mod.ts";
import { type CachedResponse, pathAndQuery, ResponseCache } from "./_response_cache.ts";

const bytes = (n: number, tag = "x"): CachedResponse => ({
  body: tag.repeat(n),
  bytes: n * tag.length,
  etag: `"${tag}"`,
  version: "v",
  route: "r",
  headers: {},
  notModified: {},
  ok: { status: 200, body: tag.repeat(n), headers: {} },
  unchanged: { status: 304, body: "", headers: {} },
});

Deno.test("ResponseCache keeps at most maxEntries, dropping the least recently used", () => {
  const catalog = embeddedCatalog();
  const cache = new ResponseCache({ maxEntries: 3 });
  for (const k of ["a", "b", "c"]) cache.set(catalog, k, bytes(1, k));
  assert.equal(cache.get(catalog, "a")?.etag, '"a"');
  cache.set(catalog, "d", bytes(1, "d"));
  assert.deepEqual(cache.size(catalog), { entries: 3, bytes: 3 });
  assert.equal(cache.get(catalog, "b"), undefined);
  for (const k of ["a", "c", "d"]) assert.equal(cache.get(catalog, k)?.etag, `"${k}"`);
  cache.set(catalog, "d", bytes(1, "e"));
  assert.deepEqual(cache.size(catalog), { entries: 3, bytes: 3 });
  assert.equal(cache.get(catalog, "d")?.etag, '"e"');
});

Deno.test("ResponseCache keeps at most maxBytes and skips bodies larger than that", () => {
  const catalog = embeddedCatalog();
  const cache = new ResponseCache({ maxEntries: 100, maxBytes: 100 });
  for (let i = 0; i < 10; i++) cache.set(catalog, `k${i}`, bytes(30));
  assert.deepEqual(cache.size(catalog), { entries: 3, bytes: 90 });
  assert.equal(cache.get(catalog, "k6"), undefined);
  assert.ok(cache.get(catalog, "k9"));
  cache.set(catalog, "big", bytes(101));
  assert.equal(cache.get(catalog, "big"), undefined);
  assert.deepEqual(cache.size(catalog), { entries: 3, bytes: 90 });
});

Deno.test("ResponseCache keeps snapshots apart; maxEntries 0 turns it off", () => {
  const one = embeddedCatalog();
  const two = Catalog.from(embeddedCatalogData());
  const cache = new ResponseCache();
  cache.set(one, "/k", bytes(4));
  assert.ok(cache.get(one, "/k"));
  assert.equal(cache.get(two, "/k"), undefined);
  assert.deepEqual(cache.size(two), { entries: 0, bytes: 0 });
  const off = new ResponseCache({ maxEntries: 0 });
  off.set(one, "/k", bytes(4));
  assert.equal(off.get(one, "/k"), undefined);
});

Deno.test("pathAndQuery equals URL pathname + search for request URLs", () => {
  const urls = [
    "http://127.0.0.1:8080/api/v1/models/openai/gpt-4o",
    "http://localhost/api/v1/models?provider=anthropic&limit=5",
    "http://h/p?",
    "http://h/p??",
    "http://h/p?a=1?b",
    "http://h",
    "http://u:p@h:1/a%20b/c?x=%2F#frag",
    "https://h/models/groq/meta-llama/llama-4?x",
  ];
  for (const raw of urls) {
    const url = new Request(raw).url;
    const u = new URL(url);
    assert.equal(pathAndQuery(url), u.pathname + u.search, raw);
  }
});
