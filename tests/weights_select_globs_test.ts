/**
 * `--include`/`--exclude` take globs as the user wrote them: a brace alternative (`{a,b}`) is one glob, though
 * the flags also accept comma-separated globs.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, runCli } from "./helpers/weights_cli.ts";

Deno.test("a brace glob's commas do not split it; a comma list of globs still works", async () => {
  const root = await mkdtemp(join(tmpdir(), "starmap-globs-"));
  try {
    const src = join(root, "src");
    await mkdir(src);
    for (const name of ["config.json", "tokenizer.json", "w.bin"]) await writeFile(join(src, name), name);
    const reg = join(root, "reg");
    const packed = await runCli(
      ["weights", "pack", src, "acme/globs", "1", "--out", reg],
      cliEnv(join(root, "x"), reg),
    );
    assert.equal(packed.code, 0, packed.stderr);
    const cases: [string[], string[]][] = [
      [["--include", "{config,missing}.json"], ["config.json"]],
      [["--include", "config.json,w.bin"], ["config.json", "w.bin"]],
      [["--exclude", "{w,x}.bin,tokenizer.*"], ["config.json"]],
    ];
    for (const [i, [flags, files]] of cases.entries()) {
      const models = join(root, `m${i}`);
      const r = await runCli(["weights", "pull", "acme/globs", "1", "--json", ...flags], cliEnv(models, reg));
      assert.equal(r.code, 0, `${flags.join(" ")}: ${r.stderr}`);
      const path = JSON.parse(r.stdout).path;
      assert.deepEqual((await readdir(path)).filter((n) => n !== ".starmap").sort(), files, flags.join(" "));
    }
    // An empty glob (an unset shell variable) selects nothing, not every file.
    for (const flag of ["--include", "--exclude"]) {
      const models = join(root, `empty${flag}`);
      const r = await runCli(["weights", "pull", "acme/globs", "1", "--json", flag, ""], cliEnv(models, reg));
      assert.equal(r.code, 2, r.stderr);
      assert.match(JSON.parse(r.stdout).error.message, /argument '' is invalid\. expected a glob/);
      assert.deepEqual(await readdir(models).catch(() => []), [], "nothing was pulled");
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
