/**
 * The check of a file's bytes against its manifest, piece by piece: what rebuilding a damaged `registry.json`
 * and a forced pull use before they trust a file already on disk.
 *
 * @module
 */
import { open, stat } from "node:fs/promises";
import { sha256 } from "./_hash.ts";
import { type FilePlan, portionKey } from "./_plan.ts";

/** Whether a file's bytes are its manifest's: each piece hashes to its chunk, or to the piece digest recorded. */
export async function fileMatches(
  path: string,
  plan: FilePlan,
  digest: (key: string) => string | undefined,
): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile() || info.size !== plan.size) return false;
  const handle = await open(path, "r");
  try {
    const buffer = new Uint8Array(1024 * 1024);
    let at = 0;
    for (const p of plan.portions) {
      const want = p.whole ? p.hash : digest(portionKey(p));
      if (want === undefined) return false;
      const h = sha256();
      for (let left = p.length; left > 0;) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, left), at);
        if (bytesRead === 0) return false;
        h.update(buffer.subarray(0, bytesRead));
        at += bytesRead;
        left -= bytesRead;
      }
      if (h.hex() !== want) return false;
    }
    return true;
  } finally {
    await handle.close();
  }
}
