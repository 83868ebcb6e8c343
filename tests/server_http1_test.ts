import assert from "node:assert/strict";
import { type RunningServer, serve, type ServeOptions, webSocketUpgrader } from "../src/runtime/_serve.ts";
import { createApp, type ServerApp } from "../src/server/_app.ts";
import type { ServerOptions } from "../src/server/_options.ts";
import { testBackend } from "./helpers/server.ts";
import { RawClient } from "./helpers/raw_http.ts";

const MODEL = "/api/v1/models/openai/gpt-4o";

async function withServer(
  run: (port: number, app: ServerApp, server: RunningServer) => Promise<void>,
  options: Partial<ServerOptions> = {},
  serveOptions: Partial<ServeOptions> = {},
): Promise<void> {
  const app = createApp({ backend: testBackend(), ...options });
  const server = await serve(app, { host: "127.0.0.1", port: 0, ...serveOptions });
  try {
    await run(server.port, app, server);
  } finally {
    await server.shutdown();
  }
}

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const get = (path: string, extra = "") => `GET ${path} HTTP/1.1\r\nhost: localhost\r\n${extra}\r\n`;

Deno.test("keep-alive: one connection answers several requests; pipelined ones come back in order", async () => {
  await withServer(async (port) => {
    const c = await RawClient.connect(port);
    try {
      const first = await (c.send(get(MODEL)), c.response());
      assert.equal(first.status, 200);
      assert.equal(first.headers["content-length"], String(new TextEncoder().encode(first.body).length));
      assert.equal(JSON.parse(first.body).model.id, "openai/gpt-4o");
      const again = await (c.send(get(MODEL)), c.response());
      assert.equal(again.body, first.body, "the cached answer on the same connection");
      await c.send(get("/api/v1/health") + get(MODEL) + get("/api/v1/models/openai/no-such-model"));
      const statuses = [
        (await c.response()).status,
        (await c.response()).status,
        (await c.response()).status,
      ];
      assert.deepEqual(statuses, [200, 200, 404], "three pipelined requests, answered in order");
    } finally {
      c.close();
    }
  });
});

Deno.test("Connection: close and HTTP/1.0 end the connection after the response; 1.0 keep-alive keeps it", async () => {
  await withServer(async (port) => {
    const c = await RawClient.connect(port);
    await c.send(get(MODEL, "connection: close\r\n"));
    const res = await c.response();
    assert.equal(res.status, 200);
    assert.equal(res.headers["connection"], "close");
    assert.ok(await c.closed(), "the server closed the connection");
    c.close();

    const old = await RawClient.connect(port);
    await old.send(`GET ${MODEL} HTTP/1.0\r\n\r\n`);
    assert.equal((await old.response()).status, 200);
    assert.ok(await old.closed(), "HTTP/1.0 without keep-alive closes");
    old.close();

    const kept = await RawClient.connect(port);
    await kept.send(`GET ${MODEL} HTTP/1.0\r\nconnection: keep-alive\r\n\r\n`);
    const one = await kept.response();
    assert.equal(one.headers["connection"], "keep-alive");
    await kept.send(`GET /api/v1/health HTTP/1.0\r\nconnection: keep-alive\r\n\r\n`);
    assert.equal((await kept.response()).status, 200, "the second request on the same 1.0 connection");
    kept.close();
  });
});

const COST = JSON.stringify({ model: "openai/gpt-4o", input: 1_000_000, output: 1_000_000 });

