/**
 * `weights update --apply` pulls as `pull` does, so it shows progress as `pull` does: without a terminal, plain
 * lines on stderr that CI logs keep, one summing up each pulled model.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, runCli } from "./helpers/weights_cli.ts";
import { randomBytes } from "./helpers/weights_server.ts";

Deno.test("update --apply prints a progress line for each model it pulls", async () => {
  const root = await mkdtemp(join(tmpdir(), "starmap-update-progress-"));
  try {
    const reg = join(root, "reg");
    const env = { ...cliEnv(join(root, "models"), reg), STARMAP_PROGRESS_INTERVAL: "100" };
    const publish = async (name: string, seed: number) => {
      const src = join(root, `src-${name}-${seed}`);
      await mkdir(src);
      await writeFile(join(src, "w.bin"), randomBytes(200_000, seed));
      const r = await runCli(["weights", "pack", src, `acme/${name}`, "1", "--out", reg, "-f"], env);
      assert.equal(r.code, 0, r.stderr);
    };
    for (const [i, name] of ["a", "b"].entries()) {
      await publish(name, i + 1);
      assert.equal((await runCli(["weights", "pull", `acme/${name}`, "1", "-q"], env)).code, 0);
    }
    for (const [i, name] of ["a", "b"].entries()) await publish(name, i + 10);
    const r = await runCli(["weights", "update", "--apply"], env);
    assert.equal(r.code, 0, r.stderr);
    for (const name of ["a", "b"]) {
      assert.match(
        r.stderr,
        new RegExp(`pull acme/${name} 1: done 100% 195\\.3 KiB of 195\\.3 KiB in \\d\\d:\\d\\d`),
      );
    }
    const quiet = await runCli(["weights", "update", "--apply", "-q"], env);
    assert.doesNotMatch(quiet.stderr, /pull acme/);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
