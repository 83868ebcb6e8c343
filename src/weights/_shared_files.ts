/**
 * Sharing by a file's own SHA-256: a manifest that states each file's SHA-256 (starmap's packer writes it) lets a
 * pull take an identical file from the store even when it lies off this version's chunk grid (a new file sorting
 * earlier shifts every later chunk, so no chunk or piece digest matches). The stored copy is read and hashed
 * before it is taken: a record's word is never trusted, and a damaged copy is fetched instead.
 *
 * @module
 */
import { openAt } from "../runtime/mod.ts";
import { type KnownFiles, shaKey } from "./_file_keys.ts";
import { isHash, sha256 } from "./_hash.ts";
import type { Manifest } from "./_schema.ts";

/** The SHA-256 a manifest states for its file `index`, when it states a well-formed one. */
export function statedSha256(manifest: Manifest, index: number): string | undefined {
  const value = manifest.files[index]?.sha256;
  return isHash(value) ? value : undefined;
}

/** The SHA-256 of a whole file, read in pieces of `buffer`'s size. */
async function fileSha256(path: string, buffer: Uint8Array): Promise<string> {
  const file = await openAt(path, 0, "read");
  const h = sha256();
  try {
    for (;;) {
      const n = await file.read(buffer);
      if (n === 0) break;
      h.update(buffer.subarray(0, n));
    }
  } finally {
    await file.close();
  }
  return h.hex();
}

/**
 * The store key of a stored file whose bytes have the SHA-256 `stated` and `size` bytes, if one is there: the
 * candidates the installed versions' records name are checked by reading them.
 */
export async function storedBySha256(
  known: KnownFiles,
  stated: string,
  size: number,
  storeFile: (key: string) => string,
): Promise<string | undefined> {
  const buffer = new Uint8Array(Math.min(Math.max(size, 1), 1024 * 1024));
  for (const key of known.bySha256.get(shaKey(stated, size)) ?? []) {
    const actual = await fileSha256(storeFile(key), buffer).catch(() => undefined);
    if (actual === stated) return key;
  }
  return undefined;
}
