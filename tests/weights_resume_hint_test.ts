/**
 * The command an interrupted pull offers to resume is one that resumes: it repeats the `--registry` and
 * `--models-dir` the pull was given (without them it would pull from scratch into the default models directory,
 * or find no registry).
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finish, spawnCli } from "./helpers/weights_cli.ts";
import { MemoryRegistry, randomBytes, serveRegistry } from "./helpers/weights_server.ts";

Deno.test("an interrupted pull's hint repeats its --registry and --models-dir", async () => {
  const reg = new MemoryRegistry();
  await reg.model("acme/hint", "1", [["w.bin", randomBytes(8 * 1024, 4)]], 1024);
  const server = serveRegistry({ objects: reg.objects }, () => ({ kind: "slow", delayMs: 400 }));
  const root = await mkdtemp(join(tmpdir(), "starmap-resume-hint-"));
  const models = join(root, "my models");
  try {
    const env = { HOME: join(root, "home"), XDG_CONFIG_HOME: join(root, "home", "config"), NO_COLOR: "1" };
    const args = ["weights", "pull", "acme/hint", "1", "--registry", server.url, "--models-dir", models];
    const pull = spawnCli([...args, "--concurrency", "1"], env);
    // The index, the manifest and a first chunk: the pull is fetching chunks.
    for (let i = 0; i < 400 && server.log.filter((r) => r.path.startsWith("data/")).length < 3; i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    pull.kill("SIGINT");
    const r = await finish(pull);
    assert.notEqual(r.code, 0);
    const hint = `starmap weights pull acme/hint 1 --registry ${server.url} --models-dir '${models}'`;
    assert.ok(r.stderr.includes(`run \`${hint}\` again to resume`), r.stderr);
  } finally {
    await server.close();
    await rm(root, { recursive: true, force: true });
  }
});
