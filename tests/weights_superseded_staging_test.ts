/**
 * A pull stopped, then the registry republished that version with other content: once the new content is
 * installed, the staging kept for the old one is removed (no pull can resume it), and other versions' are kept.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { WeightsManager } from "../src/weights/_manager.ts";
import { MemoryRegistry, randomBytes, serveRegistry } from "./helpers/weights_server.ts";

async function stoppedStaging(data: string, name: string): Promise<void> {
  const dir = join(data, ".staging", name);
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, "owner.json"),
    JSON.stringify({ pid: Deno.pid, host: hostname(), stopped: true }),
  );
  await writeFile(join(dir, "f0"), new Uint8Array(50_000).fill(1));
  await writeFile(join(dir, "journal"), "");
}

Deno.test("installing a version removes the staging a stopped pull kept for its superseded content", async () => {
  const reg = new MemoryRegistry();
  const hash = await reg.model("acme/tiny", "1", [["w.bin", randomBytes(3000, 1)]], 1024);
  const server = serveRegistry({ objects: reg.objects });
  const data = await mkdtemp(join(tmpdir(), "starmap-superseded-"));
  try {
    const old = `acme@tiny@1@${"f".repeat(16)}`;
    const other = `acme@tiny@2@${"e".repeat(16)}`;
    assert.ok(!hash.startsWith("f".repeat(16)));
    await stoppedStaging(data, old);
    await stoppedStaging(data, other);
    const m = new WeightsManager({ registryUrl: server.url, dataDir: data });
    const pulled = await m.pull("acme/tiny", "1");
    assert.equal(pulled.manifestHash, hash);
    assert.deepEqual(
      await readdir(join(data, ".staging")),
      [other],
      "another version's stopped pull is kept",
    );
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});
