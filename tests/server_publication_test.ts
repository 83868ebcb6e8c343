import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createApp } from "../src/server/_app.ts";
import { GenerationManifest } from "../src/server/_generation.ts";
import { specValidator } from "./helpers/openapi_validator.ts";
import { testBackend } from "./helpers/server.ts";

const KEY = "publication-test-key";

Deno.test("GET /catalog/manifest and /catalog/generations/{id} publish verifiable, immutable generations", async () => {
  const app = createApp({ backend: testBackend(), authKey: KEY });
  const spec = specValidator(await (await app.request("/api/v1/openapi.json")).json());
  const res = await app.request("/api/v1/catalog/manifest");
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("cache-control"), "no-cache");
  const manifest = GenerationManifest.parse(await res.json());
  assert.equal(res.headers.get("etag"), `"${manifest.checksum}"`);
  const same = await app.request("/api/v1/catalog/manifest", {
    headers: { "if-none-match": `"${manifest.checksum}"` },
  });
  assert.equal(same.status, 304);
  const gen = await app.request(`/api/v1/catalog/generations/${manifest.id}`);
  assert.equal(gen.headers.get("cache-control"), "public, max-age=31536000, immutable");
  const bytes = new Uint8Array(await gen.arrayBuffer());
  assert.equal(bytes.byteLength, manifest.size);
  assert.equal(createHash("sha256").update(bytes).digest("hex"), manifest.checksum);
  const doc = JSON.parse(new TextDecoder().decode(bytes));
  assert.deepEqual(spec.check(spec.responseSchema("/api/v1/catalog/generations/{id}", "get", 200), doc), []);
  assert.equal((await app.request("/api/v1/catalog/generations/0123456789abcdef")).status, 404);

  await app.updater.run({}, 10_000);
  const next = GenerationManifest.parse(await (await app.request("/api/v1/catalog/manifest")).json());
  assert.notEqual(next.id, manifest.id, "an update publishes a new generation");
  const nextDoc = await (await app.request(`/api/v1/catalog/generations/${next.id}`)).json();
  assert.equal(nextDoc.changeset.summary.models.added, 1, "the generation carries its changeset");
  const old = await app.request(`/api/v1/catalog/generations/${manifest.id}`);
  assert.equal(old.status, 200, "a follower one generation behind can still fetch the previous one");
  await old.body?.cancel();
  await app.close();
});

Deno.test("GET /metrics speaks Prometheus text: requests, latency, streams, generation, updates, rate limiting", async () => {
  const app = createApp({ backend: testBackend(), authKey: KEY, rateLimit: { perMinute: 2, now: () => 0 } });
  const env = { clientIp: "198.51.100.1" };
  for (let i = 0; i < 3; i++) {
    await (await app.request("/api/v1/models/openai/gpt-4o", {}, env)).body?.cancel();
  }
  await app.updater.run({}, 10_000);
  const res = await app.request("/api/v1/metrics", {}, { clientIp: "198.51.100.2" });
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type")!, /^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  assert.match(text, /^starmap_http_requests_total\{route="getModel",status="200"\} 2$/m);
  assert.match(text, /^starmap_http_requests_total\{route="unmatched",status="429"\} 1$/m);
  assert.match(text, /^starmap_http_request_duration_seconds_bucket\{route="getModel",le="\+Inf"\} 2$/m);
  assert.match(text, /^starmap_event_streams_open 0$/m);
  assert.match(text, /^starmap_generation_info\{id="[0-9a-f]{16}"\} 1$/m);
  assert.match(text, /^starmap_update_runs_total\{result="ok"\} 1$/m);
  assert.match(text, /^starmap_rate_limited_total 1$/m);
  for (const line of text.trim().split("\n")) {
    assert.match(line, /^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? [-+\d.eInf]+)$/, line);
  }
  await app.close();
});
