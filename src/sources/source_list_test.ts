import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { embeddedCatalog } from "../catalog/mod.ts";
import { isStarmapError } from "../errors.ts";
import { CircuitBreaker } from "../http/mod.ts";
import { buildSources, DEFAULT_SOURCE_IDS, knownSourceIds, resolveSourceSettings } from "./_source_list.ts";

const providers = embeddedCatalog().providers;
const OPENAI_LIST = fileURLToPath(
  new URL("../../tests/fixtures/sources/providers/openai/models_list.json", import.meta.url),
);

const envOf = (vars: Record<string, string>) => (name: string) => vars[name];

Deno.test("buildSources builds the default sources in order; local only with a directory, Ollama only opted in", () => {
  const bare = buildSources({ providers, env: envOf({}) });
  const ids = bare.map((s) => s.id);
  assert.deepEqual(
    ids.slice(0, 3),
    ["embedded", "models.dev", "litellm"],
    "no local source without a directory",
  );
  assert.ok(ids.includes("openai") && ids.includes("anthropic"), "built-in provider APIs join `providers`");
  assert.ok(!ids.includes("ollama"), "a local server is not probed unless the user points at it");
  assert.ok(!ids.includes("lmstudio"), "nor a catalog provider on this machine, which needs no key");
  const pointed = buildSources({
    providers,
    env: envOf({ STARMAP_LMSTUDIO_BASE_URL: "http://127.0.0.1:1234/v1" }),
  }).find((s) => s.id === "lmstudio");
  assert.ok(pointed, "its base URL points at it");
  assert.equal(new Set(ids).size, ids.length, "each source once");

  const local = buildSources({
    providers,
    env: envOf({ OLLAMA_HOST: "127.0.0.1:1" }),
    overridesDir: "overrides",
  });
  assert.ok(local.some((s) => s.id === "local"));
  assert.ok(local.some((s) => s.id === "ollama"));
  assert.deepEqual([...DEFAULT_SOURCE_IDS].slice(0, 2), ["embedded", "local"]);
});

Deno.test("buildSources refuses an unknown id with a code, the id and the nearest known ids", () => {
  assert.ok(knownSourceIds({ providers }).includes("models.dev-archive"));
  assert.throws(
    () => buildSources({ providers, ids: ["model.dev"] }),
    (e) =>
      isStarmapError(e, "invalid") && e.code === "unknown_source" && e.resource === "model.dev" &&
      e.suggestions.includes("models.dev"),
  );
});

Deno.test("a provider source built from the environment fetches from its base URL with its key", async () => {
  const body = await readFile(OPENAI_LIST, "utf8");
  const seen: { path: string; authorization: string | null }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    seen.push({ path: new URL(req.url).pathname, authorization: req.headers.get("authorization") });
    return new Response(body, { headers: { "content-type": "application/json" } });
  });
  try {
    const env = envOf({
      OPENAI_API_KEY: "sk-from-env",
      STARMAP_OPENAI_BASE_URL: `http://127.0.0.1:${server.addr.port}/v1`,
    });
    const [openai] = buildSources({
      providers,
      ids: ["openai"],
      env,
      http: { retries: 0, breaker: new CircuitBreaker() },
    });
    const result = await openai!.fetch({ signal: new AbortController().signal });
    const listed = (JSON.parse(body) as { data: unknown[] }).data.length;
    assert.ok(result.offerings.length > 0 && result.offerings.length <= listed, `${result.offerings.length}`);
    assert.ok(result.offerings.every((o) => o.provider === "openai"));
    assert.deepEqual(seen, [{ path: "/v1/models", authorization: "Bearer sk-from-env" }]);
  } finally {
    await server.shutdown();
  }
});

Deno.test("resolveSourceSettings: flags > environment > config > defaults, overrides beside the catalog", () => {
  const settings = resolveSourceSettings({
    flags: { modelsDevUrl: "http://127.0.0.1:1/flag.json" },
    env: envOf({
      STARMAP_MODELS_DEV_URL: "http://127.0.0.1:1/env.json",
      STARMAP_LITELLM_URL: "http://127.0.0.1:1/env-litellm.json",
      STARMAP_SOURCE_TIMEOUT: "45s",
    }),
    config: { sources: { litellmUrl: "http://127.0.0.1:1/config.json", retries: 1 } },
    catalogDir: "catalog-dir",
  });
  assert.equal(settings.modelsDevUrl, "http://127.0.0.1:1/flag.json");
  assert.equal(settings.litellm, "http://127.0.0.1:1/env-litellm.json");
  assert.deepEqual(settings.http, { timeoutMs: 45_000, retries: 1 });
  assert.equal(settings.overridesDir, join("catalog-dir", "overrides"));

  const defaults = resolveSourceSettings({ env: envOf({}) });
  assert.deepEqual(defaults.http, { timeoutMs: 30_000, retries: 3 });
  assert.equal(defaults.overridesDir, undefined);

  assert.throws(
    () => resolveSourceSettings({ env: envOf({ STARMAP_SOURCE_TIMEOUT: "soon" }) }),
    (e) =>
      isStarmapError(e, "invalid") && e.setting === "sources.timeoutMs" &&
      /STARMAP_SOURCE_TIMEOUT/.test(e.message),
  );
});
