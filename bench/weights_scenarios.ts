/**
 * The states the weights benchmark measures from: a model of random data, a fine-tune of it packed beside it, a
 * pull with every chunk already verified (its staged files and a journal listing every chunk, as an interrupted
 * pull leaves them), and a version republished with one chunk changed.
 *
 * @module
 */
import { link, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { sha256Hex } from "../src/weights/_hash.ts";
import { pack } from "../src/weights/_packer.ts";

interface Manifest {
  total_size: number;
  chunk_size: number;
  chunks: string[];
  files: { path: string; size: number; sha256?: string }[];
}

/**
 * Turns an installed `bench/model 1` back into the state of a pull interrupted after its last chunk was verified:
 * the files staged under their staging names, a journal listing every chunk, no registry entry, no store.
 */
export async function stageAllVerified(models: string): Promise<void> {
  const dir = join(models, "bench", "model", "1");
  const registry = JSON.parse(await readFile(join(models, "registry.json"), "utf8"));
  const manifestHash: string = registry.bench.model["1"].manifest_hash;
  const manifest = JSON.parse(await readFile(join(dir, ".starmap", "manifest.json"), "utf8")) as Manifest;
  const record = JSON.parse(await readFile(join(dir, ".starmap", "files.json"), "utf8")) as {
    digests: Record<string, string>;
  };
  const staging = join(models, ".staging", `bench@model@1@${manifestHash.slice(0, 16)}`);
  await mkdir(staging, { recursive: true });
  for (const [i, f] of manifest.files.entries()) {
    await link(join(dir, ...f.path.split("/")), join(staging, `f${i}`));
  }
  const lines = [...new Set(manifest.chunks)].map((c, i) =>
    JSON.stringify(i === 0 ? { c, d: record.digests } : { c })
  );
  await writeFile(join(staging, "journal"), `${lines.join("\n")}\n`);
  await writeFile(join(staging, "owner.json"), JSON.stringify({ pid: 0, host: "bench" }));
  for (
    const p of [dir, join(models, ".store"), join(models, "registry.json"), join(models, "aliases.json")]
  ) {
    await rm(p, { recursive: true, force: true });
  }
}

/** Republishes `bench/model 1` in a registry directory with one chunk changed (the second, or the only one). */
export async function changeOneChunk(registry: string, manifestHash: string): Promise<void> {
  const manifest = JSON.parse(await readFile(join(registry, "data", manifestHash), "utf8")) as Manifest;
  const k = Math.min(1, manifest.chunks.length - 1);
  const bytes = new Uint8Array(await readFile(join(registry, "data", manifest.chunks[k]!)));
  bytes[0]! ^= 0xff;
  const hash = await sha256Hex(bytes);
  await writeFile(join(registry, "data", hash), bytes);
  manifest.chunks[k] = hash;
  // The files that chunk touches no longer have the SHA-256 the manifest stated: a registry then states none.
  let at = 0;
  for (const f of manifest.files) {
    const [from, to] = [k * manifest.chunk_size, (k + 1) * manifest.chunk_size];
    if (at < to && at + f.size > from) delete f.sha256;
    at += f.size;
  }
  const text = new TextEncoder().encode(JSON.stringify(manifest));
  const newHash = await sha256Hex(text);
  await writeFile(join(registry, "data", newHash), text);
  const index = JSON.parse(await readFile(join(registry, "models.json"), "utf8"));
  index.bench.model["1"].hash = newHash;
  await writeFile(join(registry, "models.json"), JSON.stringify(index));
}

/** Writes a model of random data: `model.safetensors` of `total` bytes and a small `config.json`. */
export async function makeModel(dir: string, total: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = await Deno.open(join(dir, "model.safetensors"), { write: true, create: true });
  const buf = new Uint8Array(4 * 1024 * 1024);
  for (let left = total; left > 0; left -= buf.length) {
    for (let i = 0; i < buf.length; i += 65536) crypto.getRandomValues(buf.subarray(i, i + 65536));
    const piece = buf.subarray(0, Math.min(buf.length, left));
    for (let at = 0; at < piece.length;) at += await file.write(piece.subarray(at));
  }
  file.close();
  await writeFile(join(dir, "config.json"), '{"bench":true}\n');
}

/** The size of the fine-tune's own file, as a share of the model's. */
export const TUNED_SHARE = 0.06;

/**
 * Packs `bench/tuned 1`: the model's files plus a new file of its own ({@link TUNED_SHARE} of its size) that sorts
 * first, so every shared byte lies off the model's chunk grid.
 */
export async function packTuned(
  work: string,
  registry: string,
  total: number,
  chunkSize: number,
): Promise<void> {
  const dir = join(work, "tuned");
  await makeModel(dir, Math.round(total * TUNED_SHARE));
  await rename(join(dir, "model.safetensors"), join(dir, "adapter.safetensors"));
  await rm(join(dir, "config.json"));
  for (const name of ["config.json", "model.safetensors"]) {
    await link(join(work, "src", name), join(dir, name));
  }
  await pack({ dir, out: registry, ref: "bench/tuned", version: "1", chunkSize });
  await rm(dir, { recursive: true, force: true });
}
