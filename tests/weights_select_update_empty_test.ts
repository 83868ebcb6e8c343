/**
 * `update --apply` of a partial install takes the same selection of the new content; when the new content has no
 * file the selection matches, the update is refused like a pull whose selection matches nothing, and the
 * installed version stays as it was (never an installed version of no files).
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, runCli } from "./helpers/weights_cli.ts";

Deno.test("update --apply refuses a new version the partial install's selection matches nothing of", async () => {
  const root = await mkdtemp(join(tmpdir(), "starmap-selupd-"));
  try {
    const reg = join(root, "reg");
    const env = cliEnv(join(root, "models"), reg);
    for (
      const [version, files] of [["1", { "a.json": "a", "b.bin": "b" }], ["2", { "c.bin": "c" }]] as const
    ) {
      const dir = join(root, `v${version}`);
      await mkdir(dir);
      for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
      if (version === "2") {
        const pulled = await runCli(["weights", "pull", "acme/sel", "--include", "*.json"], env);
        assert.equal(pulled.code, 0, pulled.stderr);
      }
      const r = await runCli(
        ["weights", "pack", dir, "acme/sel", version, "--out", reg, "--alias", "latest"],
        env,
      );
      assert.equal(r.code, 0, r.stderr);
    }
    const update = await runCli(["weights", "update", "acme/sel", "latest", "--apply", "--json"], env);
    assert.equal(update.code, 2, update.stdout + update.stderr);
    // The update's report names the failed version's error (each version's outcome is in `status`).
    const failed = JSON.parse(update.stdout).status[0];
    assert.equal(failed.error.code, "invalid");
    assert.match(failed.error.message, /\*\.json.*matches no file of acme\/sel 2/);
    const registry = JSON.parse(await readFile(join(root, "models", "registry.json"), "utf8"));
    assert.deepEqual(Object.keys(registry.acme.sel), ["1"]);
    const list = await runCli(["weights", "list", "--json"], env);
    assert.deepEqual(JSON.parse(list.stdout).map((v: { version: string }) => v.version), ["1"]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
