import assert from "node:assert/strict";
import { createApp, type ServerApp } from "../src/server/_app.ts";
import { StreamEvent } from "../src/server/_events.ts";
import { type RunningServer, serve, webSocketUpgrader } from "../src/runtime/_serve.ts";
import { CHANGES, testBackend } from "./helpers/server.ts";
import { sseReader, until } from "./helpers/sse.ts";

const KEY = "events-test-key";

async function start(options = {}): Promise<{ app: ServerApp; server: RunningServer; base: string }> {
  const app = createApp({
    backend: testBackend(),
    authKey: KEY,
    websocket: await webSocketUpgrader(),
    ...options,
  });
  const server = await serve(app, { host: "127.0.0.1", port: 0 });
  return { app, server, base: `http://127.0.0.1:${server.port}/api/v1` };
}

async function update(base: string): Promise<void> {
  const res = await fetch(`${base}/update`, { method: "POST", headers: { "x-api-key": KEY } });
  assert.equal(res.status, 200);
  await res.body?.cancel();
}

Deno.test("SSE: subscribe, receive an update's events, disconnect, nothing left registered", async () => {
  const { app, server, base } = await start();
  const controller = new AbortController();
  const res = await fetch(`${base}/events`, { signal: controller.signal });
  assert.equal(res.headers.get("content-type"), "text/event-stream; charset=utf-8");
  const sse = sseReader(res);
  assert.ok(await sse.until("ready"));
  assert.equal(app.broker.size(), 1);
  await update(base);
  assert.ok(await sse.until("catalog.updated"));
  const { events, reader } = sse;
  const byType = (t: string) =>
    events.filter((e) => e.type === t).map((e) => (e.data as { key: string }).key);
  assert.deepEqual(byType("model.added"), [CHANGES.added]);
  assert.deepEqual(byType("model.updated"), [CHANGES.updated]);
  assert.deepEqual(byType("model.removed"), [CHANGES.removed]);
  const done = events.find((e) => e.type === "catalog.updated")!.data as {
    summary: unknown;
    version: string;
  };
  assert.deepEqual(done.summary, { added: 1, updated: 1, removed: 1 });
  controller.abort();
  await reader.cancel().catch(() => {});
  await until(() => app.broker.size() === 0, "the broker dropped the client");
  assert.equal(app.broker.hasTimer(), false, "no heartbeat timer without subscribers");
  await server.shutdown();
});

Deno.test("WebSocket: subscribe, receive an update's events, close, nothing left registered", async () => {
  const { app, server, base } = await start();
  const ws = new WebSocket(`${base.replace("http", "ws")}/ws`);
  const messages: StreamEvent[] = [];
  let gotUpdate!: () => void;
  const updated = new Promise<void>((r) => (gotUpdate = r));
  const opened = new Promise<void>((resolve) => {
    ws.onmessage = (e) => {
      const event = StreamEvent.parse(JSON.parse(e.data));
      messages.push(event);
      if (event.type === "ready") resolve();
      if (event.type === "catalog.updated") gotUpdate();
    };
  });
  await opened;
  assert.equal(app.broker.size(), 1);
  await update(base);
  await updated;
  const keys = (t: string) =>
    messages.filter((m) => m.type === t).map((m) => (m.data as { key: string }).key);
  assert.deepEqual(keys("model.added"), [CHANGES.added]);
  assert.deepEqual(keys("model.removed"), [CHANGES.removed]);
  const closed = new Promise((r) => (ws.onclose = r));
  ws.close();
  await closed;
  await until(() => app.broker.size() === 0, "the broker dropped the socket");
  const plain = await fetch(`${base}/ws`);
  assert.equal(plain.status, 426);
  await plain.body?.cancel();
  await server.shutdown();
});

/** Opens `/ws` (with `query`), collects messages until one of type `stop` arrives, then closes. */
async function wsUntil(base: string, query: string, stop: string): Promise<StreamEvent[]> {
  const ws = new WebSocket(`${base.replace("http", "ws")}/ws${query}`);
  const messages: StreamEvent[] = [];
  await new Promise<void>((resolve, reject) => {
    ws.onerror = () => reject(new Error("the socket failed"));
    ws.onmessage = (e) => {
      const event = StreamEvent.parse(JSON.parse(e.data));
      messages.push(event);
      if (event.type === stop) resolve();
    };
  });
  const closed = new Promise((r) => (ws.onclose = r));
  ws.close();
  await closed;
  return messages;
}

