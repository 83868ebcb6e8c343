/**
 * `group/model:` with nothing after the colon (a script's `acme/tiny:$VERSION` with the variable unset) names no
 * version: refused as Docker refuses `ubuntu:`, never read as `latest` nor, for `remove`, as every version.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, runCli } from "./helpers/weights_cli.ts";

Deno.test("an empty version after the colon is refused by every command", async () => {
  const root = await mkdtemp(join(tmpdir(), "starmap-empty-tag-"));
  try {
    const src = join(root, "model");
    await mkdir(src);
    await writeFile(join(src, "w.bin"), "weights");
    const reg = join(root, "registry");
    const models = join(root, "models");
    const env = cliEnv(models, reg);
    for (const version of ["1", "2"]) {
      const packed = await runCli(["weights", "pack", src, "acme/tiny", version, "--out", reg], env);
      assert.equal(packed.code, 0, packed.stderr);
      assert.equal((await runCli(["weights", "pull", `acme/tiny:${version}`], env)).code, 0);
    }
    for (const command of ["pull", "info", "path", "update", "remove"]) {
      const r = await runCli(
        ["weights", command, "acme/tiny:", "-y"].slice(0, command === "remove" ? 4 : 3),
        env,
      );
      assert.equal(r.code, 2, `${command}: ${r.stderr}`);
      assert.match(r.stderr, /acme\/tiny: names no version/, command);
    }
    assert.deepEqual((await readdir(join(models, "acme", "tiny"))).sort(), ["1", "2"], "nothing was removed");
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
