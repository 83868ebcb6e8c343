import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCatalog } from "../src/catalog/store.ts";
import { reconcile } from "../src/reconcile/merge.ts";
import { serializeProvenance } from "../src/reconcile/provenance_file.ts";
import { loadProvenance, saveCatalog, serializeCatalog } from "../src/sync/store.ts";
import { validatePath } from "../src/sync/validate_files.ts";
import { runCli } from "./helpers/cli.ts";
import { newResult, oldReconciled } from "./helpers/sync_fixtures.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Two catalog + provenance pairs of different sizes: the older snapshot, then the newer one over it. */
function pairs() {
  const old = oldReconciled();
  const next = reconcile({
    baseline: old.data,
    provenance: old.provenance,
    results: [{
      source: { id: "models.dev", kind: "models_dev" },
      result: newResult(),
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
    assert.match(problems[0]!.message, /interrupted.*discarded.*full `starmap update -y`/);

    const up = await runCli(
      ["update", "-y", "-q", "--source", "embedded", "--catalog-dir", dir, "--force"],
      { env: { HOME: home, NO_COLOR: "1" } },
    );
    assert.equal(up.code, 0, up.stderr);
    assert.match(up.stderr, /warning: provenance\.json .* not of the same update as catalog\.json/);
    assert.match(up.stderr, /discarded/);
    const left = await tree(dir);
    assert.ok(!left.includes("catalog.json") && !left.includes("provenance.json"), left.join("\n"));
    assert.ok(!left.some((p) => p.endsWith(".tmp")), left.join("\n"));
    const valid = await runCli(["validate", dir], { env: { HOME: home } });
    assert.equal(valid.code, 0, valid.stderr);
    const current = (await readFile(join(dir, "current"), "utf8")).trim();
    assert.ok(left.includes(`generations/${current}/provenance.json`));
  } finally {
    await rm(home, { recursive: true });
  }
});
