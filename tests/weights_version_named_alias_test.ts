/**
 * A version named like an alias (`latest`): an exact version name always wins over an alias of the same name.
 * `pack` does not turn an alias into a version without `--force`; `update` says when the registry's alias became
 * a version and `--apply` installs it in place of the local alias; a version whose registry name became an alias
 * is gone from the registry (never an update available forever).
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, runCli } from "./helpers/weights_cli.ts";
import { randomBytes } from "./helpers/weights_server.ts";

Deno.test("a version named like an alias wins over it in pack, update, info and list", async () => {
  const root = await mkdtemp(join(tmpdir(), "starmap-version-alias-"));
  try {
    const reg = join(root, "reg");
    const env = cliEnv(join(root, "models"), reg);
    const pack = async (seed: number, version: string, ...more: string[]) => {
      const src = join(root, `src${seed}`);
      await mkdir(src, { recursive: true });
      await writeFile(join(src, "w.bin"), randomBytes(2000, seed));
      return await runCli(["weights", "pack", src, "acme/tiny", version, "--out", reg, ...more], env);
    };
    const cli = (...args: string[]) => runCli(["weights", ...args], env);
    assert.equal((await pack(1, "1", "--alias", "latest")).code, 0);
    assert.equal((await cli("pull", "acme/tiny", "-q")).code, 0, "pulls latest, the alias of 1");

    const refused = await pack(2, "latest");
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /acme\/tiny latest is already published as an alias of 1/);
    assert.equal((await pack(2, "latest", "-f")).code, 0);

    const check = await cli("update", "acme/tiny", "latest");
    assert.equal(check.code, 0, check.stderr);
    assert.match(check.stdout, /latest is a version now/);
    assert.match(check.stderr, /latest of acme\/tiny is a version of its own now/);
    const applied = await cli("update", "acme/tiny", "latest", "--apply", "--json");
    assert.equal(applied.code, 0, applied.stderr);
    assert.equal(JSON.parse(applied.stdout).applied[0].version, "latest");
    const aliases = JSON.parse(await readFile(join(root, "models", "aliases.json"), "utf8"));
    assert.equal(aliases["acme/tiny"]?.latest, undefined, "the version replaced the local alias");
    const info = JSON.parse((await cli("info", "acme/tiny", "latest", "--json")).stdout);
    assert.equal(info.version, "latest");
    assert.equal(info.requested, undefined);
    const list = JSON.parse((await cli("list", "--json")).stdout);
    assert.deepEqual(list.map((v: { version: string }) => v.version), ["1", "latest"]);
    const quiet = await cli("update");
    assert.doesNotMatch(quiet.stdout + quiet.stderr, /moved|version now|available/);

    // The registry makes latest an alias again: the installed version named latest is gone from it.
    assert.equal((await pack(3, "2", "--alias", "latest", "-f")).code, 0);
    const gone = JSON.parse((await cli("update", "acme/tiny", "latest", "--json")).stdout).status[0];
    assert.equal(gone.version, "latest");
    assert.equal(gone.remoteHash, null);
    assert.equal(gone.updateAvailable, false);
    const forced = await cli("pull", "acme/tiny", "latest", "--force", "--json");
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(JSON.parse(forced.stdout).version, "2");
    assert.match(
      forced.stderr,
      /version latest of acme\/tiny is installed and wins over the alias latest \(now 2\)/,
    );
    assert.equal(JSON.parse((await cli("info", "acme/tiny", "latest", "--json")).stdout).version, "latest");
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
