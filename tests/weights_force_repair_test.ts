/**
 * `pull --force` installs verified bytes again even when an installed file was changed in place: the stored copy
 * behind its hard link is checked before it is shared, and a damaged one is fetched again (only its bad chunk).
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, open, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, runCli } from "./helpers/weights_cli.ts";
import { randomBytes } from "./helpers/weights_server.ts";

Deno.test("pull --force repairs a file damaged in place, fetching only its damaged chunk", async () => {
  const root = await mkdtemp(join(tmpdir(), "starmap-force-repair-"));
  try {
    const src = join(root, "src");
    await mkdir(src);
    const bytes = randomBytes(300_000, 4);
    await writeFile(join(src, "config.json"), "{}");
    await writeFile(join(src, "w.bin"), bytes);
    const reg = join(root, "reg");
    const env = cliEnv(join(root, "models"), reg);
    const packed = await runCli([
      "weights",
      "pack",
      src,
      "acme/tiny",
      "1",
      "--out",
      reg,
      "--chunk-size",
      "64K",
    ], env);
    assert.equal(packed.code, 0, packed.stderr);
    const path = (await runCli(["weights", "pull", "acme/tiny", "1", "-q"], env)).stdout.trim();
    const file = await open(join(path, "w.bin"), "r+");
    await file.write(new Uint8Array([bytes[200_000]! ^ 0xff]), 0, 1, 200_000);
    await file.close();
    const forced = await runCli(["weights", "pull", "acme/tiny", "1", "--force", "--json"], env);
    assert.equal(forced.code, 0, forced.stderr);
    const result = JSON.parse(forced.stdout);
    assert.equal(result.fetchedChunks, 1, "only the damaged chunk is fetched");
    assert.equal(result.sharedFiles, 1, "config.json, intact, is shared");
    assert.deepEqual(new Uint8Array(await readFile(join(result.path, "w.bin"))), bytes);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
