import assert from "node:assert/strict";
import { embeddedCatalog } from "../src/catalog/_embedded.ts";
import { suggest } from "../src/words/mod.ts";
import { modelKey } from "../src/catalog/_catalog.ts";
import { serve, webSocketUpgrader } from "../src/runtime/_serve.ts";
import { createApp, type ServerApp } from "../src/server/_app.ts";
import { clientAddress, parseCidr } from "../src/server/_client_address.ts";
import { parseRanges } from "../src/server/_config.ts";
import { ErrorBody } from "../src/server/_errors.ts";
import { safePath } from "../src/server/_guards.ts";
import { UpdateResult } from "../src/server/_schemas.ts";
import { testBackend } from "./helpers/server.ts";
import { sseReader, until } from "./helpers/sse.ts";

const KEY = "hardening-test-key";

async function withApp(
  options: Partial<Parameters<typeof createApp>[0]>,
  fn: (app: ServerApp) => Promise<void>,
) {
  const app = createApp({ backend: testBackend(), authKey: KEY, ...options });
  try {
    await fn(app);
  } finally {
    await app.close();
  }
}

async function code(res: Response | Promise<Response>, status: number): Promise<string> {
  const r = await res;
  const body = await r.text();
  assert.equal(r.status, status, body);
  return ErrorBody.parse(JSON.parse(body)).error.code;
}

Deno.test("HEAD on /events and /ws answers headers and registers no subscriber", async () => {
  await withApp({}, async (app) => {
    for (let i = 0; i < 500; i++) {
      const res = await app.request("/api/v1/events", { method: "HEAD" });
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type")!, /text\/event-stream/);
      await res.body?.cancel();
    }
    const ws = await app.request("/api/v1/ws", { method: "HEAD" });
    await ws.body?.cancel();
    assert.equal(app.broker.size(), 0, "no HEAD left a subscriber behind");
    assert.equal(app.broker.hasTimer(), false);
  });
});