Deno.test("request bodies: chunked POST /cost, Content-Length, and Expect: 100-continue", async () => {
  await withServer(async (port) => {
    const c = await RawClient.connect(port);
    try {
      const half = COST.length >> 1;
      const chunks = [COST.slice(0, half), COST.slice(half)]
        .map((p) => `${p.length.toString(16)};ext=1\r\n${p}\r\n`).join("");
      await c.send(
        `POST /api/v1/cost HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n` +
          `transfer-encoding: chunked\r\n\r\n${chunks}0\r\nx-trailer: ignored\r\n\r\n`,
      );
      const chunked = await c.response();
      assert.equal(chunked.status, 200, chunked.body);
      assert.equal(JSON.parse(chunked.body).model, "openai/gpt-4o");

      await c.send(
        `POST /api/v1/cost HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n` +
          `content-length: ${COST.length}\r\nexpect: 100-continue\r\n\r\n`,
      );
      const interim = await c.response();
      assert.equal(interim.status, 100, "100 Continue before the body is sent");
      await c.send(COST);
      const final = await c.response();
      assert.equal(final.status, 200);
      assert.equal(final.body, chunked.body, "the same body, framed by Content-Length");

      // A body the app never reads (a GET's) is drained: the next request on the connection is answered.
      await c.send(`GET /api/v1/health HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\n\r\nhello${get(MODEL)}`);
      assert.equal((await c.response()).status, 200);
      assert.equal((await c.response()).status, 200, "the request after the unread body");
    } finally {
      c.close();
    }
  });
});

async function refused(port: number, request: string): Promise<number> {
  const c = await RawClient.connect(port);
  try {
    await c.send(request);
    const res = await c.response();
    assert.equal(res.headers["connection"], "close", request);
    assert.ok(await c.closed(), `the connection is closed after ${res.status}`);
    return res.status;
  } finally {
    c.close();
  }
}

Deno.test("bad heads: 431 too large, 400 malformed or smuggling, 501 unknown coding, 505 other versions", async () => {
  await withServer(async (port) => {
    assert.equal(await refused(port, get(MODEL, `x-big: ${"a".repeat(20_000)}\r\n`)), 431);
    assert.equal(await refused(port, "GARBAGE\r\n\r\n"), 400);
    assert.equal(await refused(port, `GET ${MODEL} HTTP/1.1\r\n\r\n`), 400, "HTTP/1.1 without Host");
    assert.equal(await refused(port, get(MODEL, "x-folded: a\r\n  b\r\n")), 400, "obs-fold");
    assert.equal(await refused(port, get(MODEL, "bad name: x\r\n")), 400);
    const smuggle = "POST /api/v1/cost HTTP/1.1\r\nhost: x\r\ncontent-length: 4\r\n" +
      "transfer-encoding: chunked\r\n\r\n0\r\n\r\n";
    assert.equal(await refused(port, smuggle), 400, "Content-Length with Transfer-Encoding");
    const twice =
      "POST /api/v1/cost HTTP/1.1\r\nhost: x\r\ncontent-length: 4\r\ncontent-length: 5\r\n\r\nabcde";
    assert.equal(await refused(port, twice), 400, "differing Content-Length");
    const gzip = "POST /api/v1/cost HTTP/1.1\r\nhost: x\r\ntransfer-encoding: gzip, chunked\r\n\r\n";
    assert.equal(await refused(port, gzip), 501);
    assert.equal(await refused(port, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), 505);
    assert.equal(await refused(port, `GET ${MODEL} HTTP/2.0\r\nhost: x\r\n\r\n`), 505);
    // The same Content-Length twice is one length; an absolute-form target names the path.
    const c = await RawClient.connect(port);
    await c.send(
      `GET http://example.test${MODEL} HTTP/1.1\r\nhost: x\r\ncontent-length: 0\r\ncontent-length: 0\r\n\r\n`,
    );
    assert.equal((await c.response()).status, 200);
    c.close();
  });
});

