import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCatalog } from "../src/catalog/_store.ts";
import { reconcile } from "../src/reconcile/_reconcile.ts";
import { serializeProvenance } from "../src/reconcile/_provenance_file.ts";
import { loadProvenance, saveCatalog, serializeCatalog } from "../src/sync/_store.ts";
import { validatePath } from "../src/sync/_validate_files.ts";
import { runCli } from "./helpers/cli.ts";
import { newResult, oldReconciled } from "./helpers/sync_fixtures.ts";
import { fixturePath } from "./helpers/snapshot_source.ts";
import { UpdateReport } from "../src/sync/_report.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Two catalog + provenance pairs of every provider: the older snapshot, then the newer one over it. */
function pairs() {
  const old = oldReconciled([]);
  const next = reconcile({
    baseline: old.data,
    provenance: old.provenance,
    results: [{
      source: { id: "models.dev", kind: "models_dev" },
      result: newResult([]),
      at: "2026-07-01T00:00:00Z",
    }],
    now: "2026-07-01T00:00:00.000Z",
  });
  return [old, next].map(({ data, provenance }) => ({ data, provenance }));
}

/** Every file and directory under `dir`, relative. */
async function tree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

/** Asserts the directory's current catalog and provenance are of one update and validate. */
async function assertWhole(dir: string, sizes: readonly number[]): Promise<void> {
  const loaded = await loadCatalog({ dir });
  if (loaded.origin === "embedded") return; // killed before the first save completed
  assert.ok(loaded.generation, "a saved catalog belongs to a generation");
  assert.ok(
    sizes.includes(loaded.catalog.models.length),
    `a whole catalog, got ${loaded.catalog.models.length}`,
  );
  const provenance = await loadProvenance(dir, [], loaded.generation);
  assert.equal(provenance?.updatedAt, loaded.catalog.data.updatedAt, "catalog and provenance of one update");
  const report = await validatePath(dir);
  assert.deepEqual(report.problems, []);
}

Deno.test("a writer killed at random moments always leaves catalog and provenance of one generation", async () => {
  const dir = await mkdtemp(join(tmpdir(), "starmap-gen-"));
  const file = join(await mkdtemp(join(tmpdir(), "starmap-pairs-")), "pairs.json");
  const versions = pairs();
  const sizes = versions.map((v) => v.data.models.length);
  await writeFile(file, JSON.stringify(versions));
  try {
    for (let kill = 0; kill < 12; kill++) {
      const child = new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", join(ROOT, "tests/helpers/save_pairs.ts"), dir, file],
        stdout: "piped",
        stderr: "null",
        cwd: ROOT,
      }).spawn();
      const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
      let seen = "";
      while (!seen.includes("ready\n")) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`child ended early: ${seen}`);
        seen += value;
      }
      // Anywhere in a save: each takes tens of milliseconds (two files of megabytes, flushed).
      await new Promise((r) => setTimeout(r, Math.random() * 400));
      child.kill("SIGKILL");
      await reader.cancel();
      assert.equal((await child.status).signal, "SIGKILL");
      await assertWhole(dir, sizes);
    }
    // The next writer removes what the killed ones left: half-written generations and temporary files.
    await saveCatalog(dir, versions[0]!.data, versions[0]!.provenance);
    const left = await tree(dir);
    assert.deepEqual(left.filter((p) => p.endsWith(".tmp") || p.includes("/.")), [], left.join("\n"));
    const generations = await readdir(join(dir, "generations"));
    assert.ok(generations.length <= 2, `the current generation and at most the one before: ${generations}`);
    await assertWhole(dir, sizes);
  } finally {
    await rm(dir, { recursive: true });
    await rm(file, { force: true });
  }
});

Deno.test("a torn pair of the old layout is reported by validate and repaired by update, which says how", async () => {
  const home = await mkdtemp(join(tmpdir(), "starmap-torn-"));
  const dir = join(home, "catalog");
  const [old, next] = pairs();
  // models.dev as it was before the interrupted update: it no longer lists what that update added.
  const before = await readFile(fixturePath("api-2026-05-25.json"), "utf8");
  const body = before;
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => new Response(body, { headers: { "content-type": "application/json" } }),
  );
  const url = `http://127.0.0.1:${server.addr.port}/api.json`;
  try {
    // What an older starmap left when killed between its two renames: the new catalog beside the old provenance.
    await Deno.mkdir(dir);
    await writeFile(join(dir, "catalog.json"), serializeCatalog(next!.data));
    await writeFile(join(dir, "provenance.json"), serializeProvenance(old!.provenance));
    await writeFile(join(dir, ".catalog.json.0123abcd.tmp"), "{ half a catalog");
    const invalid = await runCli(["validate", dir, "-o", "json"], { env: { HOME: home } });
    assert.equal(invalid.code, 2, invalid.stderr);
    const problems = JSON.parse(invalid.stdout).problems as {
      file: string;
      field: string;
      message: string;
    }[];
    assert.equal(problems.length, 1);
    assert.ok(problems[0]!.file.endsWith("provenance.json"));
    assert.equal(problems[0]!.field, "updatedAt");
    assert.match(problems[0]!.message, /interrupted.*repaired.*full update from every source/);

    const up = await runCli(
      [
        "update",
        "-y",
        "-q",
        "--source",
        "models.dev",
        "--models-dev-url",
        url,
        "--catalog-dir",
        dir,
        "-o",
        "json",
      ],
      { env: { HOME: home, NO_COLOR: "1" } },
    );
    assert.equal(up.code, 0, up.stderr);
    assert.match(up.stderr, /warning: provenance\.json .* not of the same update as catalog\.json/);
    assert.match(up.stderr, /repaired/);
    // What the interrupted update added and models.dev no longer lists goes: it is not kept for good.
    // (Of the providers models.dev still lists: a whole provider goes only by a source complete for it before.)
    const listed = new Set(old!.data.providers.map((p) => p.id));
    const added = next!.data.offerings.filter((m) =>
      listed.has(m.provider) && !old!.data.offerings.some((o) => o.provider === m.provider && o.id === m.id)
    );
    assert.ok(added.length > 50, `the interrupted update added ${added.length} models`);
    const report = UpdateReport.parse(JSON.parse(up.stdout));
    const removed = new Set(report.changeset.offerings.removed.map((m) => `${m.provider}/${m.id}`));
    assert.deepEqual(added.map((m) => `${m.provider}/${m.id}`).filter((k) => !removed.has(k)), []);
    const left = await tree(dir);
    assert.ok(!left.includes("catalog.json") && !left.includes("provenance.json"), left.join("\n"));
    assert.ok(!left.some((p) => p.endsWith(".tmp")), left.join("\n"));
    const valid = await runCli(["validate", dir], { env: { HOME: home } });
    assert.equal(valid.code, 0, valid.stderr);
    const current = (await readFile(join(dir, "current"), "utf8")).trim();
    assert.ok(left.includes(`generations/${current}/provenance.json`));
  } finally {
    await server.shutdown();
    await rm(home, { recursive: true });
  }
});
