/**
 * Keys as users keep them (documented variables in order, `STARMAP_<PROVIDER>_API_KEY`, config references), keys of
 * an unexpected shape, variables the process may not read, every catalog provider with a list endpoint, and the
 * breaker that remembers across runs (in the process, and on disk for the CLI).
 */
import assert from "node:assert/strict";
import { embeddedCatalog } from "../src/catalog/_embedded.ts";
import { CircuitBreaker, sharedBreaker, sourceHealth } from "../src/http/_breaker.ts";
import { loadBreaker, saveBreaker } from "../src/http/_breaker_file.ts";
import { HttpClient } from "../src/http/_client.ts";
import { resolveProviderSource } from "../src/sources/providers/_from_env.ts";
import { buildSources } from "../src/sources/_source_list.ts";
import { json, serve } from "./helpers/sources_server.ts";

const http = () => new HttpClient({ retryBaseMs: 1, retryMaxMs: 5, timeoutMs: 5_000, retries: 0 });
const providers = embeddedCatalog().providers;
const envOf = (map: Record<string, string>) => (name: string) => map[name];
const source = (id: string, env: Record<string, string>, extra = {}) =>
  resolveProviderSource(id, { http: http(), providers, env: envOf(env), ...extra })!;

Deno.test("keys: documented variables in order, then STARMAP_<PROVIDER>_API_KEY, then the config", async () => {
  const google = (env: Record<string, string>) => source("google", env).key!;
  assert.equal(google({ GOOGLE_API_KEY: "b", GEMINI_API_KEY: "a" }).origin, "GEMINI_API_KEY");
  assert.equal(google({ GOOGLE_API_KEY: "b", GOOGLE_GENERATIVE_AI_API_KEY: "c" }).origin, "GOOGLE_API_KEY");
  assert.equal(google({ STARMAP_GOOGLE_API_KEY: "d" }).origin, "STARMAP_GOOGLE_API_KEY");
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/key`, "gsk_abcdefghijklmnopqrstuvwx\n");
    const fromFile = source("groq", {}, { settings: { groq: { apiKey: `file:${dir}/key` } } }).key!;
    assert.equal(fromFile.value, "gsk_abcdefghijklmnopqrstuvwx");
    assert.equal(fromFile.origin, `config file:${dir}/key`);
    assert.equal(fromFile.problem, undefined);
    const fromEnv = source("groq", { MY_GROQ: "gsk_zyxwvutsrqponmlkjihgfedc" }, {
      settings: { groq: { apiKey: "env:MY_GROQ" } },
    }).key!;
    assert.equal(fromEnv.origin, "config env:MY_GROQ");
    const both = source("groq", { GROQ_API_KEY: "gsk_fromtheenvironment12345" }, {
      settings: { groq: { apiKey: `file:${dir}/key` } },
    }).key!;
    assert.equal(both.origin, "GROQ_API_KEY", "variables win over the config");
    const missing = source("groq", {}, { settings: { groq: { apiKey: `file:${dir}/none` } } });
    assert.match(missing.blocker!, /cannot read file .*none \(ENOENT\)/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("keys: a key of another shape is reported (never shown), and still used", async () => {
  const up = serve(() => json({ data: [{ id: "m" }] }));
  try {
    const s = source("anthropic", {
      ANTHROPIC_API_KEY: "sk-proj-secretvalue123",
      STARMAP_ANTHROPIC_BASE_URL: up.url,
    });
    assert.equal(s.usable, true);
    const result = await s.fetch({ signal: new AbortController().signal });
    assert.deepEqual(result.notes, [
      "anthropic: the key does not have the shape of Anthropic keys (expected sk-ant-…)",
    ]);
    assert.equal(up.requests[0]!.headers.get("x-api-key"), "sk-proj-secretvalue123");
  } finally {
    await up.close();
  }
});

Deno.test("keys: variables the process may not read are told apart from missing ones", () => {
  const s = source("openai", {}, { envAllowed: (n: string) => n !== "OPENAI_API_KEY" });
  assert.deepEqual(s.key!.denied, ["OPENAI_API_KEY"]);
  assert.equal(s.usable, false);
});

Deno.test("every catalog provider with a list-models endpoint resolves to a source", () => {
  const listed = providers.filter((p) => p.endpoint && p.endpoint.type !== "none");
  assert.ok(listed.length > 100);
  for (const p of listed) {
    const s = resolveProviderSource(p.id, { http: http(), providers, env: envOf({}) });
    assert.ok(s, p.id);
    assert.ok(s.url || s.blocker?.startsWith("needs"), `${p.id}: ${s.blocker}`);
  }
  for (
    const id of ["deepinfra", "togetherai", "hetzner", "google-vertex", "azure", "ollama", "fireworks-ai"]
  ) {
    assert.ok(resolveProviderSource(id, { http: http(), providers, env: envOf({}) }), id);
  }
  const cf = resolveProviderSource("cloudflare-workers-ai", { http: http(), providers, env: envOf({}) })!;
  assert.match(cf.blocker!, /needs CLOUDFLARE_ACCOUNT_ID/);
  const cfSet = resolveProviderSource("cloudflare-workers-ai", {
    http: http(),
    providers,
    env: envOf({ CLOUDFLARE_ACCOUNT_ID: "acc1", CLOUDFLARE_API_KEY: "k" }),
  })!;
  assert.equal(cfSet.url, "https://api.cloudflare.com/client/v4/accounts/acc1/ai/v1/models");
});

Deno.test("breaker: the process-wide breaker remembers a source across runs, and its last success", async () => {
  let fail = true;
  const up = serve(() => (fail ? json({}, { status: 503 }) : json({ data: [{ id: "m" }] })));
  const id = `gw-${crypto.randomUUID().slice(0, 8)}`;
  try {
    const run = async () => {
      const [s] = buildSources({
        providers,
        ids: [id],
        http: { retries: 4, retryBaseMs: 1, retryMaxMs: 2 },
        providerSettings: { [id]: { baseUrl: up.url, apiKey: "k" } },
      });
      return await s!.fetch({ signal: new AbortController().signal });
    };
    await assert.rejects(run(), /HTTP 503/);
    const open = sourceHealth().find((h) => h.source === id)!;
    assert.equal(open.circuit, "open");
    fail = false;
    // A new run builds new sources and a new client, but the circuit it meets is the one the first run opened.
    await assert.rejects(run(), /circuit open/);
    assert.equal(up.requests.length, 5);
  } finally {
    await up.close();
  }
  const b = new CircuitBreaker({ threshold: 1, cooldownMs: 60_000 });
  b.success("x");
  b.failure("y", "HTTP 503");
  const dir = await Deno.makeTempDir();
  try {
    await saveBreaker(`${dir}/state/sources.json`, b);
    const restored = new CircuitBreaker();
    await loadBreaker(`${dir}/state/sources.json`, restored);
    const [x, y] = restored.health();
    assert.ok(x!.lastSuccess && x!.circuit === "closed");
    assert.equal(y!.circuit, "open");
    assert.equal(y!.lastError, "HTTP 503");
    await Deno.writeTextFile(`${dir}/state/sources.json`, "{torn");
    await loadBreaker(`${dir}/state/sources.json`, new CircuitBreaker());
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  assert.ok(sharedBreaker() === sharedBreaker());
});
