import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isStarmapError } from "../src/errors.ts";
import {
  PullInterruptedError,
  WeightsManager,
  type WeightsManagerOptions,
  type WeightsStorageError,
} from "../src/weights/_manager.ts";
import { hostname } from "node:os";
import { pack } from "../src/weights/_packer.ts";
import type { PullProgress } from "../src/weights/_progress.ts";
import { MemoryRegistry, randomBytes, serveRegistry, sha256, utf8 } from "./helpers/weights_server.ts";

const fast = { baseDelayMs: 5, stallMs: 300 };

async function tempDir(): Promise<string> {
  return await mkdtemp(join(tmpdir(), "starmap-weights-"));
}

function manager(url: string, dataDir: string, extra: Partial<WeightsManagerOptions> = {}): WeightsManager {
  return new WeightsManager({ registryUrl: url, dataDir, retry: fast, ...extra });
}

/** Files with nested paths, an empty file, a chunk spanning files and repeated content (duplicate chunks). */
function sampleFiles(): [string, Uint8Array][] {
  const block = randomBytes(64, 7);
  const repeated = new Uint8Array(256);
  for (let i = 0; i < 4; i++) repeated.set(block, i * 64);
  return [
    ["config.json", utf8('{"layers":2}\n')],
    ["weights/part-1.bin", randomBytes(100, 3)],
    ["weights/empty.bin", new Uint8Array(0)],
    ["weights/deep/part-2.bin", repeated],
    ["README.md", utf8("tiny\n")],
  ];
}

async function expectFiles(root: string, files: [string, Uint8Array][]): Promise<void> {
  for (const [path, bytes] of files) {
    assert.deepEqual(new Uint8Array(await readFile(join(root, path))), bytes, path);
  }
}

async function rejects(promise: Promise<unknown>, kind: string, pattern?: RegExp): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isStarmapError(error), `expected a StarmapError, got ${error}`);
    assert.equal(error.kind, kind, error.message);
    if (pattern) assert.match(error.message, pattern);
    return error;
  }
  assert.fail(`expected a ${kind} error`);
}

