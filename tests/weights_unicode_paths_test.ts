/**
 * Two manifest paths that differ only in Unicode form (`café` composed and decomposed) name one file on macOS and
 * on file systems that normalise names: refused like paths that differ only in letter case, before anything is
 * written.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, runCli } from "./helpers/weights_cli.ts";
import { MemoryRegistry, randomBytes, serveRegistry } from "./helpers/weights_server.ts";

Deno.test("manifest paths equal but for their Unicode form are refused", async () => {
  const reg = new MemoryRegistry();
  const composed = "caf\u00e9.json";
  const decomposed = "cafe\u0301.json";
  await reg.model("acme/uni", "1", [[composed, randomBytes(100, 1)], [decomposed, randomBytes(100, 2)]], 64);
  const server = serveRegistry({ objects: reg.objects });
  const data = await mkdtemp(join(tmpdir(), "starmap-unicode-"));
  try {
    const r = await runCli(["weights", "pull", "acme/uni", "1"], cliEnv(data, server.url));
    assert.equal(r.code, 6, r.stderr);
    assert.match(r.stderr, /appears twice/);
    assert.deepEqual(await readdir(join(data, "acme")).catch(() => []), [], "nothing was written");
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});
