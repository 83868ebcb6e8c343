/**
 * A stored file a running pull will link stays while it runs: removing (or pruning) the only other version that
 * used it, while the pull still fetches its other files, must not leave the pull to fail at its end.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, finish, runCli, spawnCli } from "./helpers/weights_cli.ts";
import { MemoryRegistry, randomBytes, serveRegistry } from "./helpers/weights_server.ts";

const CHUNK = 1024;

Deno.test("removing the version that shares a file with a running pull leaves that pull whole", async () => {
  const reg = new MemoryRegistry();
  const shared = randomBytes(CHUNK, 1);
  const own = randomBytes(CHUNK, 3);
  await reg.model("acme/a", "1", [["shared.json", shared], ["a.bin", randomBytes(CHUNK, 2)]], CHUNK);
  await reg.model("acme/b", "1", [["shared.json", shared], ["b.bin", own]], CHUNK);
  const ownChunk = `data/${await reg.chunk(own)}`;
  const server = serveRegistry({ objects: reg.objects });
  const data = await mkdtemp(join(tmpdir(), "starmap-held-"));
  const env = cliEnv(data, server.url);
  try {
    assert.equal((await runCli(["weights", "pull", "acme/a", "1"], env)).code, 0);
    server.setFaults((path) => path === ownChunk ? { kind: "slow", delayMs: 2500 } : undefined);
    const pulling = spawnCli(["weights", "pull", "acme/b", "1", "--json"], env);
    for (let i = 0; i < 200 && server.count(ownChunk) === 0; i++) await new Promise((r) => setTimeout(r, 25));
    assert.ok(server.count(ownChunk) > 0, "the pull of acme/b is fetching its own file");
    const removed = await runCli(["weights", "remove", "acme/a", "-y"], env);
    assert.equal(removed.code, 0, removed.stderr);
    const pulled = await finish(pulling);
    assert.equal(pulled.code, 0, pulled.stderr);
    const path = JSON.parse(pulled.stdout).path;
    assert.deepEqual(new Uint8Array(await readFile(join(path, "shared.json"))), shared);
    assert.deepEqual(new Uint8Array(await readFile(join(path, "b.bin"))), own);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});
