import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { acquireFileLock, type LockOwner, LockTimeoutError } from "./_file_lock.ts";

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "starmap-lock-"));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

Deno.test("lock: exclusive, says who holds it, times out, then passes to the next holder", async () => {
  await withDir(async (dir) => {
    const path = join(dir, "sub", "x.lock");
    const first = await acquireFileLock(path, { purpose: "pull acme/tiny 1" });
    let told: LockOwner | undefined;
    await assert.rejects(
      acquireFileLock(path, { timeoutMs: 50, onWait: (o) => told = o }),
      (e: unknown) => {
        assert.ok(e instanceof LockTimeoutError);
        assert.match(e.message, /held by pid \d+ on .* \(pull acme\/tiny 1\)/);
        return true;
      },
    );
    assert.equal(told?.pid, Deno.pid);
    assert.equal(told?.purpose, "pull acme/tiny 1");
    const waiting = acquireFileLock(path, { timeoutMs: 10_000 });
    await first.release();
    const second = await waiting;
    await second.release();
    await first.release();
  });
});

Deno.test("lock: a lock file left by a dead process on this host is taken over", async () => {
  await withDir(async (dir) => {
    const child = new Deno.Command(Deno.execPath(), { args: ["eval", "0"] }).spawn();
    const { pid } = child;
    await child.status;
    const path = join(dir, "x.lock");
    const host = (await import("node:os")).hostname();
    const far = new Date(Date.now() + 3600_000).toISOString();
    await writeFile(path, JSON.stringify({ pid, host, since: new Date().toISOString(), expires: far }));
    const lock = await acquireFileLock(path, { timeoutMs: 2000 });
    assert.equal(JSON.parse(await readFile(path, "utf8")).pid, Deno.pid);
    await lock.release();
  });
});

Deno.test("lock: another host's lock is a lease: it blocks while valid and is taken once it ran out", async () => {
  await withDir(async (dir) => {
    const path = join(dir, "x.lock");
    await writeFile(path, foreignRecord(Date.now() + 60_000, 300));
    await assert.rejects(acquireFileLock(path, { timeoutMs: 100 }), /held by pid 1 on elsewhere\.example/);
    await writeFile(path, foreignRecord(Date.now() + 300, 300));
    const lock = await acquireFileLock(path, { timeoutMs: 5000 });
    assert.equal(JSON.parse(await readFile(path, "utf8")).pid, Deno.pid);
    await lock.release();
  });
});

/** The record of a lock held on another host, with `expires` by that host's clock. */
function foreignRecord(expires: number, lease: number, n = 0): string {
  return JSON.stringify({
    pid: 1,
    host: "elsewhere.example",
    started: new Date(0).toISOString(),
    since: new Date(0).toISOString(),
    expires: new Date(expires).toISOString(),
    lease,
    renewal: n,
  });
}

Deno.test("lock: another host whose clock runs an hour ahead is waited on for one lease, not an hour", async () => {
  await withDir(async (dir) => {
    const path = join(dir, "x.lock");
    await writeFile(path, foreignRecord(Date.now() + 3_600_000, 400));
    const started = performance.now();
    const lock = await acquireFileLock(path, { timeoutMs: 10_000 });
    const waited = performance.now() - started;
    assert.ok(waited >= 380, `its record stayed the same for a lease before it was taken (${waited} ms)`);
    assert.equal(JSON.parse(await readFile(path, "utf8")).pid, Deno.pid);
    await lock.release();
  });
});

Deno.test("lock: another host whose clock runs behind keeps its lock while it renews it", async () => {
  await withDir(async (dir) => {
    const path = join(dir, "x.lock");
    let n = 0;
    // By this host's clock the lease ran out an hour ago, but the holder rewrites it every third of the lease.
    await writeFile(path, foreignRecord(Date.now() - 3_600_000, 300, n));
    const renewing = setInterval(() => writeFile(path, foreignRecord(Date.now() - 3_600_000, 300, ++n)), 100);
    try {
      await assert.rejects(acquireFileLock(path, { timeoutMs: 1500 }), LockTimeoutError);
      assert.equal(JSON.parse(await readFile(path, "utf8")).pid, 1, "the live holder keeps its lock");
    } finally {
      clearInterval(renewing);
    }
    const lock = await acquireFileLock(path, { timeoutMs: 5000 });
    assert.equal(
      JSON.parse(await readFile(path, "utf8")).pid,
      Deno.pid,
      "once it stops renewing, it is taken",
    );
    await lock.release();
  });
});

Deno.test("lock: the holder renews its lease while it holds the lock", async () => {
  await withDir(async (dir) => {
    const path = join(dir, "x.lock");
    const lock = await acquireFileLock(path, { leaseMs: 150 });
    const first = JSON.parse(await readFile(path, "utf8")).expires;
    await new Promise((r) => setTimeout(r, 400));
    const later = JSON.parse(await readFile(path, "utf8")).expires;
    assert.ok(Date.parse(later) > Date.parse(first), "the lease was renewed");
    await assert.rejects(acquireFileLock(path, { timeoutMs: 100 }), LockTimeoutError);
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