Deno.test("pull of a packed model: nested paths, empty file, spanning and duplicate chunks", async () => {
  const src = await tempDir();
  const out = await tempDir();
  const data = await tempDir();
  const files = sampleFiles();
  for (const [path, bytes] of files) {
    await Deno.mkdir(join(src, path, ".."), { recursive: true });
    await Deno.writeFile(join(src, path), bytes);
  }
  const packed = await pack({
    dir: src,
    out,
    ref: "acme/tiny",
    version: "1.0",
    chunkSize: 64,
    alias: "latest",
  });
  assert.equal(packed.totalSize, 13 + 100 + 256 + 5);
  const server = serveRegistry({ dir: out });
  try {
    const events: PullProgress[] = [];
    const m = manager(server.url, data, { onProgress: (p) => events.push(p) });
    const result = await m.pull("acme/tiny", "latest");
    assert.equal(result.status, "installed");
    assert.equal(result.version, "1.0");
    assert.equal(result.requested, "latest");
    assert.equal(result.manifestHash, packed.manifestHash);
    await expectFiles(result.path, files);
    assert.equal((await stat(join(result.path, "weights/empty.bin"))).size, 0);
    const copied = await readFile(join(result.path, ".starmap", "manifest.json"));
    assert.equal(await sha256(new Uint8Array(copied)), packed.manifestHash);
    // the four 64-byte blocks of part-2 line up with chunk boundaries in part: duplicates are fetched once
    const chunkRequests = server.log.filter((r) => r.path.startsWith("data/")).length - 1;
    const unique = new Set(JSON.parse(new TextDecoder().decode(copied)).chunks).size;
    assert.ok(unique < packed.chunkCount, "the sample has duplicate chunks");
    assert.equal(chunkRequests, unique);
    const registry = JSON.parse(await readFile(join(data, "registry.json"), "utf8"));
    assert.equal(registry.acme.tiny["1.0"].manifest_hash, packed.manifestHash);
    assert.equal(registry.acme.tiny["1.0"].file_count, files.length);
    // phases in order, byte counts never going down within a phase
    const phases = events.map((e) => e.phase).filter((p, i, a) => a[i - 1] !== p);
    assert.deepEqual(phases, ["manifest", "chunks", "installing", "done"]);
    for (let i = 1; i < events.length; i++) {
      if (events[i]!.phase === events[i - 1]!.phase) {
        assert.ok(events[i]!.doneBytes >= events[i - 1]!.doneBytes);
      }
    }
    // nothing left in staging; each file is stored once and linked into the version directory
    assert.deepEqual(await readdir(join(data, ".staging")).catch(() => []), []);
    assert.equal((await stat(join(result.path, "weights/part-1.bin"))).nlink, 2);
    // a second pull (by version or by the alias pulled before) finds it installed without the network
    const before = server.log.length;
    const again = await m.pull("acme/tiny", "1.0");
    assert.equal(again.status, "already_installed");
    assert.equal((await m.pull("acme/tiny", "latest")).version, "1.0");
    assert.equal(server.log.length, before, "no request at all");
    assert.deepEqual((await m.list()).map((i) => `${i.ref} ${i.version}`), ["acme/tiny 1.0"]);
    const remote = await m.list({ remote: true });
    assert.deepEqual(remote.map((r) => `${r.ref} ${r.version} ${r.alias ?? r.hash}`), [
      `acme/tiny 1.0 ${packed.manifestHash}`,
      "acme/tiny latest 1.0",
    ]);
    const info = await m.info("acme/tiny", "1.0");
    const byPath = (a: { path: string }, b: { path: string }) => a.path < b.path ? -1 : 1;
    assert.deepEqual(info.files, files.map(([path, b]) => ({ path, size: b.length })).sort(byPath));
    assert.equal((await m.info("acme/tiny", "latest", { remote: true })).manifestHash, packed.manifestHash);
    assert.deepEqual(await m.checkUpdate(), [{
      ref: "acme/tiny",
      version: "1.0",
      installedHash: packed.manifestHash,
      remoteHash: packed.manifestHash,
      updateAvailable: false,
    }]);
  } finally {
    await server.close();
    for (const d of [src, out, data]) await rm(d, { recursive: true, force: true });
  }
});

