/**
 * A pull refused for lack of space leaves nothing of the model behind: no staging and no empty model directory
 * that `ls` of the models directory would show as if something were installed.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freeBytes } from "../src/runtime/_disk.ts";
import { cliEnv, runCli } from "./helpers/weights_cli.ts";
import { MemoryRegistry, serveRegistry } from "./helpers/weights_server.ts";

const MiB = 1024 * 1024;

Deno.test("a pull refused for lack of space leaves no model directory", async () => {
  const data = await mkdtemp(join(tmpdir(), "starmap-refused-"));
  const free = await freeBytes(data);
  assert.ok(free !== undefined, "statfs works here");
  const chunkSize = 256 * MiB;
  const count = Math.ceil((free + 1024 * MiB) / chunkSize);
  const reg = new MemoryRegistry();
  await reg.manifest("acme/huge", "1", {
    total_size: count * chunkSize,
    chunk_size: chunkSize,
    chunks: Array.from({ length: count }, () => "ab".repeat(32)),
    files: [{ path: "huge.bin", size: count * chunkSize }],
  });
  const server = serveRegistry({ objects: reg.objects });
  try {
    const cli = await runCli(["weights", "pull", "acme/huge", "1"], cliEnv(data, server.url));
    assert.equal(cli.code, 7, cli.stderr);
    assert.match(cli.stderr, /not enough free space/);
    // The group's directory may stay (other models of the group may be pulled into it at the same time).
    assert.deepEqual(await readdir(join(data, "acme")).catch(() => []), [], "no model directory");
    // Never the group's: a pull of another model of it could be creating its directory inside it right now.
    assert.ok((await stat(join(data, "acme"))).isDirectory(), "the group's directory stays");
    assert.deepEqual(await readdir(join(data, ".staging")).catch(() => []), [], "no staging");
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});
