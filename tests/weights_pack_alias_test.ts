/**
 * `pack --alias` moves an alias; it never replaces a published version by an alias (that version would be gone
 * from the registry) unless `--force`, and an alias never names its own version (a cycle no pull could follow).
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, runCli } from "./helpers/weights_cli.ts";

Deno.test("pack --alias refuses to replace a published version, and an alias of itself", async () => {
  const root = await mkdtemp(join(tmpdir(), "starmap-pack-alias-"));
  try {
    const src = join(root, "model");
    await mkdir(src);
    await writeFile(join(src, "w.bin"), "weights");
    const out = join(root, "registry");
    const env = cliEnv(join(root, "models"), out);
    const pack = (version: string, ...more: string[]) =>
      runCli(["weights", "pack", src, "acme/tiny", version, "--out", out, ...more], env);
    const versions = async () => JSON.parse(await readFile(join(out, "models.json"), "utf8")).acme.tiny;
    assert.equal((await pack("1")).code, 0);
    const before = await versions();

    const over = await pack("2", "--alias", "1");
    assert.equal(over.code, 2, over.stderr);
    assert.match(over.stderr, /acme\/tiny 1 is already published/);
    const self = await pack("3", "--alias", "3");
    assert.equal(self.code, 2, self.stderr);
    assert.match(self.stderr, /alias 3.*its own version/);
    const after = await versions();
    assert.deepEqual(after["1"], before["1"], "version 1 is still published");
    assert.equal(after["3"], undefined, "nothing of the refused pack was published");

    assert.equal((await pack("4", "--alias", "latest")).code, 0);
    assert.equal((await pack("5", "--alias", "latest")).code, 0, "an alias moves freely");
    assert.deepEqual((await versions()).latest, { alias: "5" });
    const forced = await pack("6", "--alias", "1", "--force");
    assert.equal(forced.code, 0, forced.stderr);
    assert.deepEqual((await versions())["1"], { alias: "6" });
    const pulled = await runCli(["weights", "pull", "acme/tiny", "1", "--json"], env);
    assert.equal(pulled.code, 0, pulled.stderr);
    assert.equal(JSON.parse(pulled.stdout).version, "6");
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
