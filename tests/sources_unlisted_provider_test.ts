/**
 * A provider starmap has never heard of, reached with nothing but a base URL and a key variable: the CLI runs as
 * a real process against a fake upstream on 127.0.0.1 that serves list-models payloads in shapes the repository
 * has no capture of (a vLLM cluster, LM Studio's REST API, a gateway with `context_window`/`context_length` and
 * `max_completion_tokens`/`max_output_tokens`). Every model must come through, with its limits as published and
 * no release date made up from `created`.
 */
import assert from "node:assert/strict";
import { runCli } from "./helpers/cli.ts";
import { fixture, json, serve } from "./helpers/sources_server.ts";

interface Listed {
  id: string;
  limits?: { context?: number; input?: number; output?: number };
  releaseDate?: string;
  lifecycle?: { status?: string; retirementDate?: string };
  operations?: string[];
  weights?: { quantization?: string; format?: string };
}

const payloads: Record<string, Record<string, unknown>> = {
  "/vllm/v1/models": JSON.parse(await fixture("providers/unlisted/vllm_cluster.json")),
  "/lmstudio/api/v0/models": JSON.parse(await fixture("providers/unlisted/lmstudio_v0.json")),
  "/acme/v1/models": JSON.parse(await fixture("providers/unlisted/gateway.json")),
};

/** What each entry publishes as its limits, read straight from the payload. */
function published(entry: Record<string, unknown>) {
  const n = (k: string) => (typeof entry[k] === "number" ? entry[k] as number : undefined);
  return {
    context: n("max_model_len") ?? n("context_window") ?? n("context_length") ?? n("max_context_length"),
    input: n("max_input_tokens"),
    output: n("max_completion_tokens") ?? n("max_output_tokens"),
  };
}

function checkEveryModel(path: string, listed: Listed[]) {
  const entries = payloads[path]!.data as Record<string, unknown>[];
  assert.deepEqual(
    listed.map((m) => m.id).sort(),
    entries.map((e) => e.id as string).sort(),
    `${path}: every model`,
  );
  for (const entry of entries) {
    const m = listed.find((l) => l.id === entry.id)!;
    const want = Object.fromEntries(Object.entries(published(entry)).filter(([, v]) => v !== undefined));
    assert.deepEqual(m.limits ?? {}, want, `${path} ${m.id}: limits as published`);
    assert.equal(m.releaseDate, undefined, `${path} ${m.id}: created is not a release date`);
  }
}

Deno.test("an unknown provider from STARMAP_<ID>_BASE_URL and STARMAP_<ID>_API_KEY alone: every model, limits as published", async () => {
  const up = serve((req) => {
    const body = payloads[new URL(req.url).pathname];
    return body ? json(body) : json({ error: "not found" }, { status: 404 });
  });
  try {
    const fetched: Record<string, Listed[]> = {};
    for (
      const [id, base, path] of [
        ["vllm-lab", "/vllm/v1", "/vllm/v1/models"],
        ["desk-lms", "/lmstudio/api/v0", "/lmstudio/api/v0/models"],
        ["acme", "/acme/v1", "/acme/v1/models"],
      ] as const
    ) {
      const env = {
        [`STARMAP_${id.toUpperCase().replace(/-/g, "_")}_BASE_URL`]: `${up.url}${base}`,
        [`STARMAP_${id.toUpperCase().replace(/-/g, "_")}_API_KEY`]: `key-of-${id}`,
      };
      const out = await runCli(["providers", "fetch", id, "-o", "json"], { env });
      assert.equal(out.code, 0, out.stderr);
      const request = up.requests.at(-1)!;
      assert.equal(new URL(request.url).pathname, path);
      assert.equal(request.headers.get("authorization"), `Bearer key-of-${id}`);
      fetched[id] = JSON.parse(out.stdout);
      checkEveryModel(path, fetched[id]!);
    }
    const lms = fetched["desk-lms"]!;
    // A server of your own on this machine often has no key: the base URL alone is enough, and none is sent.
    const keyless = await runCli(["providers", "fetch", "desk-lms", "-o", "json"], {
      env: { STARMAP_DESK_LMS_BASE_URL: `${up.url}/lmstudio/api/v0` },
    });
    assert.equal(keyless.code, 0, keyless.stderr);
    assert.equal(up.requests.at(-1)!.headers.get("authorization"), null);
    assert.deepEqual(JSON.parse(keyless.stdout), lms);
    const qwen = lms.find((m) => m.id === "qwen2.5-7b-instruct")!;
    assert.deepEqual(qwen.weights, { quantization: "Q4_K_M", format: "gguf" });
    assert.deepEqual(lms.find((m) => m.id.startsWith("text-embedding"))!.operations, ["embeddings"]);
  } finally {
    await up.close();
  }
});

Deno.test("an unknown provider in the config file (baseUrl and apiKeyEnv) joins an update: lifecycle, no release dates", async () => {
  const up = serve((req) => json(payloads[new URL(req.url).pathname] ?? {}));
  const dir = await Deno.makeTempDir({ prefix: "starmap-unlisted-" });
  try {
    const config = `${dir}/config.yaml`;
    await Deno.writeTextFile(
      config,
      `providers:\n  acme:\n    baseUrl: ${up.url}/acme/v1\n    apiKeyEnv: ACME_KEY\n`,
    );
    const out = await runCli(
      [
        "update",
        "--source",
        "acme",
        "--dry",
        "-o",
        "json",
        "--config",
        config,
        "--catalog-dir",
        `${dir}/catalog`,
      ],
      { env: { ACME_KEY: "acme-key" } },
    );
    assert.equal(out.code, 0, out.stderr);
    assert.equal(up.requests.at(-1)!.headers.get("authorization"), "Bearer acme-key");
    const report = JSON.parse(out.stdout);
    assert.deepEqual(report.changeset.providers.added, [
      { id: "acme", name: "acme", env: ["ACME_KEY"], api: `${up.url}/acme/v1` },
    ]);
    const added: Listed[] = report.changeset.offerings.added;
    checkEveryModel("/acme/v1/models", added);
    const retired = added.find((m) => m.id === "acme-large-1")!;
    assert.deepEqual(retired.lifecycle, { status: "deprecated", retirementDate: "2026-09-30" });
    assert.equal(added.find((m) => m.id === "acme-vision-1")!.lifecycle?.retirementDate, "2026-12-31");
  } finally {
    await up.close();
    await Deno.remove(dir, { recursive: true });
  }
});
