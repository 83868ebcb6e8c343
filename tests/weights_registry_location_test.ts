/**
 * Where a registry directory given as text lies, as a user means it: `pack --out reg` then `pull --registry reg`
 * (a bare name), `~/reg` from the home directory, and a relative path in the config file from the config file's
 * directory (the same command works from any working directory).
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CliResult, finish, ROOT } from "./helpers/weights_cli.ts";
import { randomBytes } from "./helpers/weights_server.ts";

/** Runs the CLI from `cwd` (the working directory is what relative paths are about). */
function runIn(cwd: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  return finish(
    new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--quiet", "--config", join(ROOT, "deno.json"), join(ROOT, "main.ts"), ...args],
      cwd,
      env,
      clearEnv: true,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn(),
  );
}

/** A home whose config is isolated and whose models go to `models`. */
function envOf(home: string, models: string): Record<string, string> {
  return { HOME: home, XDG_CONFIG_HOME: join(home, "config"), STARMAP_MODELS_DIR: models, NO_COLOR: "1" };
}

Deno.test("a registry directory by bare name, by ~/ and relative to the config file", async () => {
  const root = await mkdtemp(join(tmpdir(), "starmap-regloc-"));
  try {
    const work = join(root, "work");
    const home = join(root, "home");
    await mkdir(join(work, "src"), { recursive: true });
    await mkdir(home, { recursive: true });
    await writeFile(join(work, "src", "w.bin"), randomBytes(70_000, 3));
    const env = envOf(home, join(root, "models"));
    const packed = await runIn(work, ["weights", "pack", "src", "acme/loc", "1", "--out", "reg"], env);
    assert.equal(packed.code, 0, packed.stderr);

    const bare = await runIn(work, ["weights", "list", "--remote", "--json", "--registry", "reg"], env);
    assert.equal(bare.code, 0, bare.stderr);
    assert.equal(JSON.parse(bare.stdout)[0].ref, "acme/loc");

    await rm(join(home), { recursive: true });
    await mkdir(home);
    await runIn(work, ["weights", "pack", "src", "acme/loc", "1", "--out", join(home, "reg")], env);
    const tilde = await runIn(root, ["weights", "list", "--remote", "--json", "--registry", "~/reg"], env);
    assert.equal(tilde.code, 0, tilde.stderr);
    assert.equal(JSON.parse(tilde.stdout)[0].ref, "acme/loc");

    // A config file beside the registry names it `./reg`: the same from any working directory.
    const config = join(work, "starmap.yaml");
    await writeFile(config, "weights:\n  registry: ./reg\n  dataDir: ./models\n");
    const { STARMAP_MODELS_DIR: _, ...fromConfig } = env;
    for (const cwd of [work, root]) {
      const r = await runIn(cwd, ["weights", "pull", "acme/loc:1", "--json", "--config", config], fromConfig);
      assert.equal(r.code, 0, `from ${cwd}: ${r.stderr}`);
      assert.equal(JSON.parse(r.stdout).path, join(work, "models", "acme", "loc", "1"));
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
