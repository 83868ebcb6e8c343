import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WeightsManager } from "../src/weights/_manager.ts";
import { cliEnv, finish, spawnCli } from "./helpers/weights_cli.ts";
import { MemoryRegistry, randomBytes, serveRegistry } from "./helpers/weights_server.ts";

const KiB = 1024;
const CHUNK = 64 * KiB;

async function tempDir(): Promise<string> {
  return await mkdtemp(join(tmpdir(), "starmap-store-"));
}

/** Disk used under a directory, each inode counted once (hard links share one copy). */
async function usage(dir: string, seen = new Set<number>()): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += await usage(p, seen);
    else {
      const info = await stat(p);
      if (seen.has(info.ino ?? -1)) continue;
      seen.add(info.ino ?? -1);
      total += info.size;
    }
  }
  return total;
}

/** Two models that share a large file (94 % of each) and differ in a small one; the shared file ends mid-chunk. */
async function sharingRegistry() {
  const reg = new MemoryRegistry();
  const shared = randomBytes(1000 * KiB, 21);
  const a = randomBytes(64 * KiB, 22);
  const b = randomBytes(64 * KiB, 23);
  await reg.model("acme/a", "1", [["shared.bin", shared], ["own.bin", a]], CHUNK);
  await reg.model("acme/b", "1", [["shared.bin", shared], ["own.bin", b]], CHUNK);
  return { reg, shared, a, b };
}

function chunkPaths(reg: MemoryRegistry): string[] {
  return [...reg.objects.keys()].filter((k) => k.startsWith("data/") && reg.objects.get(k)!.length <= CHUNK);
}

Deno.test("two models sharing 94 % of their data take about 106 % of one on disk, and share chunks on the wire", async () => {
  const { reg, shared, b } = await sharingRegistry();
  const server = serveRegistry({ objects: reg.objects });
  const data = await tempDir();
  try {
    const m = new WeightsManager({ registryUrl: server.url, dataDir: data });
    const first = await m.pull("acme/a", "1");
    const one = await usage(data);
    const served = server.bytesServed();
    const second = await m.pull("acme/b", "1");
    assert.deepEqual(new Uint8Array(await readFile(join(second.path, "shared.bin"))), shared);
    assert.deepEqual(new Uint8Array(await readFile(join(second.path, "own.bin"))), b);
    const both = await usage(data);
    assert.ok(both / one < 1.1, `two models take ${(both / one * 100).toFixed(0)} % of one`);
    assert.equal(
      (await stat(join(first.path, "shared.bin"))).ino,
      (await stat(join(second.path, "shared.bin"))).ino,
      "one stored copy",
    );
    // 15 whole chunks of shared.bin are copied from disk; only the chunks that hold own.bin come from the network
    assert.equal(second.localChunks, 15);
    assert.ok(second.fetchedChunks <= 2, `fetched ${second.fetchedChunks}`);
    assert.ok(
      server.bytesServed() - served < 200 * KiB,
      `second pull fetched ${server.bytesServed() - served} bytes`,
    );
    // removing one keeps the other intact, and frees only what was its own
    const removed = await m.remove("acme/a");
    assert.ok(removed.freedBytes < 200 * KiB, `freed ${removed.freedBytes}`);
    assert.deepEqual(new Uint8Array(await readFile(join(second.path, "shared.bin"))), shared);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("the same content under another name is linked from the store without any transfer", async () => {
  const reg = new MemoryRegistry();
  const files: [string, Uint8Array][] = [["w.bin", randomBytes(300 * KiB, 31)], [
    "c.json",
    randomBytes(100, 32),
  ]];
  await reg.model("acme/x", "1", files, CHUNK);
  await reg.model("mirror/x", "2", files, CHUNK);
  const server = serveRegistry({ objects: reg.objects });
  const data = await tempDir();
  try {
    const m = new WeightsManager({ registryUrl: server.url, dataDir: data });
    await m.pull("acme/x", "1");
    const before = server.log.length;
    const r = await m.pull("mirror/x", "2");
    assert.equal(r.sharedFiles, 2);
    assert.equal(r.fetchedChunks + r.localChunks, 0);
    assert.deepEqual(
      server.log.slice(before).map((l) => l.path.slice(0, 5)),
      ["model", "data/"],
      "index, manifest",
    );
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("update --apply of a version whose one chunk changed fetches that chunk only", async () => {
  const reg = new MemoryRegistry();
  const w = randomBytes(16 * CHUNK, 41);
  await reg.model("acme/u", "1", [["w.bin", w], ["config.json", randomBytes(200, 42)]], CHUNK);
  const server = serveRegistry({ objects: reg.objects });
  const data = await tempDir();
  try {
    const m = new WeightsManager({ registryUrl: server.url, dataDir: data });
    const r = await m.pull("acme/u", "1");
    const changed = w.slice();
    changed[5 * CHUNK + 7]! ^= 0xff;
    await reg.model("acme/u", "1", [["w.bin", changed], ["config.json", randomBytes(200, 42)]], CHUNK);
    const served = server.bytesServed();
    const { applied } = await m.applyUpdates("acme/u", "1");
    assert.equal(applied.length, 1);
    assert.equal(applied[0]!.fetchedChunks, 1);
    assert.equal(applied[0]!.localChunks, 15);
    assert.equal(applied[0]!.sharedFiles, 1, "config.json is shared");
    const manifest = reg.objects.get(`data/${applied[0]!.manifestHash}`)!.length;
    const index = reg.objects.get("models.json")!.length;
    assert.equal(server.bytesServed() - served, CHUNK + manifest + index * 2);
    assert.deepEqual(new Uint8Array(await readFile(join(r.path, "w.bin"))), changed);
    // the old file of w.bin is no longer used by any version and was freed
    const stored = (await readdir(join(data, ".store"))).filter((n) => n.length === 64);
    assert.equal(stored.length, 2);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("two processes pulling different models that share chunks fetch each shared chunk once", async () => {
  const { reg } = await sharingRegistry();
  const server = serveRegistry(
    { objects: reg.objects },
    (path) =>
      path.startsWith("data/") && reg.objects.get(path)!.length === CHUNK
        ? { kind: "slow", delayMs: 30 }
        : undefined,
  );
  const data = await tempDir();
  try {
    const env = cliEnv(data, server.url);
    const [a, b] = await Promise.all([
      finish(spawnCli(["weights", "pull", "acme/a", "1", "--json", "--concurrency", "2"], env)),
      finish(spawnCli(["weights", "pull", "acme/b", "1", "--json", "--concurrency", "2"], env)),
    ]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    for (const path of chunkPaths(reg)) {
      assert.ok(server.count(path) <= 1, `${path} fetched ${server.count(path)} times`);
    }
    const ra = JSON.parse(a.stdout);
    const rb = JSON.parse(b.stdout);
    assert.ok(ra.localChunks + rb.localChunks >= 15, `${ra.localChunks} + ${rb.localChunks} chunks copied`);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});
