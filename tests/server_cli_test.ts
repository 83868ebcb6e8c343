import assert from "node:assert/strict";

Deno.test("starmap serve listens on PORT, answers, and stops cleanly on SIGTERM", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts", "serve", "--host", "127.0.0.1", "--auth-key-env", "SERVE_TEST_KEY"],
    env: { PORT: "0", SERVE_TEST_KEY: "k" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let err = "";
  while (!/serving on (http:\/\/\S+) /.test(err)) {
    const { value, done } = await reader.read();
    if (done) break;
    err += value;
  }
  const base = /serving on (http:\/\/\S+) /.exec(err)?.[1];
  assert.ok(base, err);
  const res = await fetch(`${base}/models/openai/gpt-4o`);
  assert.equal(res.status, 200);
  assert.equal((await res.json()).id, "gpt-4o");
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
