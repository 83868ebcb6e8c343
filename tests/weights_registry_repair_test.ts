/**
 * A damaged `registry.json` (truncated, not JSON, wrong shape) is rebuilt from the installed version directories,
 * whose manifests and files are verified first: installed models stay installed, and a version whose files no
 * longer match is left out, so its next pull fetches only what is missing or wrong (never the whole model).
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, open, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, runCli } from "./helpers/weights_cli.ts";
import { randomBytes } from "./helpers/weights_server.ts";

Deno.test("a damaged registry.json is rebuilt from the verified version directories", async () => {
  const root = await mkdtemp(join(tmpdir(), "starmap-registry-repair-"));
  try {
    const reg = join(root, "reg");
    const models = join(root, "models");
    const env = cliEnv(models, reg);
    const weights: Record<string, Uint8Array> = {};
    for (const [i, name] of ["a", "b"].entries()) {
      const src = join(root, `src-${name}`);
      await mkdir(src);
      weights[name] = randomBytes(300_000, i + 1);
      await writeFile(join(src, "config.json"), `{"name":"${name}"}`);
      await writeFile(join(src, "w.bin"), weights[name]!);
      const packed = await runCli(
        ["weights", "pack", src, `acme/${name}`, "1", "--out", reg, "--chunk-size", "64K"],
        env,
      );
      assert.equal(packed.code, 0, packed.stderr);
      const pulled = await runCli(["weights", "pull", `acme/${name}`, "1", "-q"], env);
      assert.equal(pulled.code, 0, pulled.stderr);
    }
    const file = join(models, "registry.json");
    const good = JSON.parse(await readFile(file, "utf8"));
    const versions = async () =>
      JSON.parse((await runCli(["weights", "list", "--json"], env)).stdout).map((v: { ref: string }) =>
        v.ref
      );

    await writeFile(file, (await readFile(file, "utf8")).slice(0, 40));
    const listed = await runCli(["weights", "list", "--json"], env);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(
      listed.stderr,
      /registry\.json was damaged: rebuilt it from the verified files of 2 installed versions/,
    );
    assert.deepEqual(JSON.parse(listed.stdout).map((v: { ref: string }) => v.ref), ["acme/a", "acme/b"]);
    const rebuilt = JSON.parse(await readFile(file, "utf8"));
    for (const name of ["a", "b"]) {
      assert.equal(rebuilt.acme[name]["1"].manifest_hash, good.acme[name]["1"].manifest_hash, name);
      assert.equal(rebuilt.acme[name]["1"].total_size, good.acme[name]["1"].total_size, name);
    }
    const again = await runCli(["weights", "pull", "acme/a", "1", "--json"], env);
    assert.equal(JSON.parse(again.stdout).status, "already_installed");

    // Wrong shape, and one file of acme/b replaced by other bytes (as an editor saving it would).
    await writeFile(file, '{"acme": 5}');
    const w = join(models, "acme", "b", "1", "w.bin");
    const damaged = weights.b!.slice();
    damaged[200_000]! ^= 0xff;
    await writeFile(`${w}.new`, damaged);
    await rename(`${w}.new`, w);
    const pull = await runCli(["weights", "pull", "acme/b", "1", "--json"], env);
    assert.equal(pull.code, 0, pull.stderr);
    assert.match(
      pull.stderr,
      /rebuilt it from the verified files of 1 installed version; left out, .*: acme\/b 1/,
    );
    const result = JSON.parse(pull.stdout);
    assert.equal(result.status, "installed");
    assert.equal(result.fetchedChunks, 0, "nothing is fetched: the stored files are still good");
    assert.deepEqual(new Uint8Array(await readFile(w)), weights.b);
    assert.deepEqual(await versions(), ["acme/a", "acme/b"]);

    // The same file damaged in place: its stored copy (a hard link) is damaged too, so the chunk is fetched.
    await writeFile(file, "not json");
    const inPlace = await open(w, "r+");
    await inPlace.write(new Uint8Array([damaged[200_000]!]), 0, 1, 200_000);
    await inPlace.close();
    const repaired = await runCli(["weights", "pull", "acme/b", "1", "--json"], env);
    assert.equal(repaired.code, 0, repaired.stderr);
    assert.match(repaired.stderr, /left out, .*: acme\/b 1/);
    assert.equal(JSON.parse(repaired.stdout).fetchedChunks, 1, "only the damaged chunk is fetched");
    assert.deepEqual(new Uint8Array(await readFile(w)), weights.b);

    // Where registry.json cannot be rewritten (read-only; here no lock can be taken), installed models are still
    // served, from an index built for the run.
    await writeFile(file, "[");
    await rm(join(models, ".locks"), { recursive: true, force: true });
    await writeFile(join(models, ".locks"), "not a directory");
    const unwritable = await runCli(["weights", "list", "--json"], env);
    assert.equal(unwritable.code, 0, unwritable.stderr);
    assert.match(
      unwritable.stderr,
      /it cannot be rewritten here, so this run uses an index built from .* 2 installed/,
    );
    assert.deepEqual(JSON.parse(unwritable.stdout).map((v: { ref: string }) => v.ref), ["acme/a", "acme/b"]);
    assert.equal(await readFile(file, "utf8"), "[");
    const path = await runCli(["weights", "path", "acme/a", "1"], env);
    assert.equal(path.code, 0, path.stderr);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
