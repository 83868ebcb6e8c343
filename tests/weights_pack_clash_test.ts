/**
 * `pack` refuses a directory whose file names differ only in letter case or Unicode form (`Readme.md` and
 * `README.md`, or a file `Data` beside a directory `data/`): every pull would refuse the version (one name on
 * Windows and macOS), so it is never published.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, runCli } from "./helpers/weights_cli.ts";

Deno.test("pack refuses names equal but for letter case or Unicode form", async () => {
  const root = await mkdtemp(join(tmpdir(), "starmap-pack-clash-"));
  try {
    const out = join(root, "registry");
    const env = cliEnv(join(root, "models"), out);
    const cases: [string, string[]][] = [
      ["case", ["Readme.md", "README.md"]],
      ["form", ["caf\u00e9", "cafe\u0301"]],
      ["dir", ["Data", "data/x.bin"]],
    ];
    for (const [name, pair] of cases) {
      const src = join(root, name);
      await mkdir(join(src, "sub"), { recursive: true });
      await mkdir(join(src, "sub", "data"), { recursive: true });
      for (const file of pair) await writeFile(join(src, "sub", file), file);
      const r = await runCli(["weights", "pack", src, `acme/${name}`, "1", "--out", out], env);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /differ only in letter case or Unicode form/);
    }
    assert.deepEqual(await readdir(out).catch(() => []), [], "nothing was written");
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
