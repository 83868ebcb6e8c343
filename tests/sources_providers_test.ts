import assert from "node:assert/strict";
import { embeddedCatalog } from "../src/catalog/_embedded.ts";
import { HttpClient } from "../src/http/_client.ts";
import { providerSourcesFromEnv, resolveProviderSource } from "../src/sources/providers/_from_env.ts";
import { fixture, json, serve } from "./helpers/sources_server.ts";

const http = () => new HttpClient({ retryBaseMs: 1, retryMaxMs: 5, timeoutMs: 5_000 });
const signal = () => new AbortController().signal;
const providers = embeddedCatalog().providers;

function envOf(map: Record<string, string>) {
  return (name: string) => map[name];
}

for (const id of ["openai", "groq", "deepseek", "cerebras"]) {
  Deno.test(`${id}: the OpenAI-shaped client parses the real capture with Bearer auth`, async () => {
    const capture = JSON.parse(await fixture(`providers/${id}/models_list.json`));
    const up = serve(() => json(capture));
    try {
      const keyEnv = `${id.toUpperCase()}_API_KEY`;
      const source = resolveProviderSource(id, {
        http: http(),
        providers,
        env: envOf({ [keyEnv]: "k-123456", [`STARMAP_${id.toUpperCase()}_BASE_URL`]: `${up.url}/v1` }),
      })!;
      const result = await source.fetch({ signal: signal() });
      assert.equal(up.requests[0]!.headers.get("authorization"), "Bearer k-123456");
      assert.equal(new URL(up.requests[0]!.url).pathname, "/v1/models");
      assert.deepEqual(result.complete, [id]);
      assert.deepEqual(result.offerings.map((m) => m.id), capture.data.map((m: { id: string }) => m.id));
      assert.ok(result.offerings.every((m) => m.provider === id));
    } finally {
      await up.close();
    }
  });
}

Deno.test("groq: limits come through; `created` is not a release date", async () => {
  const up = serve(async () => json(JSON.parse(await fixture("providers/groq/models_list.json"))));
  try {
    const source = resolveProviderSource("groq", {
      http: http(),
      providers,
      env: envOf({ GROQ_API_KEY: "gsk-1", STARMAP_GROQ_BASE_URL: up.url }),
    })!;
    const { offerings: models } = await source.fetch({ signal: signal() });
    const llama = models.find((m) => m.id === "llama-3.3-70b-versatile")!;
    assert.deepEqual(llama.limits, { context: 131072, output: 32768 });
    assert.equal(llama.releaseDate, undefined);
  } finally {
    await up.close();
  }
});

Deno.test("anthropic: pages with limit/after_id and the right headers", async () => {
  const capture = JSON.parse(await fixture("providers/anthropic/models_list.json"));
  const all: { id: string }[] = capture.data;
  const size = 4;
  const up = serve((req) => {
    const after = new URL(req.url).searchParams.get("after_id");
    const start = after ? all.findIndex((m) => m.id === after) + 1 : 0;
    const data = all.slice(start, start + size);
    return json({
      data,
      has_more: start + size < all.length,
      first_id: data[0]?.id,
      last_id: data.at(-1)?.id,
    });
  });
  try {
    const source = resolveProviderSource("anthropic", {
      http: http(),
      providers,
      env: envOf({ ANTHROPIC_API_KEY: "sk-ant-1", STARMAP_ANTHROPIC_BASE_URL: `${up.url}/v1` }),
    })!;
    const result = await source.fetch({ signal: signal() });
    assert.equal(up.requests.length, Math.ceil(all.length / size));
    for (const r of up.requests) {
      assert.equal(r.headers.get("x-api-key"), "sk-ant-1");
      assert.equal(r.headers.get("anthropic-version"), "2023-06-01");
      assert.equal(new URL(r.url).searchParams.get("limit"), "100");
    }
    assert.equal(new URL(up.requests[1]!.url).searchParams.get("after_id"), all[size - 1]!.id);
    assert.deepEqual(result.offerings.map((m) => m.id), all.map((m) => m.id));
    const opus = result.offerings.find((m) => m.id === "claude-opus-5")!;
    assert.equal(opus.name, "Claude Opus 5");
    assert.deepEqual(opus.limits, { context: 1000000, output: 128000 });
    assert.equal(opus.releaseDate, "2026-07-24");
  } finally {
    await up.close();
  }
});

Deno.test("google: pages with pageSize/pageToken and x-goog-api-key", async () => {
  const capture = JSON.parse(await fixture("providers/google/models_list.json"));
  const all: { name: string }[] = capture.models;
  const up = serve((req) => {
    const token = new URL(req.url).searchParams.get("pageToken");
    const start = token ? Number(token) : 0;
    const end = start + 3;
    return json({
      models: all.slice(start, end),
      ...(end < all.length ? { nextPageToken: String(end) } : {}),
    });
  });
  try {
    const source = resolveProviderSource("google", {
      http: http(),
      providers,
      env: envOf({ GEMINI_API_KEY: "AIza-1", STARMAP_GOOGLE_BASE_URL: `${up.url}/v1beta` }),
    })!;
    const result = await source.fetch({ signal: signal() });
    assert.equal(up.requests.length, Math.ceil(all.length / 3));
    assert.ok(up.requests.every((r) => r.headers.get("x-goog-api-key") === "AIza-1"));
    assert.equal(up.requests[0]!.headers.get("authorization"), null);
    assert.deepEqual(result.offerings.map((m) => m.id), all.map((m) => m.name.slice("models/".length)));
    const flash = result.offerings.find((m) => m.id === "gemini-2.5-flash")!;
    assert.deepEqual(flash.limits, { context: 1048576, output: 65536 });
    assert.equal(flash.capabilities?.reasoning, true);
  } finally {
    await up.close();
  }
});

