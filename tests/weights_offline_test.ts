import assert from "node:assert/strict";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, finish, runCli, spawnCli } from "./helpers/weights_cli.ts";
import { MemoryRegistry, randomBytes, serveRegistry } from "./helpers/weights_server.ts";

async function tempDir(): Promise<string> {
  return await mkdtemp(join(tmpdir(), "starmap-offline-"));
}

async function registry() {
  const reg = new MemoryRegistry();
  await reg.model(
    "acme/tiny",
    "1.0",
    [["w.bin", randomBytes(40_000, 1)], ["c.json", randomBytes(300, 2)]],
    8192,
  );
  reg.entry("acme/tiny", "latest", { alias: "1.0" });
  return reg;
}

/** Runs `mount` (tests that need a small or read-only file system run where mounting a tmpfs is allowed). */
async function mount(args: string[]): Promise<boolean> {
  const out = await new Deno.Command("mount", { args, stdout: "null", stderr: "null" }).output().catch(() =>
    undefined
  );
  return out?.code === 0;
}

const probe = await tempDir();
const canMount = Deno.build.os === "linux" && await mount(["-t", "tmpfs", "-o", "size=1m", "tmpfs", probe]);
if (canMount) await new Deno.Command("umount", { args: [probe] }).output();
await rm(probe, { recursive: true, force: true });