Deno.test("a byte two parsers could read differently is refused: bare CR, control bytes, obs-text in framing", async () => {
  await withServer(async (port) => {
    assert.equal(await refused(port, get(MODEL, "x-a: b\r\r\n")), 400, "a bare CR at a value's end");
    assert.equal(await refused(port, get(MODEL, "x-a:\n b\r\n")), 400, "a bare LF at a value's start");
    assert.equal(await refused(port, get(MODEL, "x-a: \vb\r\n")), 400, "a vertical tab");
    const kelvin = "POST /api/v1/cost HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chun\u212aed\r\n\r\n";
    assert.equal(await refused(port, kelvin), 400, "a Kelvin sign that lower-cases to k");
    assert.equal(
      await refused(port, `GET ${MODEL} HTTP/1.1\r\nhost: x\u00a0\r\n\r\n`),
      400,
      "a no-break space",
    );
    // obs-text elsewhere in a value is read as UTF-8, as before.
    const c = await RawClient.connect(port);
    await c.send(get(MODEL, "x-name: caf\u00e9\r\n"));
    assert.equal((await c.response()).status, 200);
    c.close();
  });
});

Deno.test("HEAD has the GET's headers and no body; If-None-Match gets 304 with none", async () => {
  await withServer(async (port) => {
    const c = await RawClient.connect(port);
    try {
      await c.send(get(MODEL));
      const full = await c.response();
      await c.send(`HEAD ${MODEL} HTTP/1.1\r\nhost: x\r\n\r\n`);
      const head = await c.response(true);
      assert.equal(head.status, 200);
      assert.equal(head.headers["etag"], full.headers["etag"]);
      assert.equal(head.headers["content-length"], full.headers["content-length"], "the GET's length");
      await c.send(get(MODEL, `if-none-match: ${full.headers["etag"]}\r\n`));
      const unchanged = await c.response();
      assert.equal(unchanged.status, 304);
      assert.equal(unchanged.headers["content-length"], undefined);
      assert.equal(unchanged.headers["etag"], full.headers["etag"]);
      await c.send(get("/api/v1/health"));
      assert.equal(
        (await c.response()).body,
        '{"status":"ok"}',
        "nothing stray was written after HEAD or 304",
      );
    } finally {
      c.close();
    }
  });
});

Deno.test("every answer carries a Date: a cached read, one the app makes, a 304 and a refused head", async () => {
  await withServer(async (port) => {
    const c = await RawClient.connect(port);
    const dates: string[] = [];
    try {
      for (
        const request of [get(MODEL), get(MODEL), get("/api/v1/health"), get("/api/v1/models/openai/none")]
      ) {
        await c.send(request);
        dates.push((await c.response()).headers["date"] ?? "");
      }
      await c.send(get(MODEL));
      const etag = (await c.response()).headers["etag"];
      await c.send(get(MODEL, `if-none-match: ${etag}\r\n`));
      dates.push((await c.response()).headers["date"] ?? "");
    } finally {
      c.close();
    }
    const bad = await RawClient.connect(port);
    try {
      await bad.send("GET / HTTP/1.1\r\n\r\n");
      const refused = await bad.response();
      assert.equal(refused.status, 400);
      dates.push(refused.headers["date"] ?? "");
    } finally {
      bad.close();
    }
    for (const date of dates) {
      assert.match(
        date,
        /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/,
        `IMF-fixdate: "${date}"`,
      );
      assert.ok(Math.abs(Date.parse(date) - Date.now()) < 5000, `the current time: ${date}`);
    }
  });
});

Deno.test("SSE streams event by event through the server, and a client that hangs up is released", async () => {
  await withServer(async (port, app) => {
    const c = await RawClient.connect(port);
    await c.send(get("/api/v1/events"));
    const top = await c.until("\r\n\r\n");
    assert.match(top!, /transfer-encoding: chunked/);
    assert.ok(await c.until("event: ready"), "the ready event arrived while the stream stays open");
    assert.equal(app.broker.size(), 1);
    const update = app.updater.run({}, 10_000);
    assert.ok(await c.until("event: catalog.updated"), "an update's event is flushed at once");
    await update;
    c.close();
    await until(() => app.broker.size() === 0, "the hung-up client's subscription was released");
    const metrics = await (await fetch(`http://127.0.0.1:${port}/api/v1/metrics`)).text();
    assert.match(metrics, /starmap_event_streams_open 0/);
  }, { broker: { heartbeatMs: 0 } });
});

