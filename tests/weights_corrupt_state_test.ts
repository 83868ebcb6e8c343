/**
 * A `registry.json` something else damaged is rebuilt from the version directories, with a notice (see
 * weights_registry_repair_test.ts for installed versions).
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, runCli } from "./helpers/weights_cli.ts";

Deno.test("a damaged registry.json is rebuilt, with a notice", async () => {
  const data = await mkdtemp(join(tmpdir(), "starmap-corrupt-state-"));
  try {
    await mkdir(data, { recursive: true });
    await writeFile(join(data, "registry.json"), '{"acme": ');
    const r = await runCli(["weights", "list", "--json"], cliEnv(data, "http://127.0.0.1:9/"));
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), []);
    assert.match(
      r.stderr,
      /registry\.json was damaged: rebuilt it from the verified files of 0 installed versions/,
    );
    assert.deepEqual(JSON.parse(await readFile(join(data, "registry.json"), "utf8")), {});
  } finally {
    await rm(data, { recursive: true, force: true });
  }
});
