import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isStarmapError } from "../src/errors.ts";
import { freeBytes } from "../src/runtime/_disk.ts";
import { WeightsManager, WeightsStorageError } from "../src/weights/_manager.ts";
import { cliEnv, finish, runCli, spawnCli } from "./helpers/weights_cli.ts";
import { MemoryRegistry, randomBytes, serveRegistry } from "./helpers/weights_server.ts";
import { diskUsage } from "./helpers/disk_usage.ts";

const MiB = 1024 * 1024;

async function tempDir(): Promise<string> {
  return await mkdtemp(join(tmpdir(), "starmap-resume-"));
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
}

/** One model of a single 4 MiB chunk spanning two files. */
async function oneChunkModel() {
  const reg = new MemoryRegistry();
  const bytes = randomBytes(4 * MiB, 5);
  await reg.model("acme/one", "1", [["a.bin", bytes.subarray(0, 3 * MiB)], [
    "b.bin",
    bytes.subarray(3 * MiB),
  ]], 4 * MiB);
  const chunk = [...reg.objects.keys()].find((k) => reg.objects.get(k)!.length === 4 * MiB)!;
  return { reg, bytes, chunk };
}

async function expectModel(dir: string, bytes: Uint8Array): Promise<void> {
  const a = await readFile(join(dir, "a.bin"));
  const b = await readFile(join(dir, "b.bin"));
  assert.deepEqual(new Uint8Array([...a, ...b]), bytes);
}

for (const ranges of [true, false]) {
  Deno.test(`a transfer cut inside a chunk continues ${ranges ? "from its last byte (Range)" : "from 0 when the server answers 200"}`, async () => {
    const { reg, bytes, chunk } = await oneChunkModel();
    const server = serveRegistry(
      { objects: reg.objects },
      (path, n) => path === chunk && n === 0 ? { kind: "drop" } : undefined,
      { ranges },
    );
    const data = await tempDir();
    try {
      const m = new WeightsManager({ registryUrl: server.url, dataDir: data, retry: { baseDelayMs: 1 } });
      const r = await m.pull("acme/one", "1");
      await expectModel(r.path, bytes);
      const requests = server.log.filter((l) => l.path === chunk);
      assert.equal(requests.length, 2);
      assert.equal(requests[0]!.range, undefined);
      assert.match(requests[1]!.range ?? "", /^bytes=\d+-$/, "the second request asks for the rest");
      const from = Number(/=(\d+)-/.exec(requests[1]!.range!)![1]);
      assert.ok(from > 0 && from <= 2 * MiB, `resumed from ${from}`);
      assert.equal(
        server.bytesServed() - (reg.objects.get("models.json")!.length),
        (ranges ? 4 * MiB - from : 4 * MiB) + 2 * MiB + reg.objects.get(server.log[1]!.path)!.length,
      );
    } finally {
      await server.close();
      await rm(data, { recursive: true, force: true });
    }
  });
}

