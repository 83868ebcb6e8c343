/**
 * A version entry of `models.json` whose hash is not a SHA-256 is malformed like any other: skipped with a note
 * when the index is read, never listed as a version nor offered as one.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, runCli } from "./helpers/weights_cli.ts";
import { randomBytes } from "./helpers/weights_server.ts";

Deno.test("a version whose hash is not a SHA-256 is skipped with a note", async () => {
  const root = await mkdtemp(join(tmpdir(), "starmap-index-"));
  try {
    const src = join(root, "src");
    await mkdir(src);
    await writeFile(join(src, "w.bin"), randomBytes(10_000, 9));
    const reg = join(root, "reg");
    const env = cliEnv(join(root, "models"), reg);
    const packed = await runCli(["weights", "pack", src, "acme/idx", "1", "--out", reg], env);
    assert.equal(packed.code, 0, packed.stderr);
    const index = JSON.parse(await readFile(join(reg, "models.json"), "utf8"));
    index.acme.idx["2"] = { hash: "not-a-hash" };
    index.acme.idx["3"] = { hash: "A".repeat(64) };
    await writeFile(join(reg, "models.json"), JSON.stringify(index));

    const listed = await runCli(["weights", "list", "--remote", "--json"], env);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(JSON.parse(listed.stdout).map((v: { version: string }) => v.version), ["1"]);
    assert.match(listed.stderr, /acme\/idx 2 is malformed/);
    assert.match(listed.stderr, /acme\/idx 3 is malformed/);
    const pulled = await runCli(["weights", "pull", "acme/idx:2"], env);
    assert.equal(pulled.code, 3, pulled.stderr);
    assert.match(pulled.stderr, /versions: 1\b/);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
