/**
 * Ctrl-C during `weights update --apply` stops its pull as Ctrl-C stops a pull: exit 130 with a resume hint, the
 * verified chunks kept (the next command does not remove them as a dead pull's), and the next update resumes.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, finish, pullStarted, runCli, spawnCli } from "./helpers/weights_cli.ts";
import { MemoryRegistry, randomBytes, serveRegistry } from "./helpers/weights_server.ts";

const CHUNK = 4096;

Deno.test("Ctrl-C during update --apply keeps the verified chunks and the next update resumes", async () => {
  const reg = new MemoryRegistry();
  await reg.model("acme/big", "1", [["w.bin", randomBytes(CHUNK * 4, 1)]], CHUNK);
  const server = serveRegistry(
    { objects: reg.objects },
    (path) =>
      path.startsWith("data/") && reg.objects.get(path)?.length === CHUNK
        ? { kind: "slow", delayMs: 150 }
        : undefined,
  );
  const data = await mkdtemp(join(tmpdir(), "starmap-update-interrupt-"));
  try {
    const env = cliEnv(data, server.url);
    assert.equal((await runCli(["weights", "pull", "acme/big", "1", "-q"], env)).code, 0);
    await reg.model("acme/big", "1", [["w.bin", randomBytes(CHUNK * 40, 2)]], CHUNK);
    const child = spawnCli(["weights", "update", "--apply", "--concurrency", "1"], env);
    await pullStarted(data);
    child.kill("SIGINT");
    const stopped = await finish(child);
    assert.equal(stopped.code, 130, stopped.stderr);
    assert.match(stopped.stderr, /interrupted by SIGINT/);
    assert.match(stopped.stderr, /hint: run the same command again to resume \(verified chunks are kept\)/);
    const list = await runCli(["weights", "list"], env);
    assert.doesNotMatch(list.stderr, /removed the partial files/);
    const again = await runCli(["weights", "update", "--apply", "--json"], env);
    assert.equal(again.code, 0, again.stderr);
    const applied = JSON.parse(again.stdout).applied[0];
    assert.ok(applied.resumedChunks > 0, `resumed ${applied.resumedChunks} chunks`);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
    await rm(`${data}-home`, { recursive: true, force: true });
  }
});
