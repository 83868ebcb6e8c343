import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { acquireFileLock, LockTimeoutError, nativeFileLocks } from "./file_lock.ts";

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "starmap-lock-"));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

for (const portable of [false, true]) {
  Deno.test(`${portable ? "portable" : "native"} lock: exclusive, times out, then passes to the next holder`, async () => {
    if (!portable) assert.ok(nativeFileLocks, "Deno has native file locks");
    await withDir(async (dir) => {
      const path = join(dir, "sub", "x.lock");
      const first = await acquireFileLock(path, { portable });
      await assert.rejects(acquireFileLock(path, { portable, timeoutMs: 50 }), (e: unknown) => {
        assert.ok(e instanceof LockTimeoutError);
        assert.match(e.message, /held by pid \d+/);
        return true;
      });
      const waiting = acquireFileLock(path, { portable, timeoutMs: 10_000 });
      await first.release();
      const second = await waiting;
      await second.release();
      await first.release();
    });
  });
}

Deno.test("portable lock: a lock file left by a dead process is taken over", async () => {
  await withDir(async (dir) => {
    const child = new Deno.Command(Deno.execPath(), { args: ["eval", "0"] }).spawn();
    const { pid } = child;
    await child.status;
    const path = join(dir, "x.lock");
    const host = (await import("node:os")).hostname();
    await writeFile(path, JSON.stringify({ pid, host, since: new Date().toISOString() }));
    const lock = await acquireFileLock(path, { portable: true, timeoutMs: 2000 });
    assert.equal(JSON.parse(await readFile(path, "utf8")).pid, Deno.pid);
    await lock.release();
  });
});

Deno.test("waiting for a lock stops when aborted", async () => {
  await withDir(async (dir) => {
    const path = join(dir, "x.lock");
    const held = await acquireFileLock(path);
    const controller = new AbortController();
    const waiting = acquireFileLock(path, { signal: controller.signal });
    controller.abort(new Error("stop"));
    await assert.rejects(waiting, /stop/);
    await held.release();
  });
});
