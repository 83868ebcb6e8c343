/**
 * Content keys of files, for the content-addressed store: a file's key is the SHA-256 of the digests of the
 * chunk pieces it is made of (a whole chunk's digest is its hash; a partial piece's digest is computed as the
 * chunk streams). Identical files of any versions or models, cut at the same chunk boundaries, share a key, and
 * so one stored copy. `.starmap/files.json` of each installed version keeps its keys and piece digests.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { sha256 } from "./_hash.ts";
import { type FilePlan, portionKey } from "./_plan.ts";

/** `.starmap/files.json`: the files present with their keys, and the digests of partial chunk pieces. */
export const FilesRecord = z.object({
  files: z.array(z.object({ path: z.string(), size: z.number(), key: z.string() })),
  digests: z.record(z.string(), z.string()),
});
/** `.starmap/files.json`. */
export type FilesRecord = z.infer<typeof FilesRecord>;

/** The key of a file when every partial piece's digest is known, else `undefined`. */
export function fileKey(file: FilePlan, digests: ReadonlyMap<string, string>): string | undefined {
  const h = sha256();
  h.update(new TextEncoder().encode(`starmap-file-v1 ${file.size}\n`));
  for (const p of file.portions) {
    const digest = p.whole ? p.hash : digests.get(portionKey(p));
    if (digest === undefined) return undefined;
    h.update(new TextEncoder().encode(`${digest} ${p.length}\n`));
  }
  return h.hex();
}

/** Reads the `files.json` of installed version directories and gathers their piece digests. */
export async function knownDigests(dirs: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const dir of dirs) {
    const record = await readFilesRecord(dir);
    for (const [k, v] of Object.entries(record?.digests ?? {})) out.set(k, v);
  }
  return out;
}

/** The `files.json` of a version directory, when present and well-formed. */
export async function readFilesRecord(dir: string): Promise<FilesRecord | undefined> {
  const text = await readFile(join(dir, ".starmap", "files.json"), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = FilesRecord.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