Deno.test("pull of a hand-made model with a zero-size total and an alias cycle", async () => {
  const reg = new MemoryRegistry();
  await reg.manifest("acme/empty", "1", {
    total_size: 0,
    chunk_size: 16,
    chunks: [],
    files: [{ path: "a/empty", size: 0 }],
  });
  reg.entry("acme/empty", "x", { alias: "y" });
  reg.entry("acme/empty", "y", { alias: "x" });
  const server = serveRegistry({ objects: reg.objects });
  const data = await tempDir();
  try {
    const m = manager(server.url, data);
    const r = await m.pull("acme/empty", "1");
    assert.equal((await stat(join(r.path, "a/empty"))).size, 0);
    await rejects(m.pull("acme/empty", "x"), "verification", /alias cycle/);
    await rejects(m.pull("acme/empty", "2"), "not_found", /version 2/);
    await rejects(m.pull("acme/nothing", "1"), "not_found", /not in the registry/);
    await rejects(m.path("acme/empty", "9"), "not_installed");
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

async function faultCase(
  plan: Parameters<typeof serveRegistry>[1],
  check: (
    m: WeightsManager,
    server: ReturnType<typeof serveRegistry>,
    chunk: string,
    data: string,
  ) => Promise<void>,
  options: { chunkIndex?: number; manager?: Partial<WeightsManagerOptions> } = {},
): Promise<void> {
  const reg = new MemoryRegistry();
  const bytes = randomBytes(300, 11);
  await reg.model("acme/m", "1", [["w.bin", bytes]], 100);
  const chunks = [...reg.objects.keys()].filter((k) =>
    k.startsWith("data/") && reg.objects.get(k)!.length === 100
  );
  const chunk = chunks[options.chunkIndex ?? 0]!;
  const server = serveRegistry(
    { objects: reg.objects },
    (path, n) => plan!(path === chunk ? "CHUNK" : path, n),
  );
  const data = await tempDir();
  try {
    await check(manager(server.url, data, options.manager), server, chunk, data);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
}

Deno.test("a corrupt chunk once is retried; always corrupt fails with verification and leaves nothing", async () => {
  await faultCase(
    (p, n) => p === "CHUNK" && n === 0 ? { kind: "corrupt" } : undefined,
    async (m, server, chunk) => {
      await m.pull("acme/m", "1");
      assert.equal(server.count(chunk), 2);
    },
  );
  await faultCase((p) => p === "CHUNK" ? { kind: "corrupt" } : undefined, async (m, server, chunk, data) => {
    const error = await rejects(m.pull("acme/m", "1"), "verification", /SHA-256/);
    assert.match(error.message, /after 4 attempts/);
    assert.equal(server.count(chunk), 4);
    assert.deepEqual(await m.list(), []);
    assert.equal(await stat(join(data, "acme", "m", "1")).catch(() => undefined), undefined);
  });
});

Deno.test("a manifest whose hash does not match its index entry is a verification error", async () => {
  const reg = new MemoryRegistry();
  const real = await reg.manifest("acme/m", "1", { total_size: 0, chunk_size: 1, chunks: [], files: [] });
  const other = await reg.manifest("acme/m", "2", { total_size: 0, chunk_size: 2, chunks: [], files: [] });
  reg.objects.set(`data/${real}`, reg.objects.get(`data/${other}`)!);
  const server = serveRegistry({ objects: reg.objects });
  const data = await tempDir();
  try {
    await rejects(manager(server.url, data).pull("acme/m", "1"), "verification", /manifest/);
    assert.equal(await stat(join(data, "registry.json")).catch(() => undefined), undefined);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("500s then success, and 500s for ever is a network error", async () => {
  await faultCase(
    (p, n) => p === "CHUNK" && n < 2 ? { kind: "status", status: 500 } : undefined,
    async (m, s, c) => {
      await m.pull("acme/m", "1");
      assert.equal(s.count(c), 3);
    },
  );
  await faultCase((p) => p === "models.json" ? { kind: "status", status: 503 } : undefined, async (m, s) => {
    const e = await rejects(m.pull("acme/m", "1"), "network", /HTTP 503/);
    assert.match(e.message, /after 4 attempts/);
    assert.equal(s.count("models.json"), 4);
  });
});

Deno.test("a 404 chunk is not retried", async () => {
  await faultCase((p) => p === "CHUNK" ? { kind: "status", status: 404 } : undefined, async (m, s, c) => {
    const e = await rejects(m.pull("acme/m", "1"), "network", /HTTP 404/);
    assert.ok(!(e instanceof PullInterruptedError), "the first chunk failed: nothing to resume");
    assert.equal(s.count(c), 1);
  }, { manager: { concurrency: 1 } });
});

Deno.test("429 with Retry-After is honoured", async () => {
  await faultCase(
    (p, n) =>
      p === "CHUNK" && n === 0 ? { kind: "status", status: 429, headers: { "retry-after": "1" } } : undefined,
    async (m, s, c) => {
      await m.pull("acme/m", "1");
      const times = s.log.filter((r) => r.path === c).map((r) => r.at);
      assert.equal(times.length, 2);
      assert.ok(times[1]! - times[0]! >= 900, `waited ${times[1]! - times[0]!} ms`);
    },
  );
});

Deno.test("a connection dropped mid-chunk and a stalled transfer are retried", async () => {
  await faultCase((p, n) => p === "CHUNK" && n === 0 ? { kind: "drop" } : undefined, async (m, s, c) => {
    await m.pull("acme/m", "1");
    assert.equal(s.count(c), 2);
  });
  await faultCase((p, n) => p === "CHUNK" && n === 0 ? { kind: "stall" } : undefined, async (m, s, c) => {
    await m.pull("acme/m", "1");
    assert.equal(s.count(c), 2);
  });
});

Deno.test("an unreachable registry is a network error", async () => {
  const data = await tempDir();
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = listener.addr.port;
  listener.close();
  try {
    await rejects(manager(`http://127.0.0.1:${port}/`, data).list({ remote: true }), "network");
  } finally {
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("an interrupted pull resumes from its journal without fetching verified chunks again", async () => {
  await faultCase(
    (p) => p === "CHUNK" ? { kind: "status", status: 404 } : undefined,
    async (m, s, c, data) => {
      const error = await rejects(m.pull("acme/m", "1"), "network");
      assert.equal(
        (error as PullInterruptedError).verifiedChunks,
        2,
        "the two chunks before the bad one are kept",
      );
      const fetched = s.log.filter((r) => r.path.startsWith("data/") && r.path !== c).map((r) => r.path);
      s.setFaults(undefined);
      const r = await m.pull("acme/m", "1");
      assert.equal(r.resumedChunks, 2);
      assert.equal(r.fetchedChunks, 1);
      for (const path of fetched.filter((p) => p !== fetched[0])) {
        assert.equal(s.count(path), 1, `${path} fetched again`);
      }
      assert.equal(s.count(c), 2);
      assert.deepEqual(await readdir(join(data, ".staging")).catch(() => []), []);
    },
    { chunkIndex: 2, manager: { concurrency: 1 } },
  );
});

Deno.test("concurrent pulls of the same model in one process: one downloads, the other reports it installed", async () => {
  await faultCase(() => undefined, async (m, s) => {
    const [a, b] = await Promise.all([m.pull("acme/m", "1"), m.pull("acme/m", "1")]);
    assert.deepEqual([a.status, b.status].sort(), ["already_installed", "installed"]);
    assert.equal(s.log.filter((r) => r.path.startsWith("data/")).length, 4);
  });
});

Deno.test("remove, removeAll and pruneCache", async () => {
  await faultCase(() => undefined, async (m, _s, _c, data) => {
    const r = await m.pull("acme/m", "1");
    await rejects(m.remove("acme/m", "2"), "not_installed");
    const removed = await m.remove("acme/m");
    assert.deepEqual(removed.removed.map((x) => x.version), ["1"]);
    assert.ok(removed.freedBytes >= 300, `freed ${removed.freedBytes}`);
    assert.equal(await stat(r.path).catch(() => undefined), undefined);
    assert.deepEqual(await m.list(), []);
    assert.deepEqual(await readdir(join(data, ".store")).then((n) => n.filter((x) => x !== "claims")), []);
    await rejects(m.remove("acme/m"), "not_installed");
    await m.pull("acme/m", "1");
    assert.equal((await m.removeAll()).removed.length, 1);
    // a stored file no version links, and a staging directory of a dead process, are pruned with their bytes
    await Deno.writeFile(join(data, ".store", "a".repeat(64)), new Uint8Array(4096));
    const dead = new Deno.Command(Deno.execPath(), { args: ["eval", "0"] }).spawn();
    await dead.status;
    const staging = join(data, ".staging", "acme@m@1@0000000000000000");
    await Deno.mkdir(staging, { recursive: true });
    await Deno.writeFile(
      join(staging, "owner.json"),
      utf8(JSON.stringify({ pid: dead.pid, host: hostname() })),
    );
    await Deno.writeFile(join(staging, "f0"), new Uint8Array(4096));
    const pruned = await m.pruneCache();
    assert.equal(pruned.files, 1);
    assert.equal(pruned.staging, 1);
    assert.ok(pruned.bytes >= 8192, `freed ${pruned.bytes}`);
    assert.deepEqual(await readdir(join(data, ".staging")), []);
  });
});

Deno.test("a registry.json lock held too long is a storage error that names the holder", async () => {
  await faultCase(() => undefined, async (_m, server, _c, data) => {
    const { acquireFileLock } = await import("../src/runtime/_file_lock.ts");
    const held = await acquireFileLock(join(data, ".locks", "state.lock"));
    try {
      const m = manager(server.url, data, { lockTimeoutMs: 100 });
      const error = await rejects(
        m.pull("acme/m", "1"),
        "storage",
        /timed out waiting for lock .*held by pid/,
      );
      // every chunk was verified before the lock was needed: the pull can be resumed, its cause says why it stopped
      assert.ok(error instanceof PullInterruptedError);
      const cause = error.cause as WeightsStorageError;
      assert.equal(cause.code, "LOCK_TIMEOUT");
      assert.match(cause.holder ?? "", /pid \d+/);
      assert.deepEqual(await m.list(), []);
    } finally {
      await held.release();
    }
  });
});
