import assert from "node:assert/strict";
import { servingOn } from "./helpers/serving.ts";

Deno.test("starmap serve listens on PORT, answers, and stops cleanly on SIGTERM", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts", "serve", "--host", "127.0.0.1", "--auth-key-env", "SERVE_TEST_KEY"],
    env: { PORT: "0", SERVE_TEST_KEY: "k" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  const { base, said: err } = await servingOn(reader);
  assert.ok(base, err);
  const res = await fetch(`${base}/models/openai/gpt-4o`);
  assert.equal(res.status, 200);
  assert.equal((await res.json()).model.id, "openai/gpt-4o");
  const denied = await fetch(`${base}/update`, { method: "POST" });
  assert.equal(denied.status, 401);
  await denied.body?.cancel();
  child.kill("SIGTERM");
  const status = await child.status;
  reader.releaseLock();
  await child.stderr.cancel().catch(() => {});
  await child.stdout.cancel();
  assert.equal(status.code, 0);
});

Deno.test("starmap serve: a bad flag value exits 2 naming the flag", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts", "serve", "--rate-limit", "lots"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 2);
  assert.match(new TextDecoder().decode(out.stderr), /--rate-limit/);
});

Deno.test("starmap serve: a fleet URL from the environment and --follow conflict, named by where each came from", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts", "serve", "--follow", "http://127.0.0.1:9/api/v1", "--port", "0"],
    env: { STARMAP_REDIS_URL: "redis://:s3cret@127.0.0.1:1/0" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const err = new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 2, err);
  assert.match(err, /env STARMAP_REDIS_URL and --follow exclude each other/);
  assert.doesNotMatch(err, /s3cret/);
});

Deno.test("starmap serve: a second SIGTERM while shutting down does not repeat the notice", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts", "-v", "serve", "--host", "127.0.0.1"],
    env: { PORT: "0" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let err = "";
  const until = async (pattern: RegExp) => {
    while (!pattern.test(err)) {
      const { value, done } = await reader.read();
      if (done) break;
      err += value;
    }
  };
  await until(/serving on http:\/\/\S+ /);
  const port = Number(/serving on http:\/\/[^:]+:(\d+)/.exec(err)?.[1]);
  assert.ok(port, err);
  // A request whose body is still to come keeps the shutdown waiting. `Expect: 100-continue` makes the server
  // answer once its handler reads the body, so the request is known to be in flight before the signals.
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const enc = new TextEncoder();
  const body = '{"model":"openai/gpt-4o","input":1000,"output":100}';
  await conn.write(enc.encode(
    `POST /api/v1/cost HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n` +
      `content-length: ${body.length}\r\nexpect: 100-continue\r\nconnection: close\r\n\r\n`,
  ));
  const buf = new Uint8Array(4096);
  const dec = new TextDecoder();
  let reply = "";
  const readReply = async (pattern: RegExp) => {
    while (!pattern.test(reply)) {
      const n = await conn.read(buf);
      if (n === null) break;
      reply += dec.decode(buf.subarray(0, n));
    }
  };
  await readReply(/100 Continue/i);
  child.kill("SIGTERM");
  await until(/shutting down/);
  child.kill("SIGTERM");
  await until(/already shutting down|shutting down[\s\S]*shutting down/);
  await conn.write(enc.encode(body));
  await readReply(/\r\n\r\n[\s\S]*\}/);
  conn.close();
  const status = await child.status;
  await until(/$^/);
  reader.releaseLock();
  await child.stdout.cancel();
  assert.equal(status.code, 0, err);
  assert.match(reply, /HTTP\/1\.1 200/, reply);
  assert.equal(err.match(/^starmap: shutting down$/gm)?.length, 1, err);
  assert.match(err, /already shutting down, SIGTERM ignored/);
});

Deno.test("starmap serve: a client that never finishes its request does not keep a stopped server alive", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts", "serve", "--host", "127.0.0.1", "--port", "0", "--drain-timeout", "1s"],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let err = "";
  while (!/serving on http:\/\/127\.0\.0\.1:(\d+)/.test(err)) {
    const { value, done } = await reader.read();
    if (done) break;
    err += value;
  }
  const port = Number(/serving on http:\/\/127\.0\.0\.1:(\d+)/.exec(err)?.[1]);
  assert.ok(port > 0, err);
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const head = "POST /api/v1/models/search HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n" +
    "content-length: 1000\r\n\r\n{";
  await conn.write(new TextEncoder().encode(head));
  await new Promise((r) => setTimeout(r, 300));
  const started = Date.now();
  child.kill("SIGTERM");
  const status = await child.status;
  const waited = Date.now() - started;
  conn.close();
  reader.releaseLock();
  await child.stderr.cancel().catch(() => {});
  assert.equal(status.code, 0);
  assert.ok(waited < 8000, `stopped after ${waited} ms, not held by the stuck client`);
});