Deno.test("WebSocket: ?since=<id> replays what the client missed after ready; an unknown id gets refetch", async () => {
  const { app, server, base } = await start({ broker: { heartbeatMs: 0 } });
  const [ready] = await wsUntil(base, "", "ready");
  await until(() => app.broker.size() === 0, "the first socket is gone");
  await update(base);
  const resumed = await wsUntil(base, `?since=${ready!.id}`, "catalog.updated");
  assert.deepEqual(resumed.map((m) => m.type).slice(0, 1), ["ready"]);
  const missed = resumed.slice(1);
  assert.ok(missed.every((m) => m.id > ready!.id));
  assert.deepEqual(
    missed.filter((m) => m.type.startsWith("model.")).map((m) => [m.type, (m.data as { key: string }).key])
      .sort(),
    [["model.added", CHANGES.added], ["model.removed", CHANGES.removed], ["model.updated", CHANGES.updated]],
  );
  // A resume from the newest id has nothing to replay; an id never issued asks the client to re-read.
  const last = resumed.at(-1)!.id;
  const fresh = new WebSocket(`${base.replace("http", "ws")}/ws?since=${last}`);
  const first = await new Promise<StreamEvent>((r) => (fresh.onmessage = (e) => r(JSON.parse(e.data))));
  assert.equal(first.type, "ready");
  const nextMessage = new Promise<StreamEvent>((r) => (fresh.onmessage = (e) => r(JSON.parse(e.data))));
  const published = app.broker.publish("model.added", { key: "example/new" });
  assert.equal((await nextMessage).id, published.id);
  const closed = new Promise((r) => (fresh.onclose = r));
  fresh.close();
  await closed;
  const lost = await wsUntil(base, "?since=999999", "refetch");
  assert.deepEqual(lost.map((m) => m.type), ["ready", "refetch"]);
  await until(() => app.broker.size() === 0, "every socket is gone");
  await server.shutdown();
});

Deno.test("a slow subscriber is dropped instead of buffering without bound", async () => {
  const { app, server } = await start({ broker: { maxQueue: 5, heartbeatMs: 0 } });
  const slow = app.broker.subscribe();
  const fast = app.broker.subscribe();
  for (let i = 0; i < 6; i++) {
    app.broker.publish("heartbeat", { time: String(i) });
    await fast.next();
  }
  assert.equal(slow.closeReason, "slow");
  assert.equal(await slow.next(), undefined);
  assert.equal(app.broker.size(), 1);
  fast.close();
  assert.equal(app.broker.size(), 0);
  await server.shutdown();
});

Deno.test("soak: 1,000 SSE clients open and drop; the broker holds none afterwards", async () => {
  // 50 at a time from one address: the per-client stream cap is raised to let them in.
  const { app, server, base } = await start({ broker: { maxPerClient: 50 } });
  let peak = 0;
  const one = async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/events`, { signal: controller.signal });
    const { reader, until } = sseReader(res);
    assert.ok(await until("ready"));
    peak = Math.max(peak, app.broker.size());
    controller.abort();
    await reader.cancel().catch(() => {});
  };
  for (let batch = 0; batch < 20; batch++) await Promise.all(Array.from({ length: 50 }, one));
  assert.ok(peak >= 1);
  await until(() => app.broker.size() === 0, "every soak client was cleaned up");
  assert.equal(app.broker.hasTimer(), false);
  await server.shutdown();
});

Deno.test("graceful shutdown drains a request in flight and closes event streams", async () => {
  const { app, server, base } = await start();
  const events = await fetch(`${base}/events`);
  const sse = sseReader(events);
  assert.ok(await sse.until("ready"));
  let push!: (text: string) => void;
  let end!: () => void;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      push = (t) => c.enqueue(new TextEncoder().encode(t));
      end = () => c.close();
    },
  });
  const inFlight = fetch(`${base}/models/search`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  push('{"provider":');
  await until(() => app.inFlight() === 1, "the request reached the app");
  const stopping = server.shutdown();
  await until(() => app.broker.size() === 0, "event streams were closed");
  assert.equal(await sse.until("never"), false, "the SSE stream ended");
  const late = await fetch(`${base}/health`);
  assert.equal(late.status, 503, "new requests are refused while draining");
  await late.body?.cancel();
  push('["anthropic"],"limit":1}');
  end();
  const res = await inFlight;
  assert.equal(res.status, 200);
  assert.equal((await res.json()).items.length, 1);
  await stopping;
  await server.finished;
  await assert.rejects(fetch(`${base}/health`));
});

Deno.test("an event id from another replica is unknown here: the resuming client refetches, nothing is replayed", async () => {
  const one = await start({ broker: { heartbeatMs: 0 } });
  const two = await start({ broker: { heartbeatMs: 0 } });
  const [ready] = await wsUntil(one.base, "", "ready");
  await update(two.base);
  const resumed = await wsUntil(two.base, `?since=${ready!.id}`, "refetch");
  assert.deepEqual(resumed.map((m) => m.type), ["ready", "refetch"]);
  await one.server.shutdown();
  await two.server.shutdown();
});