Deno.test("list parameters are capped in number and length, on the query and the search body", async () => {
  await withApp({}, async (app) => {
    const many = Array.from({ length: 30_000 }, (_, i) => `t${i}`).join(",");
    assert.equal(await code(app.request(`/api/v1/models?search=${many}`), 400), "invalid_parameter");
    const terms33 = Array.from({ length: 33 }, () => "gpt").join(",");
    assert.equal(await code(app.request(`/api/v1/models?search=${terms33}`), 400), "invalid_parameter");
    const repeated = Array.from({ length: 33 }, () => "provider=openai").join("&");
    assert.equal(await code(app.request(`/api/v1/models?${repeated}`), 400), "invalid_parameter");
    assert.equal(
      await code(app.request(`/api/v1/models?search=${"x".repeat(257)}`), 400),
      "invalid_parameter",
    );
    const ok = await app.request(
      `/api/v1/models?search=${Array.from({ length: 32 }, () => "gpt").join(",")}`,
    );
    assert.equal(ok.status, 200);
    const body = JSON.stringify({ search: Array.from({ length: 33 }, () => "gpt") });
    const post = app.request("/api/v1/models/search", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    assert.equal(await code(post, 400), "invalid_parameter");
  });
});

Deno.test("unknown-model suggestions come from the per-snapshot index and match the full scan's best", async () => {
  const catalog = embeddedCatalog();
  const names = new Set([
    ...catalog.models.map((m) => m.id),
    ...catalog.allOfferings.map(modelKey),
    ...catalog.allOfferings.map((o) => o.id),
  ]);
  for (
    const typo of [
      "openai/gpt-4o-mnii",
      "claude-sonet-4",
      "anthropic/claude-3-haiku-2024030",
      "llama-3.3-70b",
    ]
  ) {
    const indexed = catalog.suggestModels(typo);
    assert.ok(indexed.length > 0, typo);
    assert.equal(indexed[0], suggest(typo, names)[0], typo);
  }
  assert.deepEqual(catalog.suggestModels("x".repeat(50_000)), [], "a huge unknown name is cut, not scanned");
  await withApp({}, async (app) => {
    const res = await app.request("/api/v1/models/openai/gpt-4o-mnii");
    assert.equal(res.status, 404);
    assert.ok(ErrorBody.parse(await res.json()).error.suggestions?.includes("openai/gpt-4o-mini"));
  });
});

Deno.test("--trust-proxy: X-Forwarded-For is believed only from trusted peers, right to left", () => {
  const trusted = [parseCidr("10.0.0.0/8"), parseCidr("fd00::/8")];
  assert.equal(clientAddress("10.0.0.5", "198.51.100.7, 10.0.0.9", trusted), "198.51.100.7");
  assert.equal(
    clientAddress("10.0.0.5", "6.6.6.6, 198.51.100.7", trusted),
    "198.51.100.7",
    "spoofed left entry",
  );
  assert.equal(clientAddress("203.0.113.9", "198.51.100.7", trusted), "203.0.113.9", "untrusted peer");
  assert.equal(clientAddress("fd00::1", "2001:db8::5", trusted), "2001:db8::5");
  assert.equal(clientAddress("::ffff:10.1.1.1", "198.51.100.8", trusted), "198.51.100.8", "IPv4-mapped peer");
  assert.equal(clientAddress("10.0.0.5", "not-an-ip", trusted), "10.0.0.5");
  assert.equal(clientAddress("10.0.0.5", "198.51.100.7", []), "10.0.0.5", "no proxy is trusted by default");
  assert.throws(() => parseRanges(["10.0.0.0/33"], "--trust-proxy"), /--trust-proxy/);
});

Deno.test("the rate limit counts the forwarded client behind a trusted proxy", async () => {
  await withApp({
    rateLimit: { perMinute: 1, now: () => 0 },
    trustProxy: parseRanges(["10.0.0.0/8"], "test"),
  }, async (app) => {
    const get = (peer: string, xff?: string) =>
      app.request("/api/v1/health", { headers: xff ? { "x-forwarded-for": xff } : {} }, { clientIp: peer });
    assert.equal((await get("10.0.0.1", "198.51.100.1")).status, 200);
    assert.equal((await get("10.0.0.2", "198.51.100.1")).status, 429, "same client through another proxy");
    assert.equal((await get("10.0.0.1", "198.51.100.2")).status, 200, "another client through the proxy");
    assert.equal((await get("203.0.113.1", "198.51.100.3")).status, 200);
    assert.equal((await get("203.0.113.1", "198.51.100.4")).status, 429, "an untrusted peer cannot spoof");
  });
});

Deno.test("open event streams are capped per client and in total", async () => {
  await withApp({ broker: { maxPerClient: 2, maxSubscribers: 3, heartbeatMs: 0 } }, async (app) => {
    const open = (ip: string) => app.request("/api/v1/events", {}, { clientIp: ip });
    const a1 = await open("198.51.100.1");
    const a2 = await open("198.51.100.1");
    assert.equal(await code(open("198.51.100.1"), 429), "too_many_streams");
    const b1 = await open("198.51.100.2");
    assert.equal(await code(open("198.51.100.3"), 503), "too_many_streams");
    await a1.body!.cancel();
    const a3 = await open("198.51.100.1");
    assert.equal(a3.status, 200, "a closed stream frees its place");
    for (const r of [a2, b1, a3]) await r.body!.cancel();
    assert.equal(app.broker.size(), 0);
  });
});

Deno.test("If-None-Match: * matches existing representations only", async () => {
  await withApp({}, async (app) => {
    const star = { headers: { "if-none-match": "*" } };
    assert.equal(await code(app.request("/api/v1/models/openai/no-such-model", star), 404), "not_found");
    assert.equal(await code(app.request("/api/v1/providers/no-such-provider", star), 404), "not_found");
    const fresh = await app.request("/api/v1/models/openai/gpt-4o", star);
    assert.equal(fresh.status, 304, "not cached yet: the handler found it");
    const cached = await app.request("/api/v1/models/openai/gpt-4o", star);
    assert.equal(cached.status, 304, "cached");
    assert.equal((await app.request("/api/v1/models/openai/gpt-4o")).status, 200);
  });
});

Deno.test("encoded . and .. segments are refused by the router and the handler", async () => {
  await withApp({}, async (app) => {
    for (
      const path of [
        "/api/v1/models/openai%2F..%2F..%2Fproviders",
        "/api/v1/models/openai/%2e%2e%2fgpt-4o",
        "/api/v1/providers/%2E%2E%2Fauthors",
        "/api/v1/models/openai/gpt-4o%5C..%5Cx",
        "/api/v1/authors/%2e%2F",
      ]
    ) assert.equal(await code(app.request(path), 400), "invalid_path", path);
    assert.equal(await code(app.request("/api/v1/models/openai/%E0%A4%A"), 400), "invalid_path");
  });
  assert.throws(() => safePath("a/%2e%2e/b"), /\.\./);
  assert.equal(safePath("openai/gpt-4o"), "openai/gpt-4o");
});

Deno.test("impossible dates in queries and search bodies are 400", async () => {
  await withApp({}, async (app) => {
    for (const date of ["2025-02-31", "2025-25-11", "2023-02-29", "2025-00-10"]) {
      assert.equal(
        await code(app.request(`/api/v1/models?released_after=${date}`), 400),
        "invalid_parameter",
      );
      const post = app.request("/api/v1/models/search", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ releasedBefore: date }),
      });
      assert.equal(await code(post, 400), "invalid_parameter", date);
    }
    assert.equal((await app.request("/api/v1/models?released_after=2024-02-29&limit=1")).status, 200);
  });
});

