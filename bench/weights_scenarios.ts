/**
 * The states the weights benchmark measures from: a pull with every chunk already verified (its staged files and
 * a journal listing every chunk, as an interrupted pull leaves them), a version republished with one chunk
 * changed, and the disk a models directory uses (each inode once, as hard links share one copy).
 *
 * @module
 */
import { link, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { sha256Hex } from "../src/weights/_hash.ts";

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
