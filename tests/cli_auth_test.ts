/**
 * `starmap auth verify` end to end, against a fake OpenAI list-models API on 127.0.0.1 replaying the real capture.
 * The child process gets a clean environment, so no key of the machine running the tests is used or printed.
 */
import { servingOn } from "./helpers/serving.ts";
import assert from "node:assert/strict";
import { runCli } from "./helpers/cli.ts";
import { isolatedDirs } from "./helpers/child_env.ts";
import { type FakeUpstream, fixture, json, serve } from "./helpers/sources_server.ts";

const GOOD = "sk-good-key-0123456789abcdef";
const BAD = "sk-refused-key-9876543210";

/** A fake OpenAI: the real `GET /v1/models` capture for the good key, OpenAI's 401 body for any other. */
async function fakeOpenAI(): Promise<FakeUpstream> {
  const capture = await fixture("providers/openai/models_list.json");
  return serve((req) => {
    if (new URL(req.url).pathname !== "/v1/models") return json({ error: "not found" }, { status: 404 });
    if (req.headers.get("authorization") === `Bearer ${GOOD}`) {
      return new Response(capture, { headers: { "content-type": "application/json" } });
    }
    return json({
      error: {
        message: "Incorrect API key provided: sk-refu************3210.",
        type: "invalid_request_error",
        code: "invalid_api_key",
      },
    }, { status: 401 });
  });
}

function auth(args: string[], env: Record<string, string>) {
  return runCli(["auth", "verify", ...args], { env: { NO_COLOR: "1", ...env } });
}

Deno.test("auth verify: a working key is ok, with the number of models the API lists", async () => {
  const up = await fakeOpenAI();
  try {
    const env = { OPENAI_API_KEY: GOOD, STARMAP_OPENAI_BASE_URL: `${up.url}/v1` };
    const r = await auth(["openai"], env);
    assert.equal(r.code, 0, r.stderr);
    const listed = JSON.parse(await fixture("providers/openai/models_list.json")).data.length;
    assert.match(r.stdout, new RegExp(`^openai\\s+ok\\s+${listed} models listed`, "m"));
    assert.equal(up.requests[0]!.headers.get("authorization"), `Bearer ${GOOD}`);
    // Without a provider, every provider with a key is verified: here only OpenAI has one.
    const all = await auth(["-o", "json"], env);
    assert.equal(all.code, 0, all.stderr);
    assert.deepEqual(JSON.parse(all.stdout), [{ provider: "openai", ok: true, models: listed }]);
    for (const text of [r.stdout, r.stderr, all.stdout, all.stderr]) assert.ok(!text.includes(GOOD));
  } finally {
    await up.close();
  }
});

Deno.test("auth verify: a refused key exits 5 naming the key variable, never the key", async () => {
  const up = await fakeOpenAI();
  try {
    const r = await auth(["openai"], { OPENAI_API_KEY: BAD, STARMAP_OPENAI_BASE_URL: `${up.url}/v1` });
    assert.equal(r.code, 5, r.stderr);
    assert.match(r.stdout, /^openai\s+FAILED\s+.*HTTP 401.*\(check OPENAI_API_KEY\)/m);
    assert.match(r.stderr, /1 of 1 keys failed verification/);
    assert.equal(up.requests.length, 1, "a 401 is not retried");
    assert.ok(!r.stdout.includes(BAD) && !r.stderr.includes(BAD));
  } finally {
    await up.close();
  }
});

Deno.test("auth verify: a missing key is reported, not a crash", async () => {
  const one = await auth(["openai"], {});
  assert.equal(one.code, 2, one.stderr);
  assert.match(one.stderr, /no API key for openai/);
  assert.match(one.stderr, /OPENAI_API_KEY/);
  assert.doesNotMatch(one.stderr, /^\s+at /m, "no stack trace");
  const all = await auth([], {});
  assert.equal(all.code, 0, all.stderr);
  assert.match(all.stderr, /no provider API has a key; see starmap auth status/);
});

Deno.test('auth status: without permission to read the environment it says so instead of "missing"', async () => {
  const r = await runCli(["auth", "status", "-o", "json"], {
    permissions: ["--allow-net", "--allow-read"],
    env: { NO_COLOR: "1", OPENAI_API_KEY: GOOD },
  });
  assert.equal(r.code, 0, r.stderr);
  const rows: { provider: string; key: string; problem?: string }[] = JSON.parse(r.stdout);
  const openai = rows.find((row) => row.provider === "openai")!;
  assert.equal(openai.key, "not permitted");
  assert.match(openai.problem!, /no permission to read OPENAI_API_KEY.*--allow-env/);
  assert.equal(rows.find((row) => row.provider === "openrouter")!.key, "not required");
  assert.ok(!r.stdout.includes(GOOD));
});

Deno.test("auth status: where each key comes from, its shape, and each source's circuit and last success", async () => {
  const up = await fakeOpenAI();
  const home = await Deno.makeTempDir({ prefix: "starmap-home-" });
  try {
    const env = {
      HOME: home,
      OPENAI_API_KEY: GOOD,
      STARMAP_OPENAI_BASE_URL: `${up.url}/v1`,
      STARMAP_GROQ_API_KEY: "not-a-groq-key",
    };
    const verified = await auth(["openai"], env);
    assert.equal(verified.code, 0, verified.stderr);
    const r = await runCli(["auth", "status", "-o", "json"], { env: { NO_COLOR: "1", ...env } });
    assert.equal(r.code, 0, r.stderr);
    const rows: Record<string, string>[] = JSON.parse(r.stdout);
    const openai = rows.find((row) => row.provider === "openai")!;
    assert.equal(openai.key, "set");
    assert.equal(openai.keyEnv, "OPENAI_API_KEY");
    assert.equal(openai.circuit, "closed");
    assert.ok(
      Date.now() - Date.parse(openai.lastSuccess!) < 60_000,
      "the verify run's success was remembered",
    );
    const groq = rows.find((row) => row.provider === "groq")!;
    assert.equal(groq.keyEnv, "STARMAP_GROQ_API_KEY");
    assert.equal(groq.key, "set (unexpected format)");
    assert.match(groq.problem!, /expected gsk_/);
    assert.ok(!r.stdout.includes("not-a-groq-key"));
  } finally {
    await up.close();
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("serve: /ready shows each source's remembered circuit and last success from earlier runs", async () => {
  const up = await fakeOpenAI();
  const home = await Deno.makeTempDir({ prefix: "starmap-home-" });
  try {
    const env = { HOME: home, OPENAI_API_KEY: GOOD, STARMAP_OPENAI_BASE_URL: `${up.url}/v1` };
    const verified = await auth(["openai"], env);
    assert.equal(verified.code, 0, verified.stderr);
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "main.ts", "serve", "--host", "127.0.0.1"],
      env: { ...env, ...isolatedDirs(home), PORT: "0", NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
    const { base, said: err } = await servingOn(reader);
    try {
      assert.ok(base, err);
      const ready = await (await fetch(`${base}/ready`)).json();
      const openai = ready.sources.find((s: { source: string }) => s.source === "openai");
      assert.ok(openai, JSON.stringify(ready));
      assert.equal(openai.circuit, "closed");
      assert.ok(
        Date.now() - Date.parse(openai.lastSuccess) < 60_000,
        "the verify run's success is remembered",
      );
    } finally {
      child.kill("SIGTERM");
      await child.status;
      reader.releaseLock();
      await child.stderr.cancel().catch(() => {});
      await child.stdout.cancel();
    }
  } finally {
    await up.close();
    await Deno.remove(home, { recursive: true });
  }
});