Deno.test("unknown query parameters are 400 on every route", async () => {
  await withApp({ websocket: await webSocketUpgrader() }, async (app) => {
    for (const route of app.routes) {
      const headers: Record<string, string> = { "x-api-key": KEY, "content-type": "application/json" };
      const init = route.method === "POST" ? { method: "POST", headers, body: "{}" } : { headers };
      const sep = route.example.includes("?") ? "&" : "?";
      const res = app.request(`/api/v1${route.example}${sep}bogus=1`, init);
      assert.equal(await code(res, 400), "invalid_parameter", route.operationId);
    }
    assert.equal(app.broker.size(), 0);
  });
});

Deno.test("POST /update?provider=&source= runs exactly that update, or is 400", async () => {
  await withApp({}, async (app) => {
    const post = (query: string, body = "") =>
      app.request(`/api/v1/update${query}`, {
        method: "POST",
        headers: { "x-api-key": KEY, "content-type": "application/json" },
        body,
      });
    assert.equal(await code(post("?provider=no-such-provider"), 400), "invalid_parameter");
    assert.equal(await code(post("?providers=anthropic"), 400), "invalid_parameter");
    assert.equal(await code(post("?provider=anthropic", '{"provider":"openai"}'), 400), "invalid_parameter");
    assert.equal(await code(post("?provider=anthropic&provider=openai"), 400), "invalid_parameter");
    const res = await post("?provider=anthropic&source=models.dev&source=anthropic");
    assert.equal(res.status, 200);
    const result = UpdateResult.parse(await res.json());
    assert.deepEqual((result.changeset as { request: unknown }).request, {
      provider: "anthropic",
      sources: ["models.dev", "anthropic"],
    });
  });
});

Deno.test("shutdown takes at most one --drain-timeout; a late request during drain gets 503", async () => {
  const app = createApp({ backend: testBackend() });
  const server = await serve(app, { host: "127.0.0.1", port: 0, drainTimeoutMs: 1000 });
  const base = `http://127.0.0.1:${server.port}/api/v1`;
  let push!: (text: string) => void;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => void (push = (t) => c.enqueue(new TextEncoder().encode(t))),
  });
  const stuck = fetch(`${base}/models/search`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  })
    .catch(() => undefined);
  push('{"search":');
  await until(() => app.inFlight() === 1, "the stuck request reached the app");
  const started = performance.now();
  const stopping = server.shutdown();
  const late = await fetch(`${base}/models/openai/gpt-4o`);
  assert.equal(late.status, 503);
  assert.equal(late.headers.get("x-content-type-options"), "nosniff");
  assert.equal(ErrorBody.parse(await late.json()).error.code, "shutting_down");
  await stopping;
  const took = performance.now() - started;
  // One drain period (1 s), not two: the bound is the correctness property, with room for a busy machine.
  assert.ok(took < 1800, `shutdown took ${took.toFixed(0)} ms with a 1000 ms drain timeout`);
  await Promise.race([stuck, new Promise((r) => setTimeout(r, 100))]);
});

