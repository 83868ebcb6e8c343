import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, finish, runCli, spawnCli } from "./helpers/weights_cli.ts";
import { MemoryRegistry, randomBytes, serveRegistry } from "./helpers/weights_server.ts";

const CHUNK = 4096;
const CHUNKS = 30;

/** A registry of one model of 30 distinct chunks whose chunk responses are slowed down. */
async function slowRegistry(delayMs: number) {
  const reg = new MemoryRegistry();
  const bytes = randomBytes(CHUNK * CHUNKS, 99);
  await reg.model("acme/big", "1", [["a/w.bin", bytes.subarray(0, 50_000)], [
    "b.bin",
    bytes.subarray(50_000),
  ]], CHUNK);
  const server = serveRegistry(
    { objects: reg.objects },
    (path) =>
      path.startsWith("data/") && reg.objects.get(path)!.length === CHUNK
        ? { kind: "slow", delayMs }
        : undefined,
  );
  const chunkPaths = [...reg.objects.keys()].filter((k) =>
    k.startsWith("data/") && reg.objects.get(k)!.length === CHUNK
  );
  return { server, bytes, chunkPaths };
}

/** The chunks the journals of staged pulls record as verified. */
async function cached(data: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(join(data, ".staging")).catch(() => [] as string[])) {
    const text = await readFile(join(data, ".staging", name, "journal"), "utf8").catch(() => "");
    for (const line of text.split("\n")) if (line.startsWith('{"c":')) out.push(JSON.parse(line).c);
  }
  return out;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
}

async function expectInstalled(data: string, bytes: Uint8Array): Promise<void> {
  const dir = join(data, "acme", "big", "1");
  const joined = new Uint8Array([
    ...await readFile(join(dir, "a", "w.bin")),
    ...await readFile(join(dir, "b.bin")),
  ]);
  assert.deepEqual(joined, bytes);
}

