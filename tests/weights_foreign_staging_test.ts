/**
 * A models directory shared between hosts: `prune` clears the staging of another host's pull once that pull no
 * longer holds its model's lock (its lease ran out or there is none), and keeps it while the lease is alive.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WeightsManager } from "../src/weights/_manager.ts";
import { writeForeignLock } from "./helpers/foreign_lock.ts";

const STAGING = "acme@tiny@1@0123456789abcdef";

async function foreignStaging(data: string): Promise<void> {
  const dir = join(data, ".staging", STAGING);
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, "owner.json"),
    JSON.stringify({ pid: 4242, host: "another-host.example", started: new Date(0).toISOString() }),
  );
  await writeFile(join(dir, "f0"), new Uint8Array(100_000).fill(7));
}

Deno.test("prune clears another host's staging once its pull holds no lock, and keeps it while it does", async () => {
  const data = await mkdtemp(join(tmpdir(), "starmap-foreign-"));
  try {
    const m = new WeightsManager({ registryUrl: "http://127.0.0.1:9/", dataDir: data });
    await foreignStaging(data);
    await writeForeignLock(data, 3_600_000);
    assert.equal((await m.pruneCache()).staging, 0, "a pull on another host with a live lease");
    assert.deepEqual(await readdir(join(data, ".staging")), [STAGING]);

    await writeForeignLock(data, -1000);
    const expired = await m.pruneCache();
    assert.equal(expired.staging, 1, "its lease ran out: that pull is gone");
    assert.ok(expired.bytes >= 100_000, String(expired.bytes));
    assert.deepEqual(await readdir(join(data, ".staging")), []);
    assert.deepEqual(
      await readdir(join(data, ".locks")),
      [],
      "the expired lock taken for the check is released",
    );

    await foreignStaging(data);
    assert.equal((await m.pruneCache()).staging, 1, "no lock at all: no pull is running");
  } finally {
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("prune keeps the staging of another host whose clock runs behind while its pull still renews its lock", async () => {
  const data = await mkdtemp(join(tmpdir(), "starmap-foreign-"));
  try {
    const m = new WeightsManager({ registryUrl: "http://127.0.0.1:9/", dataDir: data });
    await foreignStaging(data);
    // By this host's clock the record ran out an hour ago, but the file was rewritten just now: a live renewal.
    await writeForeignLock(data, -3_600_000);
    const now = new Date();
    await utimes(join(data, ".locks", "acme@tiny.lock"), now, now);
    assert.equal((await m.pruneCache()).staging, 0, "a pull that renews its lock keeps its staging");
    assert.deepEqual(await readdir(join(data, ".staging")), [STAGING]);
  } finally {
    await rm(data, { recursive: true, force: true });
  }
});