Deno.test("SSE Last-Event-ID replays missed events from the bounded history, or asks for a refetch", async () => {
  const app = createApp({ backend: testBackend(), authKey: KEY, broker: { history: 4, heartbeatMs: 0 } });
  const server = await serve(app, { host: "127.0.0.1", port: 0 });
  const url = `http://127.0.0.1:${server.port}/api/v1/events`;
  const live = sseReader(await fetch(url));
  assert.ok(await live.until("ready"));
  const readyId = live.events.find((e) => e.type === "ready")!.id!;
  await live.reader.cancel();
  await app.updater.run({}, 10_000);
  const resumed = sseReader(await fetch(url, { headers: { "last-event-id": String(readyId) } }));
  assert.ok(await resumed.until("catalog.updated"), "the events after the ready event were replayed");
  assert.deepEqual(
    resumed.events.map((e) => e.type).sort(),
    ["catalog.updated", "model.added", "model.removed", "model.updated", "ready"],
  );
  await resumed.reader.cancel();
  await app.updater.run({}, 10_000);
  for (const id of [String(readyId), "999999", "garbage"]) {
    const r = sseReader(await fetch(url, { headers: { "last-event-id": id } }));
    assert.ok(await r.until("refetch"), `Last-Event-ID ${id} is no longer held or unknown: refetch`);
    await r.reader.cancel();
  }
  await server.shutdown();
});

Deno.test("every response says X-Content-Type-Options: nosniff", async () => {
  await withApp({ rateLimit: { perMinute: 1, now: () => 0 } }, async (app) => {
    const env = { clientIp: "198.51.100.9" };
    for (
      const path of ["/api/v1/health", "/api/v1/docs", "/api/v1/openapi.json", "/nope", "/api/v1/models/x/y"]
    ) {
      const res = await app.request(path, {}, { clientIp: `198.51.100.${path.length}` });
      assert.equal(res.headers.get("x-content-type-options"), "nosniff", path);
      await res.body?.cancel();
    }
    await (await app.request("/api/v1/health", {}, env)).body?.cancel();
    const limited = await app.request("/api/v1/health", {}, env);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("x-content-type-options"), "nosniff");
    await limited.body?.cancel();
  });
});

Deno.test("/ws refuses browser origins that --cors does not allow", async () => {
  const upgrade = { upgrade: "websocket", connection: "Upgrade", "sec-websocket-version": "13" };
  await withApp(
    { websocket: await webSocketUpgrader(), corsOrigins: ["https://app.example"] },
    async (app) => {
      const evil = app.request("/api/v1/ws", { headers: { ...upgrade, origin: "https://evil.example" } });
      assert.equal(await code(evil, 403), "forbidden_origin");
      const allowed = await app.request("/api/v1/ws", { headers: { origin: "https://app.example" } });
      assert.equal(allowed.status, 426, "an allowed origin passes the check (then needs an upgrade)");
      await allowed.body?.cancel();
    },
  );
  await withApp({ websocket: await webSocketUpgrader() }, async (app) => {
    const evil = app.request("/api/v1/ws", { headers: { ...upgrade, origin: "https://evil.example" } });
    assert.equal(await code(evil, 403), "forbidden_origin", "without --cors only the server's own origin");
  });
  const app = createApp({ backend: testBackend(), websocket: await webSocketUpgrader() });
  const server = await serve(app, { host: "127.0.0.1", port: 0 });
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/v1/ws`);
  const message = await new Promise<string>((resolve, reject) => {
    ws.onmessage = (e) => resolve(String(e.data));
    ws.onerror = () => reject(new Error("the socket failed"));
  });
  assert.equal(JSON.parse(message).type, "ready", "a client without Origin connects");
  ws.close();
  await until(() => app.broker.size() === 0, "the socket was released");
  await server.shutdown();
});