Deno.test("installed models work offline: path, info, list and pull need no network", async () => {
  const reg = await registry();
  const server = serveRegistry({ objects: reg.objects });
  const data = await tempDir();
  const env = cliEnv(data, server.url);
  try {
    const pulled = await runCli(["weights", "pull", "acme/tiny", "latest", "--json"], env);
    assert.equal(pulled.code, 0, pulled.stderr);
    // from now on the registry answers nothing useful, and every request is counted
    server.setFaults(() => ({ kind: "status", status: 404 }));
    const before = server.log.length;
    for (
      const args of [["path", "acme/tiny", "1.0"], ["path", "acme/tiny", "latest"], ["list"], [
        "info",
        "acme/tiny",
        "latest",
      ]]
    ) {
      const r = await runCli(["weights", ...args], env);
      assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
    }
    const info = await runCli(["weights", "info", "acme/tiny", "latest", "--json"], env);
    assert.equal(JSON.parse(info.stdout).version, "1.0");
    assert.equal(JSON.parse(info.stdout).requested, "latest");
    for (const v of ["1.0", "latest"]) {
      const again = await runCli(["weights", "pull", "acme/tiny", v, "--json"], env);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(JSON.parse(again.stdout).status, "already_installed");
    }
    assert.equal(server.log.length, before, "no request at all");
    const forced = await runCli(["weights", "pull", "acme/tiny", "1.0", "--force"], env);
    assert.equal(forced.code, 5, "--force goes to the registry");
    assert.doesNotMatch(forced.stderr, /resume/, "nothing was interrupted, so no resume hint");
    const update = await runCli(["weights", "update"], env);
    assert.equal(update.code, 5, "update goes to the registry");
    assert.equal(server.log.length, before + 2);
  } finally {
    await server.close();
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test({
  name: "a read-only models directory serves installed models",
  ignore: Deno.uid() === 0 && !canMount,
  fn: async () => {
    const reg = await registry();
    const server = serveRegistry({ objects: reg.objects });
    const data = await tempDir();
    const mounted = Deno.uid() === 0 && await mount(["-t", "tmpfs", "-o", "size=4m", "tmpfs", data]);
    const env = cliEnv(data, server.url);
    try {
      assert.equal((await runCli(["weights", "pull", "acme/tiny", "latest"], env)).code, 0);
      if (mounted) assert.ok(await mount(["-o", "remount,ro", data]));
      else await Deno.chmod(data, 0o555);
      for (
        const args of [["path", "acme/tiny", "latest"], ["list"], ["info", "acme/tiny", "1.0"], [
          "pull",
          "acme/tiny",
          "1.0",
        ]]
      ) {
        const r = await runCli(["weights", ...args], env);
        assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
      }
      const other = await runCli(["weights", "pull", "acme/tiny", "1.0", "--force"], env);
      assert.equal(other.code, 7, "a pull that must write fails as storage");
      assert.match(other.stderr, /read-only|permission/i);
      const removed = await runCli(["weights", "remove", "acme/tiny", "1.0", "-y"], env);
      assert.equal(removed.code, 7, removed.stderr);
      if (mounted) {
        assert.match(
          removed.stderr,
          /hint: the file system is read-only: installed models can be used, but pulls, /,
        );
        assert.doesNotMatch(removed.stderr, /but pulls need/, "the hint fits a removal too");
      }
    } finally {
      await server.close();
      if (mounted) await new Deno.Command("umount", { args: [data] }).output();
      else await Deno.chmod(data, 0o755);
      await rm(data, { recursive: true, force: true });
    }
  },
});

Deno.test({
  name: "a disk that fills during a pull stops it with exit 7; prune clears what it left",
  ignore: !canMount || Deno.uid() !== 0,
  fn: async () => {
    const reg = new MemoryRegistry();
    await reg.model("acme/big", "1", [["w.bin", randomBytes(3 * 1024 * 1024, 4)]], 256 * 1024);
    const chunks = [...reg.objects.keys()].filter((k) => reg.objects.get(k)!.length === 256 * 1024);
    // The disk is filled once the first chunk is asked for: the pull has then passed its free-space check.
    let chunkAsked = () => {};
    const asked = new Promise<void>((resolve) => chunkAsked = resolve);
    const server = serveRegistry(
      { objects: reg.objects },
      (path) => {
        if (!chunks.includes(path)) return undefined;
        chunkAsked();
        return { kind: "slow", delayMs: 100 };
      },
    );
    const data = await tempDir();
    assert.ok(await mount(["-t", "tmpfs", "-o", "size=4m", "tmpfs", data]));
    const env = cliEnv(data, server.url);
    try {
      const child = spawnCli(["weights", "pull", "acme/big", "1", "--concurrency", "1"], env);
      await asked;
      await writeFile(join(data, "filler"), new Uint8Array(3 * 1024 * 1024)).catch(() => {});
      const r = await finish(child);
      assert.equal(r.code, 7, r.stderr);
      assert.match(r.stderr, /No space left|ENOSPC|no space/i);
      assert.match(
        r.stderr,
        /hint: free some disk space, then run `starmap weights pull acme\/big 1` again to resume \(\d+ verified chunks? (?:is|are) kept\), or `starmap weights prune` to remove them\n/,
      );
      assert.equal(r.stderr.match(/resume/g)?.length, 1, "one resume advice");
      await rm(join(data, "filler"));
      const pruned = await runCli(["weights", "prune", "-y", "--json"], env);
      assert.equal(pruned.code, 0, pruned.stderr);
      assert.equal(JSON.parse(pruned.stdout).staging, 1);
      assert.deepEqual(await readdir(join(data, ".staging")), []);
    } finally {
      await server.close();
      await new Deno.Command("umount", { args: [data] }).output();
      await rm(data, { recursive: true, force: true });
    }
  },
});

Deno.test({
  name: "a small file system refuses a pull that cannot fit, with both numbers",
  ignore: !canMount || Deno.uid() !== 0,
  fn: async () => {
    const reg = new MemoryRegistry();
    await reg.model("acme/big", "1", [["w.bin", randomBytes(2 * 1024 * 1024, 4)]], 256 * 1024);
    const server = serveRegistry({ objects: reg.objects });
    const data = await tempDir();
    assert.ok(await mount(["-t", "tmpfs", "-o", "size=1m", "tmpfs", data]));
    try {
      const r = await runCli(["weights", "pull", "acme/big", "1"], cliEnv(data, server.url));
      assert.equal(r.code, 7, r.stderr);
      assert.match(r.stderr, /needs 2097152 bytes, \d+ are free/);
      assert.equal(server.log.filter((l) => l.path.startsWith("data/")).length, 1, "only the manifest");
    } finally {
      await server.close();
      await new Deno.Command("umount", { args: [data] }).output();
      await rm(data, { recursive: true, force: true });
    }
  },
});