Deno.test("a pull killed with SIGKILL resumes without fetching cached chunks again", async () => {
  const { server, bytes, chunkPaths } = await slowRegistry(40);
  const data = await mkdtemp(join(tmpdir(), "starmap-kill-"));
  try {
    const env = cliEnv(data, server.url);
    const child = spawnCli(["weights", "pull", "acme/big", "1", "--concurrency", "2", "--json"], env);
    await until(async () => (await cached(data)).length >= 8, "8 cached chunks");
    child.kill("SIGKILL");
    const killed = await finish(child);
    assert.notEqual(killed.code, 0);
    const before = await cached(data);
    assert.ok(before.length < CHUNKS, "killed before the end");
    assert.equal(
      await stat(join(data, "acme", "big", "1")).catch(() => undefined),
      undefined,
      "no partial model",
    );
    assert.equal(
      await stat(join(data, "registry.json")).catch(() => undefined),
      undefined,
      "no registry entry",
    );
    server.setFaults(undefined);
    const resumed = await runCli(["weights", "pull", "acme/big", "1", "--json"], env);
    assert.equal(resumed.code, 0, resumed.stderr);
    const result = JSON.parse(resumed.stdout);
    assert.ok(result.cachedChunks >= before.length, `${result.cachedChunks} cached, ${before.length} before`);
    assert.equal(result.fetchedChunks + result.cachedChunks, CHUNKS);
    for (const hash of before) assert.equal(server.count(`data/${hash}`), 1, `chunk ${hash} fetched twice`);
    for (const path of chunkPaths) {
      assert.ok(server.count(path) <= 2, `${path} fetched ${server.count(path)} times`);
    }
    await expectInstalled(data, bytes);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("the next command removes the staging of a pull killed with SIGKILL; an interrupted pull keeps it", async () => {
  const { server } = await slowRegistry(40);
  const data = await mkdtemp(join(tmpdir(), "starmap-dead-"));
  try {
    const env = cliEnv(data, server.url);
    const args = ["weights", "pull", "acme/big", "1", "--concurrency", "2", "--json"];
    const killed = spawnCli(args, env);
    await until(async () => (await cached(data)).length >= 4, "4 cached chunks");
    killed.kill("SIGKILL");
    await finish(killed);
    assert.equal((await readdir(join(data, ".staging"))).length, 1, "the killed pull left its staging");
    assert.ok((await readdir(join(data, ".store", "claims")).catch(() => [])).length > 0, "and its claims");
    const list = await runCli(["weights", "list", "--json"], env);
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(JSON.parse(list.stdout), []);
    assert.match(list.stderr, /removed the partial files of a pull of acme\/big 1 whose process \d+ is gone/);
    assert.deepEqual(await readdir(join(data, ".staging")), []);
    assert.deepEqual(await readdir(join(data, ".store", "claims")).catch(() => []), []);

    const stopped = spawnCli(args, env);
    await until(async () => (await cached(data)).length >= 4, "4 cached chunks again");
    stopped.kill("SIGINT");
    assert.notEqual((await finish(stopped)).code, 0);
    const kept = (await cached(data)).length;
    const again = await runCli(["weights", "list", "--json"], env);
    assert.equal(again.code, 0, again.stderr);
    assert.doesNotMatch(again.stderr, /removed/);
    assert.equal((await cached(data)).length, kept, "an interrupted pull keeps its verified chunks");
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("two processes pulling the same model: one downloads, the other waits and reports it installed", async () => {
  const { server, bytes, chunkPaths } = await slowRegistry(10);
  const data = await mkdtemp(join(tmpdir(), "starmap-two-"));
  try {
    const env = cliEnv(data, server.url);
    const args = ["weights", "pull", "acme/big", "1", "--json"];
    const [a, b] = await Promise.all([finish(spawnCli(args, env)), finish(spawnCli(args, env))]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    const statuses = [JSON.parse(a.stdout).status, JSON.parse(b.stdout).status].sort();
    assert.deepEqual(statuses, ["already_installed", "installed"]);
    for (const path of chunkPaths) assert.equal(server.count(path), 1, `${path} fetched twice`);
    await expectInstalled(data, bytes);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("remove during a pull waits for the pull, then removes the whole model", async () => {
  const { server } = await slowRegistry(30);
  const data = await mkdtemp(join(tmpdir(), "starmap-rm-"));
  try {
    const env = cliEnv(data, server.url);
    const pull = spawnCli(["weights", "pull", "acme/big", "1", "--concurrency", "1", "--json"], env);
    await until(async () => (await cached(data)).length >= 2, "the pull to start");
    const removed = await runCli(["weights", "remove", "acme/big", "-y", "--json"], env);
    const pulled = await finish(pull);
    assert.equal(pulled.code, 0, pulled.stderr);
    assert.equal(JSON.parse(pulled.stdout).status, "installed");
    assert.equal(removed.code, 0, removed.stderr);
    assert.deepEqual(JSON.parse(removed.stdout).removed.map((r: { version: string }) => r.version), ["1"]);
    assert.equal(await stat(join(data, "acme", "big", "1")).catch(() => undefined), undefined);
    assert.deepEqual(JSON.parse(await readFile(join(data, "registry.json"), "utf8")), {});
    assert.deepEqual(await readdir(join(data, ".staging")).catch(() => []), []);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("disk errors: a models directory that cannot be created or written is a storage error (exit 7)", async () => {
  const { server } = await slowRegistry(0);
  const base = await mkdtemp(join(tmpdir(), "starmap-disk-"));
  try {
    // Tests run as root here, where chmod does not stop writes; a path whose parent is a regular file fails for
    // every user. A read-only directory is tried too, and must fail unless we are root.
    await Deno.writeFile(join(base, "file"), new Uint8Array(1));
    const r = await runCli(
      ["weights", "pull", "acme/big", "1"],
      cliEnv(join(base, "file", "models"), server.url, join(base, "home")),
    );
    assert.equal(r.code, 7, r.stderr);
    assert.match(r.stderr, /cannot create .*file\/models/);
    assert.match(r.stderr, /hint:/);
    const ro = join(base, "ro");
    await Deno.mkdir(ro, { mode: 0o555 });
    await Deno.chmod(ro, 0o555);
    const roResult = await runCli(["weights", "pull", "acme/big", "1"], cliEnv(ro, server.url));
    if (Deno.uid() !== 0) {
      assert.equal(roResult.code, 7, roResult.stderr);
      assert.match(roResult.stderr, /permission|denied/i);
    } else assert.equal(roResult.code, 0, roResult.stderr);
  } finally {
    await server.close();
    await rm(base, { recursive: true, force: true });
  }
});
