/**
 * Disk use of a directory tree as the filesystem counts it, for tests and benches of the weights store.
 *
 * @module
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

/** Bytes of disk used under `dir`, each inode counted once (the store and versions share files by hard links). */
export async function diskUsage(dir: string, seen = new Set<number>()): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += await diskUsage(p, seen);
    else {
      const info = await stat(p).catch(() => undefined);
      if (!info || seen.has(info.ino ?? -1)) continue;
      seen.add(info.ino ?? -1);
      total += (info.blocks ?? 0) * 512;
    }
  }
  return total;
}
