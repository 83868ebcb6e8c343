/**
 * On a narrow terminal the weights tables keep what names a row (model and version) and an update's status:
 * other columns give way first (a long model name left VERSION and STATUS out at 40 columns).
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../src/cli/_program.ts";
import { cliEnv, runCli } from "./helpers/weights_cli.ts";
import { memoryIO } from "./helpers/memory_io.ts";

Deno.test("weights list and update at 40 columns keep the version and the status", async () => {
  const root = await mkdtemp(join(tmpdir(), "starmap-narrow-"));
  try {
    const src = join(root, "src");
    await mkdir(src);
    await writeFile(join(src, "w.bin"), "weights");
    const reg = join(root, "reg");
    const env = cliEnv(join(root, "models"), reg);
    const ref = "meta-llama/Llama-3.1-8B-Instruct";
    assert.equal((await runCli(["weights", "pack", src, ref, "1.0.0-preview", "--out", reg], env)).code, 0);
    assert.equal((await runCli(["weights", "pull", ref, "1.0.0-preview", "-q"], env)).code, 0);
    const terminal = memoryIO({ ...env, STARMAP_PAGER: "cat" }, { columns: 40, rows: 100 });
    assert.equal(await run(["weights", "list"], terminal), 0, terminal.stderr);
    assert.match(terminal.stdout, /^MODEL\s+VERSION/);
    // The model name wraps (it is the flexible column) rather than push the version out.
    assert.match(terminal.stdout, /\nmeta-llama\/\S*\s+1\.0\.0-preview/);
    assert.ok(terminal.stdout.split("\n").every((line) => line.length <= 40), terminal.stdout);
    const update = memoryIO({ ...env, STARMAP_PAGER: "cat" }, { columns: 40, rows: 100 });
    assert.equal(await run(["weights", "update", "--registry", reg], update), 0, update.stderr);
    assert.match(update.stdout, /^MODEL\s+VERSION\s+STATUS/);
    assert.match(update.stdout, /\nmeta-llama\/\S*\s+1\.0\.0-preview\s+up to date/);
    assert.ok(update.stdout.split("\n").every((line) => line.length <= 40), update.stdout);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
