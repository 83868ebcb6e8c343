/**
 * Two processes pulling, at the same time, two models that share a file only by its SHA-256 (off the chunk grid,
 * so no chunk matches): the one finishing second installs the first one's stored copy instead of its own, so the
 * file is stored once.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pack } from "../src/weights/_packer.ts";
import { cliEnv, finish, spawnCli } from "./helpers/weights_cli.ts";
import { randomBytes, serveRegistry } from "./helpers/weights_server.ts";

const CHUNK = 4096;

async function packDir(out: string, ref: string, files: [string, Uint8Array][]): Promise<string[]> {
  const src = await mkdtemp(join(tmpdir(), "starmap-concurrent-src-"));
  try {
    for (const [path, bytes] of files) await writeFile(join(src, path), bytes);
    await pack({ dir: src, out, ref, version: "1", chunkSize: CHUNK });
    const index = JSON.parse(await readFile(join(out, "models.json"), "utf8"));
    const [group, model] = ref.split("/") as [string, string];
    const manifest = JSON.parse(await readFile(join(out, "data", index[group][model]["1"].hash), "utf8"));
    return (manifest.chunks as string[]).map((c) => `data/${c}`);
  } finally {
    await rm(src, { recursive: true, force: true });
  }
}

Deno.test("concurrent pulls of models sharing a file off the chunk grid store it once", async () => {
  const root = await mkdtemp(join(tmpdir(), "starmap-concurrent-share-"));
  const out = join(root, "reg");
  await mkdir(out);
  const big = randomBytes(6 * CHUNK + 123, 21);
  const base = await packDir(out, "acme/base", [["model.bin", big]]);
  // A small file sorting first moves model.bin off the grid: no chunk of acme/tuned is one of acme/base.
  const tuned = await packDir(out, "acme/tuned", [["adapter.bin", randomBytes(1000, 22)], [
    "model.bin",
    big,
  ]]);
  assert.ok(!tuned.some((c) => base.includes(c)));
  // acme/tuned starts (and finds nothing to share) before acme/base is installed, and finishes after it.
  const server = serveRegistry({ dir: out }, (path) => {
    if (base.includes(path)) return { kind: "slow", delayMs: 500 };
    if (tuned.includes(path)) return { kind: "slow", delayMs: 2000 };
    return undefined;
  });
  try {
    const models = join(root, "models");
    const env = cliEnv(models, server.url);
    const [a, b] = await Promise.all(
      ["acme/base", "acme/tuned"].map((ref) =>
        finish(spawnCli(["weights", "pull", ref, "1", "--json"], env))
      ),
    );
    assert.equal(a!.code, 0, a!.stderr);
    assert.equal(b!.code, 0, b!.stderr);
    const [pa, pb] = [JSON.parse(a!.stdout).path, JSON.parse(b!.stdout).path];
    const [sa, sb] = [await stat(join(pa, "model.bin")), await stat(join(pb, "model.bin"))];
    assert.equal(sb.ino, sa.ino, "one stored copy of model.bin, linked into both versions");
    assert.equal(sa.nlink, 3, "the store and two versions");
    assert.deepEqual(new Uint8Array(await readFile(join(pb, "model.bin"))), big);
    const stored = (await readdir(join(models, ".store"))).filter((n) => /^[0-9a-f]{64}$/.test(n));
    assert.equal(stored.length, 2, `model.bin and adapter.bin: ${stored.join(", ")}`);
  } finally {
    await server.close();
    await rm(root, { recursive: true, force: true });
  }
});
