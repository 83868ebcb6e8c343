import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UpdateReport } from "../src/sync/_report.ts";
import { runCli } from "./helpers/cli.ts";
import { fixturePath } from "./helpers/snapshot_source.ts";
import { catalogDirWithOld, currentCatalogText, FEW } from "./helpers/sync_fixtures.ts";

/**
 * A fake upstream on 127.0.0.1: `/api.json` serves the real newer models.dev snapshot (a few providers) after
 * `delayMs`; `/litellm.json` answers 404 (a failed source), and so does everything when `down`.
 */
async function upstream(options: { delayMs?: number; down?: boolean } = {}) {
  const full = JSON.parse(await readFile(fixturePath("api.json"), "utf8"));
  const body = JSON.stringify(Object.fromEntries(FEW.map((p) => [p, full[p]])));
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    if (options.down || new URL(req.url).pathname !== "/api.json") {
      return new Response("gone", { status: 404 });
    }
    await new Promise((r) => setTimeout(r, options.delayMs ?? 0));
    return new Response(body, { headers: { "content-type": "application/json" } });
  });
  const base = `http://127.0.0.1:${server.addr.port}`;
  return { server, dev: `${base}/api.json`, litellm: `${base}/litellm.json` };
}

function cli(args: string[]) {
  return runCli(args, { env: { NO_COLOR: "1" } });
}

Deno.test("when every source fails, update says nothing was updated and exits 5, also quiet and as JSON", async () => {
  const dir = await catalogDirWithOld();
  const up = await upstream({ down: true });
  const args = ["update", "-y", "--source", "models.dev", "--source", "litellm", "--source", "embedded"];
  const flags = ["--models-dev-url", up.dev, "--litellm", up.litellm, "--catalog-dir", dir];
  try {
    const before = await currentCatalogText(dir);
    for (const quiet of [[], ["-q"]]) {
      const r = await cli([...args, ...flags, ...quiet]);
      assert.equal(r.code, 5, r.stderr);
      assert.match(r.stderr, /nothing was updated: 2 of 2 sources failed/);
      assert.match(r.stderr, /models\.dev: .*404/);
      assert.match(r.stderr, /litellm: /);
      assert.doesNotMatch(r.stderr, /up to date/);
    }
    const json = await cli([...args, ...flags, "-o", "json"]);
    assert.equal(json.code, 5);
    const report = UpdateReport.parse(JSON.parse(json.stdout));
    assert.equal(report.status, "failed");
    assert.equal(report.result, "nothing");
    assert.deepEqual(report.failed, ["models.dev", "litellm"]);
    assert.equal(await currentCatalogText(dir), before);
  } finally {
    await up.server.shutdown();
    await rm(dir, { recursive: true });
  }
});

Deno.test("when some sources fail, the summary names them (also quiet) and JSON says partial", async () => {
  const dir = await catalogDirWithOld();
  const up = await upstream({ delayMs: 1200 });
  const flags = ["--models-dev-url", up.dev, "--litellm", up.litellm, "--catalog-dir", dir];
  const sources = ["--source", "models.dev", "--source", "litellm"];
  try {
    const quiet = await cli(["update", "--dry", "-q", ...sources, ...flags]);
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.match(quiet.stderr, /source litellm: FAILED/);
    assert.match(quiet.stderr, /1 of 2 sources failed \(litellm\)/);

    const json = await cli(["update", "--dry", ...sources, ...flags, "-o", "json"]);
    assert.equal(json.code, 0, json.stderr);
    const report = UpdateReport.parse(JSON.parse(json.stdout));
    assert.equal(report.status, "partial");
    assert.equal(report.result, "dry_run");
    assert.deepEqual(report.failed, ["litellm"]);
    // Each source's duration is its own: the slow models.dev, the fast failure of litellm.
    const ms = Object.fromEntries(report.sources.map((s) => [s.id, s.ms]));
    assert.ok(ms["models.dev"]! >= 1100, `models.dev took ${ms["models.dev"]} ms`);
    assert.ok(ms["litellm"]! < ms["models.dev"]! - 500, `litellm took ${ms["litellm"]} ms`);

    const ok = await cli(["update", "--dry", "--source", "models.dev", ...flags, "-o", "json"]);
    assert.equal(UpdateReport.parse(JSON.parse(ok.stdout)).status, "ok");
    // Without a terminal, one plain line per source, no status line redrawn.
    const plain = await cli(["update", "--dry", "--source", "models.dev", ...flags]);
    assert.match(plain.stderr, /^source models\.dev: \d+ models \(\d+\.\d s\)$/m);
    assert.doesNotMatch(plain.stderr, /\r|fetching/);
  } finally {
    await up.server.shutdown();
    await rm(dir, { recursive: true });
  }
});

Deno.test("when every source skipped itself (no key), update says nothing was updated and exits 2", async () => {
  const dir = await catalogDirWithOld();
  try {
    const r = await cli(["update", "-y", "-q", "--source", "openai", "--catalog-dir", dir]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /nothing was updated: every source skipped itself/);
    assert.match(r.stderr, /openai: skipped, no API key \(set OPENAI_API_KEY\)/);
    assert.doesNotMatch(r.stderr, /up to date/);
  } finally {
    await rm(dir, { recursive: true });
  }
});

Deno.test("update --help shows the default timeout", async () => {
  const r = await cli(["update", "--help"]);
  assert.equal(r.code, 0);
  assert.match(r.stdout.replace(/\s+/g, " "), /--timeout <duration> per-source timeout .*default 60s/);
});

Deno.test("a bad override file is exit 2 naming file and field, alone or beside other sources", async () => {
  const dir = await catalogDirWithOld();
  const overrides = await mkdtemp(join(tmpdir(), "starmap-overrides-"));
  const up = await upstream();
  try {
    await writeFile(
      join(overrides, "overrides.yaml"),
      "models:\n  - id: claude-opus-4-1\n    provider: anthropic\n    pricing:\n      input: cheap\n",
    );
    const common = ["update", "--dry", "--overrides-dir", overrides, "--catalog-dir", dir];
    const alone = await cli([...common, "--source", "local"]);
    const beside = await cli([
      ...common,
      "--source",
      "local",
      "--source",
      "models.dev",
      "--models-dev-url",
      up.dev,
    ]);
    for (const r of [alone, beside]) {
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /overrides\.yaml: models\[0\]\.pricing\.input: .*number/);
    }
  } finally {
    await up.server.shutdown();
    await rm(dir, { recursive: true });
    await rm(overrides, { recursive: true });
  }
});
