/**
 * A `registry.json` something else damaged is named with what to do about it, not only that it is corrupt.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, runCli } from "./helpers/weights_cli.ts";

Deno.test("a damaged registry.json comes with advice", async () => {
  const data = await mkdtemp(join(tmpdir(), "starmap-corrupt-state-"));
  try {
    await mkdir(data, { recursive: true });
    await writeFile(join(data, "registry.json"), '{"acme": ');
    const r = await runCli(["weights", "list", "--json"], cliEnv(data, "http://127.0.0.1:9/"));
    assert.equal(r.code, 7, r.stderr);
    const error = JSON.parse(r.stdout).error;
    assert.match(error.message, /registry\.json is corrupt/);
    assert.match(error.hint, /move it aside/);
  } finally {
    await rm(data, { recursive: true, force: true });
  }
});
