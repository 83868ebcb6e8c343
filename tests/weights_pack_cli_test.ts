/**
 * `weights pack` reads as `pull` does: the model and version as arguments (the flags still work), chunk sizes
 * with binary suffixes, and mistakes named with exit 2 before anything is written.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, runCli } from "./helpers/weights_cli.ts";

Deno.test("pack takes the model and version as arguments, and a chunk size like 64K", async () => {
  const root = await mkdtemp(join(tmpdir(), "starmap-pack-cli-"));
  try {
    const src = join(root, "model");
    await mkdir(src);
    await writeFile(join(src, "w.bin"), new Uint8Array(200_000));
    const out = join(root, "registry");
    const env = cliEnv(join(root, "models"), "http://127.0.0.1:9/");
    const packed = await runCli(
      ["weights", "pack", src, "acme/tiny", "1", "--out", out, "--chunk-size", "64K", "--json"],
      env,
    );
    assert.equal(packed.code, 0, packed.stderr);
    const result = JSON.parse(packed.stdout);
    assert.equal(result.chunkCount, 4, "200000 bytes in 65536-byte chunks");
    const index = JSON.parse(await readFile(join(out, "models.json"), "utf8"));
    assert.ok(index.acme.tiny["1"].hash);
    const flags = await runCli(
      ["weights", "pack", src, "--ref", "acme/tiny", "--version", "2", "--out", out, "--chunk-size", "1MiB"],
      env,
    );
    assert.equal(flags.code, 0, flags.stderr);
    assert.match(flags.stdout, /packed acme\/tiny 2: 1 file, 200000 bytes, 1 chunk /);

    const mistakes: [string[], RegExp][] = [
      [["weights", "pack", src, "--out", out], /pack needs the model \(group\/model\)/],
      [["weights", "pack", src, "acme/tiny", "--out", out], /pack needs the version/],
      [
        ["weights", "pack", src, "acme/tiny", "3", "--ref", "acme/other", "--out", out],
        /acme\/tiny.*--ref acme\/other/,
      ],
      [["weights", "pack", src, "acme/tiny", "3", "--out", out, "--chunk-size", "16Q"], /--chunk-size.*16Q/],
      [["weights", "pack", src, "acme/tiny", "3", "--out", out, "--chunk-size", "0"], /--chunk-size/],
    ];
    for (const [args, message] of mistakes) {
      const r = await runCli(args, env);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(" "));
    }
    const versions = Object.keys(JSON.parse(await readFile(join(out, "models.json"), "utf8")).acme.tiny);
    assert.deepEqual(versions.sort(), ["1", "2"], "no mistake published anything");
    assert.ok((await readdir(join(out, "data"))).length > 0);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
