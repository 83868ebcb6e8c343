import assert from "node:assert/strict";
import { fixture, json, serve } from "./helpers/sources_server.ts";

const root = new URL("..", import.meta.url).pathname;

async function starmap(args: string[], env: Record<string, string>) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts", ...args],
    cwd: root,
    env: { NO_COLOR: "1", XDG_CONFIG_HOME: "/nonexistent", XDG_DATA_HOME: "/nonexistent", ...env },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const d = new TextDecoder();
  return { code: out.code, stdout: d.decode(out.stdout), stderr: d.decode(out.stderr) };
}

Deno.test("providers fetch: translated json, raw, and --base-url", async () => {
  const capture = JSON.parse(await fixture("providers/groq/models_list.json"));
  const up = serve(() => json(capture));
  try {
    const env = { GROQ_API_KEY: "gsk-test-key", STARMAP_GROQ_BASE_URL: `${up.url}/openai/v1` };
    const translated = await starmap(["providers", "fetch", "groq", "-o", "json"], env);
    assert.equal(translated.code, 0, translated.stderr);
    const models = JSON.parse(translated.stdout);
    assert.equal(models.length, capture.data.length);
    assert.deepEqual(models.find((m: { id: string }) => m.id === "llama-3.3-70b-versatile").limits, {
      context: 131072,
      output: 32768,
    });
    const raw = await starmap(["providers", "fetch", "groq", "--raw", "--base-url", `${up.url}/x`], {
      GROQ_API_KEY: "k",
    });
    assert.equal(raw.code, 0, raw.stderr);
    assert.deepEqual(JSON.parse(raw.stdout), capture);
    assert.equal(new URL(up.requests.at(-1)!.url).pathname, "/x/models");
  } finally {
    await up.close();
  }
});

Deno.test("providers fetch: a refused key exits 5 naming the variable; no key exits 2", async () => {
  const up = serve(() => json({ error: "unauthorized" }, { status: 401 }));
  try {
    const refused = await starmap(["providers", "fetch", "openai", "--base-url", up.url], {
      OPENAI_API_KEY: "sk-do-not-print",
    });
    assert.equal(refused.code, 5);
    assert.match(refused.stderr, /cannot fetch source "openai": HTTP 401 .*\(check OPENAI_API_KEY\)/);
    assert.ok(!(refused.stdout + refused.stderr).includes("sk-do-not-print"));
    const none = await starmap(["providers", "fetch", "openai", "--base-url", up.url], {});
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no API key for provider "openai"/);
  } finally {
    await up.close();
  }
});

Deno.test("providers fetch: a provider defined only in the config file", async () => {
  const capture = JSON.parse(await fixture("providers/groq/models_list.json"));
  const up = serve(() => json(capture));
  const dir = await Deno.makeTempDir({ prefix: "starmap-fetch-" });
  try {
    const config = `${dir}/config.yaml`;
    await Deno.writeTextFile(
      config,
      `providers:\n  mycorp:\n    baseUrl: ${up.url}/v1\n    apiKeyEnv: MYCORP_KEY\n    protocol: openai\n`,
    );
    const fetched = await starmap(["providers", "fetch", "mycorp", "--config", config, "-o", "json"], {
      MYCORP_KEY: "mk-test",
    });
    assert.equal(fetched.code, 0, fetched.stderr);
    assert.equal(JSON.parse(fetched.stdout).length, capture.data.length);
    assert.equal(new URL(up.requests.at(-1)!.url).pathname, "/v1/models");
    assert.equal(up.requests.at(-1)!.headers.get("authorization"), "Bearer mk-test");
    const noKey = await starmap(["providers", "fetch", "mycorp", "--config", config], {});
    assert.equal(noKey.code, 2, noKey.stderr);
    assert.match(noKey.stderr, /no API key for provider "mycorp"[\s\S]*set MYCORP_KEY/);
    const unknown = await starmap(["providers", "fetch", "othercorp", "--config", config], {});
    assert.equal(unknown.code, 3, unknown.stderr);
  } finally {
    await up.close();
    await Deno.remove(dir, { recursive: true });
  }
});
