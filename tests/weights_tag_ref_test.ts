/**
 * `group/model:version` as Ollama and Docker users write it, and `latest` when a command that needs a version is
 * given none.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, runCli } from "./helpers/weights_cli.ts";
import { MemoryRegistry, randomBytes, serveRegistry } from "./helpers/weights_server.ts";

Deno.test("model:version and a default of latest work in pull, info, path, update and remove", async () => {
  const reg = new MemoryRegistry();
  await reg.model("acme/tag", "1", [["w.bin", randomBytes(3000, 1)]], 1024);
  await reg.model("acme/tag", "2", [["w.bin", randomBytes(3000, 2)]], 1024);
  reg.entry("acme/tag", "latest", { alias: "2" });
  const server = serveRegistry({ objects: reg.objects });
  const data = await mkdtemp(join(tmpdir(), "starmap-tag-"));
  const env = cliEnv(data, server.url);
  try {
    const latest = await runCli(["weights", "pull", "acme/tag", "--json"], env);
    assert.equal(latest.code, 0, latest.stderr);
    assert.equal(JSON.parse(latest.stdout).version, "2");
    assert.equal(JSON.parse(latest.stdout).requested, "latest");
    const tagged = await runCli(["weights", "pull", "acme/tag:1", "--json"], env);
    assert.equal(tagged.code, 0, tagged.stderr);
    assert.equal(JSON.parse(tagged.stdout).version, "1");
    const info = await runCli(["weights", "info", "acme/tag:1", "--json"], env);
    assert.equal(JSON.parse(info.stdout).version, "1");
    const path = await runCli(["weights", "path", "acme/tag"], env);
    assert.equal(path.code, 0, path.stderr);
    assert.match(path.stdout.trim(), /acme.tag.2$/);
    const update = await runCli(["weights", "update", "acme/tag:1", "--json"], env);
    assert.equal(update.code, 0, update.stderr);
    assert.deepEqual(JSON.parse(update.stdout).status.map((s: { version: string }) => s.version), ["1"]);
    const both = await runCli(["weights", "pull", "acme/tag:1", "2"], env);
    assert.equal(both.code, 2, both.stderr);
    assert.match(both.stderr, /acme\/tag:1 names its version already, and 2 names another/);
    const removed = await runCli(["weights", "remove", "acme/tag:1", "-y", "--json"], env);
    assert.equal(removed.code, 0, removed.stderr);
    assert.deepEqual(JSON.parse(removed.stdout).removed.map((r: { version: string }) => r.version), ["1"]);
    const list = await runCli(["weights", "list", "--json"], env);
    assert.deepEqual(JSON.parse(list.stdout).map((r: { version: string }) => r.version), ["2"]);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});