Deno.test("openrouter: string per-token prices become exact per-1M prices", async () => {
  const capture = JSON.parse(await fixture("openrouter/models.json"));
  const up = serve(() => json(capture));
  try {
    const source = resolveProviderSource("openrouter", {
      http: http(),
      providers,
      env: envOf({ STARMAP_OPENROUTER_BASE_URL: `${up.url}/api/v1` }),
    })!;
    const result = await source.fetch({ signal: signal() });
    assert.equal(up.requests[0]!.headers.get("authorization"), null, "the public list needs no key");
    assert.equal(result.offerings.length, capture.data.length);
    const fast = result.offerings.find((m) => m.id === "anthropic/claude-opus-4.7-fast")!;
    // web_search is USD per search upstream; the catalog holds USD per 1K searches.
    assert.deepEqual(fast.pricing, { input: 30, output: 150, cacheRead: 3, cacheWrite: 37.5, webSearch: 10 });
    assert.ok(
      fast.params?.includes("tools") && fast.params.includes("structured_outputs"),
      fast.params?.join(),
    );
    assert.equal(
      result.hints?.["openrouter/anthropic/claude-opus-4.7-fast"]?.canonicalSlug,
      "anthropic/claude-4.7-opus-fast-20260512",
    );
    assert.deepEqual(fast.limits, { context: 1000000, output: 128000 });
    assert.equal(fast.capabilities?.toolCalls, true);
    assert.deepEqual(fast.modalities, { input: ["text", "image", "file"], output: ["text"] });
    const raw = new Map<string, { prompt: string }>(
      capture.data.map((m: { id: string; pricing: { prompt: string } }) => [m.id, m.pricing]),
    );
    for (const m of result.offerings) {
      const prompt = raw.get(m.id)!.prompt;
      if (Number(prompt) < 0) assert.equal(m.pricing?.input, undefined, `${m.id}: variable price dropped`);
      else assert.ok(Math.abs(m.pricing!.input! / 1e6 - Number(prompt)) <= Number(prompt) * 1e-12, m.id);
    }
    const mini = result.offerings.find((m) => m.id === "google/gemini-3.1-flash-lite")!;
    assert.deepEqual(mini.pricing, {
      input: 0.25,
      output: 1.5,
      cacheRead: 0.025,
      cacheWrite: 0.08333333333333334,
      reasoning: 1.5,
      inputAudio: 0.5,
      inputImage: 0.25,
      webSearch: 14,
    });
  } finally {
    await up.close();
  }
});

Deno.test("a provider without a key is skipped with a note, not an error", async () => {
  const source = resolveProviderSource("mistral", { http: http(), providers, env: envOf({}) })!;
  const result = await source.fetch({ signal: signal() });
  assert.deepEqual(result.offerings, []);
  assert.deepEqual(result.complete, []);
  assert.match(result.notes[0]!, /mistral: skipped, no API key \(set MISTRAL_API_KEY\)/);
});

Deno.test("OpenAI-compatible providers come from the catalog and from config", () => {
  const sources = providerSourcesFromEnv({
    http: http(),
    providers,
    env: envOf({}),
    settings: { "my-gateway": { baseUrl: "http://127.0.0.1:1/v1", apiKeyEnv: "GW_KEY" } },
  });
  const ids = sources.map((s) => s.id);
  for (
    const id of [
      "openai",
      "anthropic",
      "google",
      "groq",
      "deepseek",
      "cerebras",
      "mistral",
      "xai",
      "openrouter",
    ]
  ) {
    assert.ok(ids.includes(id), id);
  }
  assert.ok(ids.includes("my-gateway"));
  const compatible = providers.filter((p) => p.endpoint?.type === "openai").length;
  assert.ok(ids.length >= compatible, `${ids.length} sources for ${compatible} OpenAI-compatible providers`);
  assert.equal(sources.find((s) => s.id === "my-gateway")!.url, "http://127.0.0.1:1/v1/models");
});

Deno.test("a 401 from a provider names the key variable, not the key", async () => {
  const up = serve(() => json({ error: { message: "bad key" } }, { status: 401 }));
  try {
    const source = resolveProviderSource("xai", {
      http: http(),
      providers,
      env: envOf({ XAI_API_KEY: "xai-secret-key-1", STARMAP_XAI_BASE_URL: up.url }),
    })!;
    await assert.rejects(source.fetch({ signal: signal() }), (e: Error) => {
      assert.match(e.message, /^cannot fetch source "xai": HTTP 401 from .* \(check XAI_API_KEY\)$/);
      assert.ok(!e.message.includes("xai-secret-key-1"));
      return true;
    });
    assert.equal(up.requests.length, 1);
  } finally {
    await up.close();
  }
});
