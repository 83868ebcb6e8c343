import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { embeddedCatalog } from "../src/catalog/_embedded.ts";
import { isStarmapError } from "../src/errors.ts";
import { HttpClient } from "../src/http/_client.ts";
import { LiteLLMSource } from "../src/sources/_litellm.ts";
import { LocalSource, scanOverrides } from "../src/sources/_local.ts";
import { buildSources, resolveSourceSettings } from "../src/sources/_source_list.ts";
import { fixture, serve } from "./helpers/sources_server.ts";

const providerIds = embeddedCatalog().providers.map((p) => p.id);
const signal = () => new AbortController().signal;
const mapFile =
  new URL("./fixtures/sources/litellm/model_prices_and_context_window.json", import.meta.url).pathname;

Deno.test("litellm: the real price map over HTTP, per-token prices to exact per-1M, providers mapped", async () => {
  const body = await fixture("litellm/model_prices_and_context_window.json");
  const up = serve(() => new Response(body));
  try {
    const source = new LiteLLMSource({
      http: new HttpClient(),
      location: `${up.url}/prices.json`,
      providerIds,
    });
    const result = await source.fetch({ signal: signal() });
    const raw = JSON.parse(body) as Record<string, { litellm_provider?: string }>;
    assert.ok(!result.offerings.some((m) => m.id === "sample_spec"));
    const gpt4o = result.offerings.find((m) => m.provider === "openai" && m.id === "gpt-4o")!;
    assert.deepEqual(gpt4o.pricing, {
      input: 2.5,
      output: 10,
      cacheRead: 1.25,
      batch: { input: 1.25, output: 5 },
      priority: { input: 4.25, output: 17, cacheRead: 2.125 },
    });
    assert.deepEqual(gpt4o.operations, ["chat"]);
    assert.ok(
      gpt4o.params?.includes("tools") && gpt4o.params.includes("response_format"),
      gpt4o.params?.join(),
    );
    assert.deepEqual(gpt4o.limits, { input: 128000, output: 16384 });
    const nova = result.offerings.find((m) =>
      m.provider === "amazon-bedrock" && m.id === "amazon.nova-pro-v1:0"
    )!;
    assert.equal(nova.pricing?.input, 0.8, "8e-7 per token is exactly 0.8 per 1M");
    const gemini = result.offerings.filter((m) => m.provider === "google");
    assert.ok(
      gemini.length > 0 && gemini.every((m) => !m.id.startsWith("gemini/")),
      "gemini/ prefix stripped",
    );
    // "openai/sora-2" and "sora-2" are one model: the prefix is stripped and the first entry kept. The Code
    // Interpreter's container ("openai/container") is a tool's price, not a model.
    const openaiCount = new Set(
      Object.entries(raw).filter(([k, v]) => v.litellm_provider === "openai" && k !== "openai/container").map(
        (
          [k],
        ) => k.replace(/^openai\//, ""),
      ),
    ).size;
    assert.equal(result.offerings.filter((m) => m.provider === "openai").length, openaiCount);
    assert.ok(result.offerings.every((m) => providerIds.includes(m.provider)));
    assert.deepEqual(result.complete, []);
  } finally {
    await up.close();
  }
});

Deno.test("litellm: reads a file path too", async () => {
  const result = await new LiteLLMSource({ http: new HttpClient(), location: mapFile, providerIds })
    .fetch({ signal: signal(), providers: ["anthropic"] });
  assert.ok(result.offerings.length > 0);
  assert.ok(result.offerings.every((m) => m.provider === "anthropic"));
});

Deno.test("local: YAML and JSON overrides merge by id; errors name file and field", async () => {
  const dir = await mkdtemp(join(tmpdir(), "starmap-overrides-"));
  try {
    await writeFile(
      join(dir, "a.yaml"),
      [
        "providers:",
        "  - { id: openai, statusPage: https://status.example.com }",
        "models:",
        "  - id: gpt-4o",
        "    provider: openai",
        "    pricing: { input: 2, output: 8 }",
      ].join("\n"),
    );
    await mkdir(join(dir, "more"));
    await writeFile(
      join(dir, "more", "b.json"),
      JSON.stringify({
        authors: [{ id: "acme", name: "Acme" }],
        models: [{ id: "gpt-4o", provider: "openai", pricing: { cacheRead: 1 }, limits: { context: 1000 } }],
      }),
    );
    const result = await new LocalSource({ dir }).fetch({ signal: signal() });
    assert.deepEqual(result.providers, [{ id: "openai", statusPage: "https://status.example.com" }]);
    assert.deepEqual(result.authors, [{ id: "acme", name: "Acme" }]);
    assert.deepEqual(result.offerings, [{
      id: "gpt-4o",
      provider: "openai",
      pricing: { input: 2, output: 8, cacheRead: 1 },
      limits: { context: 1000 },
    }]);
    await writeFile(
      join(dir, "bad.yml"),
      "models:\n  - id: x\n    provider: openai\n    pricing: { input: -1 }\n",
    );
    const { problems } = await scanOverrides(dir);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.file, join(dir, "bad.yml"));
    assert.equal(problems[0]!.field, "models[0].pricing.input");
    await assert.rejects(new LocalSource({ dir }).fetch({ signal: signal() }), (e: unknown) => {
      assert.ok(isStarmapError(e, "invalid"));
      assert.match(e.message, /bad\.yml: models\[0\]\.pricing\.input: /);
      return true;
    });
  } finally {
    await rm(dir, { recursive: true });
  }
});

Deno.test("local: a missing directory is empty with a note", async () => {
  const result = await new LocalSource({ dir: "/nonexistent/starmap-overrides" }).fetch({ signal: signal() });
  assert.deepEqual(result.offerings, []);
  assert.match(result.notes[0]!, /no override directory/);
});

Deno.test("registry: settings from flags > env > config, and sources built from ids", () => {
  const env = (n: string) =>
    ({ STARMAP_MODELS_DEV_URL: "http://env.example/api.json", OPENAI_API_KEY: "k" } as Record<
      string,
      string
    >)[n];
  const settings = resolveSourceSettings({
    env,
    flags: { litellm: "/tmp/prices.json" },
    config: {
      sources: { modelsDevUrl: "http://config.example/api.json", litellmUrl: "http://config.example/l.json" },
    },
    catalogDir: "/home/u/.local/share/starmap/catalog",
  });
  assert.equal(settings.modelsDevUrl, "http://env.example/api.json");
  assert.equal(settings.litellm, "/tmp/prices.json");
  assert.equal(settings.overridesDir, "/home/u/.local/share/starmap/catalog/overrides");
  const providers = embeddedCatalog().providers;
  const ids = buildSources({ ...settings, providers }).map((s) => s.id);
  assert.deepEqual(ids.slice(0, 4), ["embedded", "local", "models.dev", "litellm"]);
  assert.ok(ids.includes("openai") && ids.includes("anthropic"));
  assert.deepEqual(
    buildSources({ providers, ids: ["models.dev-archive", "groq"] }).map((s) => s.id),
    ["models.dev-archive", "groq"],
  );
  assert.throws(() => buildSources({ providers, ids: ["modelsdev"] }), /unknown source "modelsdev"/);
});
