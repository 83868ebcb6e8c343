import assert from "node:assert/strict";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WeightsManager } from "../src/weights/_manager.ts";
import { cliEnv, runCli } from "./helpers/weights_cli.ts";
import { MemoryRegistry, randomBytes, serveRegistry } from "./helpers/weights_server.ts";

const FILES: [string, Uint8Array][] = [
  ["config.json", randomBytes(1024, 1)],
  ["model-00001.safetensors", randomBytes(4096, 2)],
  ["model-00002.safetensors", randomBytes(4096, 3)],
  ["onnx/model.onnx", randomBytes(4096, 4)],
];

function names(dir: string): Promise<string[]> {
  return readdir(dir, { recursive: true }).then((all) =>
    all.map(String).filter((n) => !n.startsWith(".starmap") && n !== "onnx").sort()
  );
}

function fetched(server: { log: { path: string }[] }, from: number): number {
  return server.log.slice(from).filter((l) => l.path.startsWith("data/")).length;
}

Deno.test("a second selective pull adds its files to the first selection", async () => {
  const reg = new MemoryRegistry();
  await reg.model("acme/sel", "1", FILES, 1024);
  const server = serveRegistry({ objects: reg.objects });
  const data = await mkdtemp(join(tmpdir(), "starmap-union-"));
  try {
    const m = new WeightsManager({ registryUrl: server.url, dataDir: data });
    const first = await m.pull("acme/sel", "1", { include: ["config.json"] });
    assert.deepEqual(await names(first.path), ["config.json"]);
    let mark = server.log.length;
    const second = await m.pull("acme/sel", "1", { include: ["*.safetensors"], exclude: ["*00002*"] });
    assert.equal(second.status, "installed");
    assert.equal(second.partial, true);
    assert.deepEqual(await names(second.path), ["config.json", "model-00001.safetensors"]);
    assert.equal(second.fetchedChunks, 4, "only the chunks of the newly selected file");
    assert.equal(fetched(server, mark), 5, "the manifest and four chunks");
    assert.equal(second.fileCount, 2);
    assert.equal(second.totalSize, 1024 + 4096);

    mark = server.log.length;
    for (
      const selection of [{ include: ["config.json"] }, { include: ["*.safetensors"], exclude: ["*00002*"] }]
    ) {
      const again = await m.pull("acme/sel", "1", selection);
      assert.equal(again.status, "already_installed", JSON.stringify(selection));
    }
    assert.equal(server.log.length, mark, "each recorded selection answers offline");

    const third = await m.pull("acme/sel", "1", { include: ["onnx/**"] });
    assert.deepEqual(await names(third.path), [
      "config.json",
      "model-00001.safetensors",
      "onnx/model.onnx",
    ]);
    const full = await m.pull("acme/sel", "1");
    assert.equal(full.partial, undefined, "a pull without a selection takes every file");
    assert.equal((await names(full.path)).length, 4);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("update --apply of a partial install keeps its selection", async () => {
  const reg = new MemoryRegistry();
  await reg.model("acme/part", "1", FILES, 1024);
  reg.entry("acme/part", "latest", { alias: "1" });
  const server = serveRegistry({ objects: reg.objects });
  const data = await mkdtemp(join(tmpdir(), "starmap-union-"));
  const env = cliEnv(data, server.url);
  try {
    const pulled = await runCli(
      ["weights", "pull", "acme/part", "latest", "--include", "*.json", "--json"],
      env,
    );
    assert.equal(pulled.code, 0, pulled.stderr);
    const changed: [string, Uint8Array][] = FILES.map(([n, b], i) => [n, i === 0 ? randomBytes(1024, 9) : b]);
    await reg.model("acme/part", "2", changed, 1024);
    reg.entry("acme/part", "latest", { alias: "2" });
    const mark = server.log.length;
    const applied = await runCli(["weights", "update", "acme/part", "latest", "--apply", "--json"], env);
    assert.equal(applied.code, 0, applied.stderr);
    const report = JSON.parse(applied.stdout);
    assert.equal(report.applied[0].version, "2");
    assert.equal(report.applied[0].partial, true, "the update keeps the selection");
    assert.equal(report.applied[0].fetchedChunks, 1, "only the changed chunk of the selected file");
    assert.ok(fetched(server, mark) <= 2, "the manifest and one chunk");
    assert.deepEqual(await names(report.applied[0].path), ["config.json"]);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("info of a partial install lists the files it holds, beside the version's totals", async () => {
  const reg = new MemoryRegistry();
  await reg.model("acme/info", "1", FILES, 1024);
  const server = serveRegistry({ objects: reg.objects });
  const data = await mkdtemp(join(tmpdir(), "starmap-union-"));
  const env = cliEnv(data, server.url);
  try {
    const m = new WeightsManager({ registryUrl: server.url, dataDir: data });
    await m.pull("acme/info", "1", { include: ["config.json", "onnx/**"] });
    const info = await m.info("acme/info", "1");
    assert.equal(info.partial, true);
    assert.deepEqual(info.files.map((f) => f.path), ["config.json", "onnx/model.onnx"]);
    assert.equal(info.totalSize, 1024 + 4096);
    assert.equal(info.manifestTotalSize, 1024 + 3 * 4096);
    assert.equal(info.manifestFileCount, 4);
    const shown = await runCli(["weights", "info", "acme/info", "1"], env);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /Files: +2 of 4 \(partial\)/);
    assert.doesNotMatch(shown.stdout, /model-00001/);
    const remote = await m.info("acme/info", "1", { remote: true });
    assert.equal(remote.partial, undefined);
    assert.equal(remote.files.length, 4);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});
