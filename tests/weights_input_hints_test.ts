/**
 * Mistakes in what the user typed get advice about what they typed: never a hint about a hostile registry or
 * the models directory.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, runCli } from "./helpers/weights_cli.ts";

Deno.test("an unsafe name typed by the user, and a pack of a missing directory, get true hints", async () => {
  const root = await mkdtemp(join(tmpdir(), "starmap-input-"));
  try {
    const src = join(root, "model");
    await mkdir(src);
    await writeFile(join(src, "w.bin"), new Uint8Array(100));
    const out = join(root, "registry");
    // A registry nobody listens on: these commands must fail before any request.
    const env = cliEnv(join(root, "models"), "http://127.0.0.1:9/");
    // A mistake in what the user typed is invalid input (exit 2) naming the bad part, never a verification error.
    const typed: [string[], RegExp][] = [
      [["pull", "acme/tiny", "../x"], /unsafe version name "\.\.\/x": slash/],
      [["pull", "acme/..", "1"], /unsafe model name "\.\.": "\.\." segment/],
      [["pull", "../etc", "1"], /unsafe group name "\.\."/],
      [["pull", "acme/tiny:a/b"], /unsafe version name "a\/b": slash/],
      [["path", "acme/tiny", ".."], /unsafe version name "\.\."/],
      [["info", "acme/tiny", "a/b", "--remote"], /unsafe version name "a\/b"/],
      [["update", ".hidden/tiny"], /unsafe group name "\.hidden": leading dot/],
      [["update", "acme/tiny", "a/b"], /unsafe version name "a\/b"/],
      [["remove", "acme/tiny", "..", "-y"], /unsafe version name "\.\."/],
      [["pack", src, "--out", out, "--ref", "acme/tiny", "--version", "../x"], /unsafe version name/],
      [
        ["pack", src, "--out", out, "--ref", "acme/tiny", "--version", "1", "--alias", "a/b"],
        /unsafe alias name/,
      ],
    ];
    for (const [args, message] of typed) {
      const r = await runCli(["weights", ...args], env);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(" "));
      assert.match(r.stderr, /hint: names must be single path segments; nothing was written/, args.join(" "));
      assert.doesNotMatch(r.stderr, /registry is corrupt or hostile/, args.join(" "));
    }
    const missing = await runCli(
      ["weights", "pack", join(root, "nope"), "--out", out, "--ref", "acme/tiny", "--version", "1"],
      env,
    );
    assert.equal(missing.code, 2, missing.stderr);
    assert.match(missing.stderr, /cannot pack .*nope: no such directory/);
    assert.doesNotMatch(missing.stderr, /models directory/);
    assert.deepEqual(await readdir(out).catch(() => []), [], "nothing was written");
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