Deno.test("WebSocket through the tunnel: events arrive, the client address is the TCP peer's, a forged one is dropped", async () => {
  const lines: string[] = [];
  const app = createApp({
    backend: testBackend(),
    websocket: await webSocketUpgrader(),
    logRequests: true,
    logger: { info: (l) => lines.push(l), error: (l) => lines.push(l) },
  });
  // Listening on IPv6 makes the client's address (::1) differ from the tunnel's own (127.0.0.1).
  const server = await serve(app, { host: "::1", port: 0 });
  try {
    const ws = new WebSocket(`ws://[::1]:${server.port}/api/v1/ws`, {
      headers: { "x-starmap-peer": "forged 203.0.113.7" },
    } as unknown as string[]);
    const first = await new Promise<string>((resolve, reject) => {
      ws.onmessage = (e) => resolve(String(e.data));
      ws.onerror = () => reject(new Error("the socket failed"));
    });
    assert.equal(JSON.parse(first).type, "ready");
    assert.equal(app.broker.size(), 1);
    const closed = new Promise((resolve) => (ws.onclose = resolve));
    ws.close();
    await closed;
    await until(() => app.broker.size() === 0, "the socket's subscription was released");
    const logged = lines.find((l) => l.includes("/api/v1/ws"));
    assert.ok(logged?.endsWith(" ::1"), `the app saw the TCP peer: ${logged}`);
  } finally {
    await server.shutdown();
  }
});

Deno.test("shutdown lets a slow request finish, then closes every connection and settles finished", async () => {
  const app = createApp({ backend: testBackend() });
  const server = await serve(app, { host: "127.0.0.1", port: 0, drainTimeoutMs: 5000 });
  const idle = await RawClient.connect(server.port);
  await idle.send(get("/api/v1/health"));
  assert.equal((await idle.response()).status, 200);
  const busy = await RawClient.connect(server.port);
  const half = COST.length >> 1;
  await busy.send(
    `POST /api/v1/cost HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n` +
      `content-length: ${COST.length}\r\n\r\n${COST.slice(0, half)}`,
  );
  await until(() => app.inFlight() === 1, "the request is in flight");
  const stopping = server.shutdown();
  await new Promise((r) => setTimeout(r, 200));
  await busy.send(COST.slice(half));
  const res = await busy.response();
  assert.equal(res.status, 200, "the slow request finished with its answer");
  assert.ok(await busy.closed(), "then its connection closed");
  assert.ok(await idle.closed(), "the idle kept-alive connection is closed");
  await stopping;
  await server.finished;
  idle.close();
  busy.close();
});

Deno.test("an idle kept-alive connection and a head that never ends are closed by their timeouts", async () => {
  await withServer(
    async (port) => {
      const idle = await RawClient.connect(port);
      await idle.send(get("/api/v1/health"));
      assert.equal((await idle.response()).status, 200);
      const slow = await RawClient.connect(port);
      await slow.send("GET /api/v1/health HTTP/1.1\r\nhost: x\r\n");
      // After an answered request, a next head that trickles in byte by byte is dropped too.
      const after = await RawClient.connect(port);
      await after.send(get("/api/v1/health") + "GET /api/v1/health HTTP/1.1\r\n");
      assert.equal((await after.response()).status, 200);
      const trickle = setInterval(() => after.send("x").catch(() => {}), 100);
      // A body that stops coming does not hold the connection while the app waits for it.
      const stalled = await RawClient.connect(port);
      await stalled.send(
        "POST /api/v1/cost HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{",
      );
      assert.ok(await stalled.closed(), "the stalled body's connection was closed");
      stalled.close();
      assert.ok(await idle.closed(), "the idle connection was closed");
      assert.ok(await slow.closed(), "the unfinished head was dropped");
      assert.ok(await after.closed(), "the trickling second head was dropped");
      clearInterval(trickle);
      for (const c of [idle, slow, after]) c.close();
    },
    {},
    { idleTimeoutMs: 200, headTimeoutMs: 300 },
  );
});
