/**
 * Free space of a file system, from `statfs` (`node:fs`, shared by Deno, Bun and Node).
 *
 * @module
 */
import { statfs } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * Bytes an unprivileged process may still write on the file system holding `path` (the nearest existing parent
 * is asked when `path` does not exist yet); `undefined` when the runtime or the platform cannot tell.
 */
export async function freeBytes(path: string): Promise<number | undefined> {
  let at = path;
  for (let i = 0; i < 64; i++) {
    try {
      const info = await statfs(at);
      return Number(info.bavail) * Number(info.bsize);
    } catch (error) {
      const code = (error as { code?: string }).code;
      const parent = dirname(at);
      if ((code !== "ENOENT" && code !== "ENOTDIR") || parent === at) return undefined;
      at = parent;
    }
  }
  return undefined;
}
