import assert from "node:assert/strict";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isStarmapError } from "../src/errors.ts";
import { WeightsManager } from "../src/weights/_manager.ts";
import { cliEnv, finish, runCli, spawnCli } from "./helpers/weights_cli.ts";
import { MemoryRegistry, randomBytes, serveRegistry } from "./helpers/weights_server.ts";

async function tempDir(): Promise<string> {
  return await mkdtemp(join(tmpdir(), "starmap-select-"));
}

Deno.test("update and info follow an alias and report when it moved", async () => {
  const reg = new MemoryRegistry();
  await reg.model("acme/tiny", "1", [["w.bin", randomBytes(3000, 1)]], 1024);
  reg.entry("acme/tiny", "latest", { alias: "1" });
  const server = serveRegistry({ objects: reg.objects });
  const data = await tempDir();
  const env = cliEnv(data, server.url);
  try {
    assert.equal((await runCli(["weights", "pull", "acme/tiny", "latest"], env)).code, 0);
    const same = await runCli(["weights", "update", "acme/tiny", "latest", "--json"], env);
    assert.equal(same.code, 0, same.stderr);
    assert.equal(JSON.parse(same.stdout).status[0].updateAvailable, false);
    await reg.model("acme/tiny", "2", [["w.bin", randomBytes(3000, 2)]], 1024);
    reg.entry("acme/tiny", "latest", { alias: "2" });
    const moved = await runCli(["weights", "update", "acme/tiny", "latest"], env);
    assert.equal(moved.code, 0, moved.stderr);
    assert.match(moved.stdout, /latest moved to 2/);
    assert.match(moved.stderr, /alias latest of acme\/tiny moved: 1 → 2/);
    const applied = await runCli(["weights", "update", "acme/tiny", "latest", "--apply", "--json"], env);
    assert.equal(applied.code, 0, applied.stderr);
    const report = JSON.parse(applied.stdout);
    assert.equal(report.applied[0].version, "2");
    assert.deepEqual(report.applied[0].aliasMoved, { alias: "latest", from: "1", to: "2" });
    const info = await runCli(["weights", "info", "acme/tiny", "latest", "--json"], env);
    assert.equal(JSON.parse(info.stdout).version, "2");
    const list = await runCli(["weights", "list", "--json"], env);
    assert.deepEqual(JSON.parse(list.stdout).map((i: { version: string }) => i.version), ["1", "2"]);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("pull --include/--exclude fetches only the chunks that overlap the selected files", async () => {
  const reg = new MemoryRegistry();
  const files: [string, Uint8Array][] = [
    ["config.json", randomBytes(500, 1)],
    ["model-00001.safetensors", randomBytes(8192, 2)],
    ["model-00002.safetensors", randomBytes(8192, 3)],
    ["onnx/model.onnx", randomBytes(8192, 4)],
  ];
  await reg.model("acme/sel", "1", files, 1024);
  const server = serveRegistry({ objects: reg.objects });
  const data = await tempDir();
  try {
    const m = new WeightsManager({ registryUrl: server.url, dataDir: data });
    const r = await m.pull("acme/sel", "1", {
      include: ["*.safetensors", "config.json"],
      exclude: ["*00002*"],
    });
    assert.equal(r.partial, true);
    assert.deepEqual((await readdir(r.path)).filter((n) => n !== ".starmap").sort(), [
      "config.json",
      "model-00001.safetensors",
    ]);
    // 500 + 8192 bytes span chunks 0..8 (1024-byte chunks): nine chunks, none of the other files' own chunks
    assert.equal(r.fetchedChunks, 9);
    assert.equal(server.log.filter((l) => l.path.startsWith("data/")).length, 10);
    // a full pull afterwards takes the rest and reuses what is there
    const full = await m.pull("acme/sel", "1");
    assert.equal(full.status, "installed");
    assert.equal(full.partial, undefined);
    assert.equal((await stat(join(full.path, "onnx", "model.onnx"))).size, 8192);
    assert.equal(full.sharedFiles, 2, "the files already there are shared, not fetched again");
    assert.equal(
      full.fetchedChunks,
      17,
      "chunk 8 (spanning the first and second model files) and the 16 others",
    );
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("a selection never shrinks a full install, and a selection that matches no file is refused", async () => {
  const reg = new MemoryRegistry();
  await reg.model(
    "acme/sel",
    "1",
    [["config.json", randomBytes(500, 1)], ["w.bin", randomBytes(4096, 2)]],
    1024,
  );
  const server = serveRegistry({ objects: reg.objects });
  const data = await tempDir();
  try {
    const m = new WeightsManager({ registryUrl: server.url, dataDir: data });
    const full = await m.pull("acme/sel", "1");
    const before = server.log.length;
    const again = await m.pull("acme/sel", "1", { include: ["config.json"] });
    assert.equal(again.status, "already_installed", "a full install holds every selected file");
    assert.equal(again.partial, undefined);
    assert.equal(server.log.length, before, "no request at all");
    assert.deepEqual((await readdir(full.path)).filter((n) => n !== ".starmap").sort(), [
      "config.json",
      "w.bin",
    ]);

    const none = await m.pull("acme/sel", "1", { include: ["*.safetensors"], force: true }).catch((e) => e);
    assert.ok(isStarmapError(none, "invalid"), String(none));
    assert.match(none.message, /matches no file of acme\/sel 1/);
    assert.deepEqual((await readdir(full.path)).filter((n) => n !== ".starmap").sort(), [
      "config.json",
      "w.bin",
    ]);
    assert.equal((await m.list())[0]!.partial, undefined);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("version lists sort as versions", async () => {
  const reg = new MemoryRegistry();
  for (const v of ["9", "10", "1.10", "1.9", "2"]) {
    await reg.model("acme/v", v, [["w", randomBytes(10, 1)]], 16);
  }
  const server = serveRegistry({ objects: reg.objects });
  const data = await tempDir();
  try {
    const m = new WeightsManager({ registryUrl: server.url, dataDir: data });
    assert.deepEqual((await m.list({ remote: true })).map((r) => r.version), ["1.9", "1.10", "2", "9", "10"]);
    for (const v of ["10", "9"]) await m.pull("acme/v", v);
    assert.deepEqual((await m.list()).map((r) => r.version), ["9", "10"]);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("remove during a pull says whom it waits for, and gives up after --timeout", async () => {
  const reg = new MemoryRegistry();
  await reg.model("acme/slow", "1", [["w.bin", randomBytes(40 * 4096, 3)]], 4096);
  const server = serveRegistry(
    { objects: reg.objects },
    (path) => reg.objects.get(path)?.length === 4096 ? { kind: "slow", delayMs: 100 } : undefined,
  );
  const data = await tempDir();
  const env = cliEnv(data, server.url);
  try {
    const pull = spawnCli(["weights", "pull", "acme/slow", "1", "--concurrency", "1", "--json"], env);
    for (let i = 0; i < 200 && !(await readdir(join(data, ".staging")).catch(() => [])).length; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const removed = await runCli(["weights", "remove", "acme/slow", "-y", "--timeout", "300ms"], env);
    assert.equal(removed.code, 7, removed.stderr);
    assert.match(removed.stderr, /waiting for pid \d+ on .* \(pull acme\/slow 1\)/);
    assert.match(removed.stderr, /timed out waiting for lock/);
    assert.match(removed.stderr, /hint: another starmap process .* --timeout/);
    const pulled = await finish(pull);
    assert.equal(pulled.code, 0, pulled.stderr);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});
