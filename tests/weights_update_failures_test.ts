/**
 * `weights update --apply` over several installed models goes on past a failure: each model's outcome is
 * reported (text and `--json`) and the command exits with the first failure's code.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, runCli } from "./helpers/weights_cli.ts";
import { randomBytes } from "./helpers/weights_server.ts";

/** Packs `acme/<name> 1` with one file of seeded random bytes (replacing what was published). */
async function publish(root: string, reg: string, name: string, seed: number): Promise<Uint8Array> {
  const src = join(root, `src-${name}-${seed}`);
  await mkdir(src, { recursive: true });
  const bytes = randomBytes(50_000, seed);
  await writeFile(join(src, "w.bin"), bytes);
  const env = cliEnv(join(root, "unused"), "http://127.0.0.1:9/");
  const r = await runCli(["weights", "pack", src, `acme/${name}`, "1", "--out", reg, "-f"], env);
  assert.equal(r.code, 0, r.stderr);
  return bytes;
}

Deno.test("update --apply updates every model it can, reports the one that failed, and exits with its code", async () => {
  const root = await mkdtemp(join(tmpdir(), "starmap-update-failures-"));
  try {
    const reg = join(root, "reg");
    for (const [i, name] of ["a", "b", "c"].entries()) await publish(root, reg, name, i + 1);
    const env = cliEnv(join(root, "models"), reg);
    for (const name of ["a", "b", "c"]) {
      const r = await runCli(["weights", "pull", `acme/${name}`, "1", "-q"], env);
      assert.equal(r.code, 0, r.stderr);
    }
    const fresh = { a: await publish(root, reg, "a", 11), c: await publish(root, reg, "c", 13) };
    await publish(root, reg, "b", 12);
    // Damage the new content of acme/b: its one chunk no longer matches its hash.
    const index = JSON.parse(await readFile(join(reg, "models.json"), "utf8"));
    const manifest = JSON.parse(await readFile(join(reg, "data", index.acme.b["1"].hash), "utf8"));
    const chunk = join(reg, "data", manifest.chunks[0]);
    const damaged = await readFile(chunk);
    damaged[100]! ^= 0xff;
    await writeFile(chunk, damaged);

    const text = await runCli(["weights", "update", "--apply"], env);
    assert.equal(text.code, 6, text.stderr);
    assert.match(text.stdout, /acme\/a\s+1\s+updated/);
    assert.match(text.stdout, /acme\/b\s+1\s+failed/);
    assert.match(text.stdout, /acme\/c\s+1\s+updated/);
    assert.match(text.stderr, /cannot update acme\/b 1: .*/);
    assert.match(text.stderr, /1 of 3 updates failed: acme\/b 1/);
    assert.match(
      text.stderr,
      /updated acme\/a 1 to manifest [0-9a-f]{12}: 1 chunk fetched, 0 reused, 0 files shared/,
    );
    for (const name of ["a", "c"] as const) {
      const path = (await runCli(["weights", "path", `acme/${name}`, "1"], env)).stdout.trim();
      assert.deepEqual(new Uint8Array(await readFile(join(path, "w.bin"))), fresh[name], name);
    }

    const json = await runCli(["weights", "update", "--apply", "--json"], env);
    assert.equal(json.code, 6, json.stderr);
    const report = JSON.parse(json.stdout);
    const byRef = Object.fromEntries(report.status.map((s: { ref: string }) => [s.ref, s]));
    assert.equal(byRef["acme/a"].updated, false, "already updated by the first run");
    assert.equal(byRef["acme/b"].updated, false);
    assert.equal(byRef["acme/b"].error.code, "verification");
    assert.equal(byRef["acme/b"].error.exitCode, 6);
    assert.match(byRef["acme/b"].error.message, /.+/);
    assert.equal(byRef["acme/c"].error, undefined);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