Deno.test("a pull killed inside a chunk resumes from its journal with Range, without fetching the written bytes", async () => {
  const { reg, bytes, chunk } = await oneChunkModel();
  const cut = 2 * MiB + 512 * 1024;
  const server = serveRegistry(
    { objects: reg.objects },
    (path, n) => path === chunk && n === 0 ? { kind: "cut", after: cut } : undefined,
  );
  const data = await tempDir();
  try {
    const env = cliEnv(data, server.url);
    const child = spawnCli(["weights", "pull", "acme/one", "1", "--json"], env);
    const journal = async () => {
      for (const name of await readdir(join(data, ".staging")).catch(() => [] as string[])) {
        const text = await readFile(join(data, ".staging", name, "journal"), "utf8").catch(() => "");
        if (text.includes('"n":2097152')) return true;
      }
      return false;
    };
    await until(journal, "2 MiB of the chunk in the journal");
    child.kill("SIGKILL");
    await finish(child);
    const resumed = await runCli(["weights", "pull", "acme/one", "1", "--json"], env);
    assert.equal(resumed.code, 0, resumed.stderr);
    const second = server.log.filter((l) => l.path === chunk)[1]!;
    assert.equal(second.range, `bytes=${2 * MiB}-`);
    await expectModel(JSON.parse(resumed.stdout).path, bytes);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("peak disk is the model's size: staged files are written in place, nothing is written twice", async () => {
  const reg = new MemoryRegistry();
  const bytes = randomBytes(8 * MiB, 9);
  await reg.model("acme/peak", "1", [["w.bin", bytes]], MiB);
  const chunks = [...reg.objects.keys()].filter((k) => reg.objects.get(k)!.length === MiB);
  let peak = 0;
  const data = await tempDir();
  const server = serveRegistry(
    { objects: reg.objects },
    (path) => chunks.includes(path) ? { kind: "slow", delayMs: 20 } : undefined,
  );
  try {
    const m = new WeightsManager({
      registryUrl: server.url,
      dataDir: data,
      concurrency: 2,
      onProgress: () => {},
    });
    const sampling = (async () => {
      for (;;) {
        peak = Math.max(peak, await diskUsage(data));
        if (await stat(join(data, "registry.json")).catch(() => undefined)) return;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const r = await m.pull("acme/peak", "1");
    await sampling;
    assert.deepEqual(new Uint8Array(await readFile(join(r.path, "w.bin"))), bytes);
    assert.ok(peak <= 8 * MiB + 256 * 1024, `peak disk ${peak} bytes for an 8 MiB model`);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("a pull that cannot fit is refused before any download, with both numbers (exit 7)", async () => {
  const data = await tempDir();
  const free = await freeBytes(data);
  assert.ok(free !== undefined, "statfs works here");
  const chunkSize = 256 * MiB;
  const count = Math.ceil((free + 1024 * MiB) / chunkSize);
  const reg = new MemoryRegistry();
  const fake = "ab".repeat(32);
  await reg.manifest("acme/huge", "1", {
    total_size: count * chunkSize,
    chunk_size: chunkSize,
    chunks: Array.from({ length: count }, () => fake),
    files: [{ path: "huge.bin", size: count * chunkSize }],
  });
  const server = serveRegistry({ objects: reg.objects });
  try {
    const m = new WeightsManager({ registryUrl: server.url, dataDir: data });
    await assert.rejects(m.pull("acme/huge", "1"), (e: unknown) => {
      assert.ok(e instanceof WeightsStorageError, String(e));
      assert.equal(e.code, "NO_SPACE");
      assert.equal(e.needed, count * chunkSize);
      assert.ok(e.available! < e.needed!);
      return true;
    });
    assert.equal(server.count(`data/${fake}`), 0, "nothing downloaded");
    assert.deepEqual(
      await readdir(join(data, ".staging")).catch(() => []),
      [],
      "and nothing staged to prune",
    );
    const cli = await runCli(["weights", "pull", "acme/huge", "1"], cliEnv(data, server.url));
    assert.equal(cli.code, 7, cli.stderr);
    assert.match(cli.stderr, /needs \d+ bytes, \d+ are free/);
    assert.match(cli.stderr, /hint: .* needed, .* free/);
    const json = await runCli(["weights", "pull", "acme/huge", "1", "--json"], cliEnv(data, server.url));
    const error = JSON.parse(json.stdout).error;
    assert.equal(error.code, "storage");
    assert.equal(error.exitCode, 7);
    assert.equal(error.needed, count * chunkSize);
    assert.equal(typeof error.available, "number");
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("a disk error during a pull is a storage error and prune clears what it left", async () => {
  const { reg, chunk } = await oneChunkModel();
  const server = serveRegistry(
    { objects: reg.objects },
    (path) => path === chunk ? { kind: "status", status: 404 } : undefined,
  );
  const data = await tempDir();
  try {
    const m = new WeightsManager({ registryUrl: server.url, dataDir: data, retry: { baseDelayMs: 1 } });
    await assert.rejects(m.pull("acme/one", "1"), (e: unknown) => isStarmapError(e, "network"));
    assert.equal((await readdir(join(data, ".staging"))).length, 1, "the staged files stay for a resume");
    // the staging of a live process stays; once its process is gone, prune removes it
    assert.equal((await m.pruneCache()).staging, 0);
    const owner = join(data, ".staging", (await readdir(join(data, ".staging")))[0]!, "owner.json");
    const dead = new Deno.Command(Deno.execPath(), { args: ["eval", "0"] }).spawn();
    await dead.status;
    const record = JSON.parse(await readFile(owner, "utf8"));
    await Deno.writeTextFile(owner, JSON.stringify({ ...record, pid: dead.pid }));
    const pruned = await m.pruneCache();
    assert.equal(pruned.staging, 1);
    assert.deepEqual(await readdir(join(data, ".staging")), []);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("a chunk whose every byte arrived before the connection failed is verified, not asked for again past its end", async () => {
  const { reg, bytes, chunk } = await oneChunkModel();
  const server = serveRegistry(
    { objects: reg.objects },
    (path, n) => path === chunk && n === 0 ? { kind: "unterminated" } : undefined,
  );
  const data = await tempDir();
  try {
    const m = new WeightsManager({ registryUrl: server.url, dataDir: data, retry: { baseDelayMs: 1 } });
    const r = await m.pull("acme/one", "1");
    await expectModel(r.path, bytes);
    const ranges = server.log.filter((l) => l.path === chunk).map((l) => l.range);
    assert.deepEqual(
      ranges,
      [undefined],
      "one request: the bytes on disk were verified, no range past the end",
    );
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});
