import assert from "node:assert/strict";
import { isStarmapError, type StarmapError } from "../errors.ts";
import { json, serve } from "../../tests/helpers/sources_server.ts";
import { HttpClient } from "./_client.ts";
import { parseRetryAfter } from "./_retry.ts";

const fast = { retryBaseMs: 1, retryMaxMs: 5, random: () => 0.5, timeoutMs: 2_000 };

async function rejects(p: Promise<unknown>): Promise<StarmapError> {
  try {
    await p;
  } catch (error) {
    assert.ok(isStarmapError(error), `expected a StarmapError, got ${error}`);
    return error;
  }
  throw new Error("expected a rejection");
}

Deno.test("500 then 200: the retry succeeds", async () => {
  const up = serve((_r, n) => n === 0 ? new Response("oops", { status: 500 }) : json({ ok: true }));
  try {
    const { value } = await new HttpClient(fast).getJson(`${up.url}/x`, { source: "t" });
    assert.deepEqual(value, { ok: true });
    assert.equal(up.requests.length, 2);
  } finally {
    await up.close();
  }
});

Deno.test("429 with Retry-After: waits as told (capped) and retries", async () => {
  const up = serve((_r, n) =>
    n === 0 ? new Response("slow down", { status: 429, headers: { "retry-after": "1" } }) : json([1])
  );
  try {
    const client = new HttpClient({ ...fast, maxRetryAfterMs: 20 });
    const { value } = await client.getJson(up.url, { source: "t" });
    assert.deepEqual(value, [1]);
    assert.equal(up.requests.length, 2);
  } finally {
    await up.close();
  }
});

Deno.test("Retry-After parses seconds and HTTP dates", () => {
  assert.equal(parseRetryAfter("3"), 3000);
  const now = Date.parse("2026-07-01T00:00:00Z");
  assert.equal(parseRetryAfter("Wed, 01 Jul 2026 00:00:05 GMT", now), 5000);
  assert.equal(parseRetryAfter("Tue, 30 Jun 2026 00:00:00 GMT", now), 0, "a date in the past means now");
  assert.equal(parseRetryAfter("soon"), undefined);
  assert.equal(parseRetryAfter(null), undefined);
});

