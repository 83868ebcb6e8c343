import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { embeddedCatalog } from "../catalog/mod.ts";
import { isStarmapError } from "../errors.ts";
import { CircuitBreaker } from "../http/mod.ts";
import { buildSources, type Source } from "../sources/mod.ts";
import { fetchSources } from "./_fetch.ts";
import type { SourceProgress } from "./_options.ts";

const API_JSON = fileURLToPath(new URL("../../tests/fixtures/sources/models.dev/api.json", import.meta.url));
const FEW = ["anthropic", "openai", "groq"];

/**
 * A fake upstream on 127.0.0.1: `/api.json` is the real models.dev capture (three providers), `/litellm.json`
 * answers 503, and `/slow/…` never answers until the client goes away.
 */
async function upstream() {
  const full = JSON.parse(await readFile(API_JSON, "utf8"));
  const body = JSON.stringify(Object.fromEntries(FEW.map((p) => [p, full[p]])));
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const path = new URL(req.url).pathname;
    if (path === "/api.json") return new Response(body, { headers: { "content-type": "application/json" } });
    if (path.startsWith("/slow/")) {
      await new Promise((resolve) => req.signal.addEventListener("abort", resolve, { once: true }));
      return new Response("late", { status: 504 });
    }
    return new Response("unavailable", { status: 503 });
  });
  return { server, base: `http://127.0.0.1:${server.addr.port}` };
}

function sources(base: string, ids: string[], overridesDir?: string): Source[] {
  const env: Record<string, string> = {
    OPENAI_API_KEY: "sk-test",
    STARMAP_OPENAI_BASE_URL: `${base}/slow/v1`,
  };
  return buildSources({
    providers: embeddedCatalog().providers,
    ids,
    env: (name) => env[name],
    modelsDevUrl: `${base}/api.json`,
    litellm: `${base}/litellm.json`,
    overridesDir,
    // A breaker of the test's own, so its failures do not open circuits for other tests in the process.
    http: { retries: 0, timeoutMs: 20_000, breaker: new CircuitBreaker() },
  });
}

const at = () => "2026-07-02T00:00:00.000Z";

Deno.test("fetchSources: one answers, one fails, one times out on its own clock, one skips itself", async () => {
  const { server, base } = await upstream();
  try {
    const events: SourceProgress[] = [];
    const outcome = await fetchSources(sources(base, ["models.dev", "litellm", "openai", "anthropic"]), {
      timeoutMs: 1_000,
      at,
      onProgress: (e) => events.push(e),
    });
    const byId = Object.fromEntries(outcome.reports.map((r) => [r.id, r]));
    assert.deepEqual(outcome.reports.map((r) => r.id), ["models.dev", "litellm", "openai", "anthropic"]);
    assert.equal(byId["models.dev"]!.ok, true);
    assert.ok(byId["models.dev"]!.models > 10, `${byId["models.dev"]!.models} offerings`);
    assert.equal(byId["litellm"]!.ok, false);
    assert.match(byId["litellm"]!.error!, /503/);
    assert.equal(byId["openai"]!.ok, false);
    assert.match(byId["openai"]!.error!, /source "openai" timed out after 1000 ms/);
    assert.ok(byId["openai"]!.ms >= 1_000, `the timeout took ${byId["openai"]!.ms} ms`);
    assert.ok(byId["litellm"]!.ms < 1_000, "a fast failure is timed on its own clock");
    assert.equal(byId["anthropic"]!.skipped, true, "no key: skipped, not failed");
    assert.deepEqual(outcome.snapshots.map((s) => s.source.id), ["models.dev"]);
    assert.equal(outcome.snapshots[0]!.at, at());
    assert.equal(outcome.invalid, undefined);
    assert.equal(events.filter((e) => e.state === "fetching").length, 4);
    assert.deepEqual(
      events.filter((e) => e.state !== "fetching").map((e) => `${e.id}:${e.state}`).sort(),
      ["anthropic:done", "litellm:failed", "models.dev:done", "openai:failed"],
    );
  } finally {
    await server.shutdown();
  }
});

Deno.test("fetchSources: the outer signal cancels every source that is still running", async () => {
  const { server, base } = await upstream();
  try {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const outcome = await fetchSources(sources(base, ["openai"]), {
      timeoutMs: 60_000,
      signal: controller.signal,
      at,
    });
    assert.equal(outcome.reports[0]!.ok, false);
    assert.match(outcome.reports[0]!.error!, /was cancelled/);
    assert.ok(outcome.reports[0]!.ms < 10_000);
  } finally {
    await server.shutdown();
  }
});

Deno.test("fetchSources: a bad override file is the outcome's invalid input, beside sources that answered", async () => {
  const { server, base } = await upstream();
  const dir = await mkdtemp(join(tmpdir(), "starmap-overrides-"));
  try {
    await writeFile(
      join(dir, "overrides.yaml"),
      "models:\n  - id: claude-opus-4-1\n    provider: anthropic\n    pricing:\n      input: cheap\n",
    );
    const outcome = await fetchSources(sources(base, ["local", "models.dev"], dir), {
      timeoutMs: 10_000,
      at,
    });
    assert.ok(isStarmapError(outcome.invalid, "invalid"), String(outcome.invalid));
    assert.match(outcome.invalid.message, /overrides\.yaml/);
    assert.deepEqual(outcome.reports.map((r) => [r.id, r.ok]), [["local", false], ["models.dev", true]]);
  } finally {
    await server.shutdown();
    await rm(dir, { recursive: true });
  }
});
