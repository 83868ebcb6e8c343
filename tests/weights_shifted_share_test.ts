import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pack } from "../src/weights/_packer.ts";
import { WeightsManager } from "../src/weights/_manager.ts";
import { diskUsage } from "./helpers/disk_usage.ts";
import { randomBytes, serveRegistry } from "./helpers/weights_server.ts";

const CHUNK = 4096;

async function packDir(
  out: string,
  ref: string,
  version: string,
  files: [string, Uint8Array][],
): Promise<void> {
  const src = await mkdtemp(join(tmpdir(), "starmap-shift-src-"));
  try {
    for (const [path, bytes] of files) {
      await mkdir(join(src, path, ".."), { recursive: true });
      await writeFile(join(src, path), bytes);
    }
    await pack({ dir: src, out, ref, version, chunkSize: CHUNK });
  } finally {
    await rm(src, { recursive: true, force: true });
  }
}

Deno.test("identical files are shared even when an earlier file shifts every chunk boundary", async () => {
  const out = await mkdtemp(join(tmpdir(), "starmap-shift-reg-"));
  const data = await mkdtemp(join(tmpdir(), "starmap-shift-data-"));
  const big = randomBytes(40 * CHUNK + 123, 7);
  const tail = randomBytes(20 * CHUNK + 5, 8);
  await packDir(out, "acme/base", "1", [["model.bin", big], ["tokenizer.bin", tail]]);
  // A fine-tune: a small new file sorting first moves every later byte off the chunk grid.
  await packDir(out, "acme/tuned", "1", [["adapter.bin", randomBytes(1000, 9)], ["model.bin", big], [
    "tokenizer.bin",
    tail,
  ]]);
  const manifest = JSON.parse(await readFile(join(out, "models.json"), "utf8"));
  assert.ok(manifest.acme.tuned["1"].hash);
  const server = serveRegistry({ dir: out });
  try {
    const m = new WeightsManager({ registryUrl: server.url, dataDir: data });
    await m.pull("acme/base", "1");
    const one = await diskUsage(data);
    const mark = server.log.length;
    const tuned = await m.pull("acme/tuned", "1");
    const chunkGets = server.log.slice(mark).filter((r) => r.path.startsWith("data/")).length - 1;
    assert.equal(tuned.sharedFiles, 2, "model.bin and tokenizer.bin come from the store");
    assert.ok(chunkGets <= 2, `only the chunks of the new file are fetched (got ${chunkGets})`);
    assert.deepEqual(new Uint8Array(await readFile(join(tuned.path, "model.bin"))), big);
    assert.equal((await stat(join(tuned.path, "model.bin"))).nlink, 3, "store + two versions");
    const both = await diskUsage(data);
    assert.ok(both < one * 1.1, `two models sharing most data take ${both} bytes beside ${one} for one`);
  } finally {
    await server.close();
    await rm(out, { recursive: true, force: true });
    await rm(data, { recursive: true, force: true });
  }
});

Deno.test("a stored file that no longer matches the SHA-256 a manifest states is not shared", async () => {
  const out = await mkdtemp(join(tmpdir(), "starmap-shift-reg-"));
  const data = await mkdtemp(join(tmpdir(), "starmap-shift-data-"));
  const big = randomBytes(10 * CHUNK, 3);
  await packDir(out, "acme/base", "1", [["model.bin", big]]);
  await packDir(out, "acme/tuned", "1", [["a.bin", randomBytes(100, 4)], ["model.bin", big]]);
  const server = serveRegistry({ dir: out });
  try {
    const m = new WeightsManager({ registryUrl: server.url, dataDir: data });
    const base = await m.pull("acme/base", "1");
    // Damage the stored copy (the version links to it): sharing must check the bytes, not trust the record.
    const bytes = new Uint8Array(await readFile(join(base.path, "model.bin")));
    bytes[5] = bytes[5]! ^ 0xff;
    await writeFile(join(base.path, "model.bin"), bytes);
    const tuned = await m.pull("acme/tuned", "1");
    assert.equal(tuned.sharedFiles, 0);
    assert.deepEqual(new Uint8Array(await readFile(join(tuned.path, "model.bin"))), big);
  } finally {
    await server.close();
    await rm(out, { recursive: true, force: true });
    await rm(data, { recursive: true, force: true });
  }
});