Deno.test("HTML instead of JSON is a clear per-source error", async () => {
  const up = serve(() =>
    new Response("<!DOCTYPE html><html>captive portal</html>", { headers: { "content-type": "text/html" } })
  );
  try {
    const e = await rejects(new HttpClient(fast).getJson(up.url, { source: "groq" }));
    assert.equal(e.kind, "network");
    assert.match(e.message, /source "groq": received HTML instead of JSON \("<!DOCTYPE html>/);
  } finally {
    await up.close();
  }
});

Deno.test("truncated JSON is a clear per-source error", async () => {
  const up = serve(() =>
    new Response('{"data": [{"id": "gpt-4o"', { headers: { "content-type": "application/json" } })
  );
  try {
    const e = await rejects(new HttpClient(fast).getJson(up.url, { source: "openai" }));
    assert.match(e.message, /source "openai": received truncated or invalid JSON \(25 bytes/);
  } finally {
    await up.close();
  }
});

Deno.test("a hanging connection times out, is retried, then fails", async () => {
  const pending: (() => void)[] = [];
  const up = serve(() => new Promise<Response>((resolve) => pending.push(() => resolve(json({})))));
  try {
    const client = new HttpClient({ ...fast, timeoutMs: 50, retries: 1 });
    const e = await rejects(client.get(up.url, { source: "slow" }));
    assert.equal(e.kind, "network");
    assert.match(e.message, /source "slow": timed out after 50 ms .* \(after 2 attempts\)/);
    assert.equal(up.requests.length, 2);
  } finally {
    for (const release of pending) release();
    await up.close();
  }
});

Deno.test("a body past the cap is cut off with an error naming the URL and the cap", async () => {
  const big = "x".repeat(64 * 1024);
  const up = serve(() =>
    new Response(
      new ReadableStream({
        start(c) {
          for (let i = 0; i < 8; i++) c.enqueue(new TextEncoder().encode(big));
          c.close();
        },
      }),
    )
  );
  try {
    const e = await rejects(
      new HttpClient({ ...fast, maxBodyBytes: 100_000 }).get(`${up.url}/big`, { source: "huge" }),
    );
    assert.equal(e.kind, "network");
    assert.match(
      e.message,
      /source "huge": the body of http:\/\/127\.0\.0\.1:\d+\/big exceeds the size cap of 100000 bytes/,
    );
    assert.equal(up.requests.length, 1, "a body over the cap is not retried");
  } finally {
    await up.close();
  }
});

Deno.test("a redirect to another origin is refused; same-origin redirects are followed", async () => {
  const other = serve(() => json({ stolen: true }));
  const up = serve((req) => {
    const path = new URL(req.url).pathname;
    if (path === "/away") return new Response(null, { status: 302, headers: { location: `${other.url}/x` } });
    if (path === "/moved") return new Response(null, { status: 301, headers: { location: "/here" } });
    return json({ here: true });
  });
  try {
    const client = new HttpClient(fast);
    const e = await rejects(
      client.get(`${up.url}/away`, { source: "r", headers: { authorization: "Bearer sk-secret-123" } }),
    );
    assert.match(e.message, /redirect .* to another origin .* refused/);
    assert.equal(other.requests.length, 0);
    const { value, response } = await client.getJson(`${up.url}/moved`, { source: "r" });
    assert.deepEqual(value, { here: true });
    assert.equal(new URL(response.url).pathname, "/here");
  } finally {
    await up.close();
    await other.close();
  }
});

Deno.test("401 is not retried, names the key variable and never the key", async () => {
  const key = "sk-ant-very-secret-value";
  const up = serve(() => json({ error: "invalid x-api-key" }, { status: 401 }));
  try {
    const e = await rejects(
      new HttpClient(fast).get(`${up.url}/v1/models`, {
        source: "anthropic",
        keyEnv: "ANTHROPIC_API_KEY",
        headers: { "x-api-key": key },
      }),
    );
    assert.equal(up.requests.length, 1);
    assert.equal(up.requests[0]!.headers.get("x-api-key"), key);
    assert.match(
      e.message,
      /^cannot fetch source "anthropic": HTTP 401 from .* \(check ANTHROPIC_API_KEY\)$/,
    );
    assert.ok(!JSON.stringify([e.message, e.hint, String(e.cause)]).includes(key));
  } finally {
    await up.close();
  }
});

Deno.test("the circuit breaker opens after consecutive failures and fails fast", async () => {
  const up = serve(() => new Response("down", { status: 503 }));
  try {
    const client = new HttpClient({ ...fast, retries: 0, breakerThreshold: 2, breakerCooldownMs: 60_000 });
    await rejects(client.get(up.url, { source: "flaky" }));
    await rejects(client.get(up.url, { source: "flaky" }));
    const e = await rejects(client.get(up.url, { source: "flaky" }));
    assert.match(e.message, /source "flaky": circuit open after repeated failures/);
    assert.equal(up.requests.length, 2, "the open circuit sends nothing");
    await rejects(client.get(up.url, { source: "other" }));
    assert.equal(up.requests.length, 3, "other sources have their own circuit");
  } finally {
    await up.close();
  }
});

Deno.test("an aborted signal cancels the request", async () => {
  const pending: (() => void)[] = [];
  const up = serve(() => new Promise<Response>((resolve) => pending.push(() => resolve(json({})))));
  try {
    const controller = new AbortController();
    const p = new HttpClient(fast).get(up.url, { source: "c", signal: controller.signal });
    while (up.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const e = await rejects(p);
    assert.match(e.message, /source "c": cancelled/);
  } finally {
    for (const release of pending) release();
    await up.close();
  }
});
