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
  files: z.array(z.object({
    path: z.string(),
    size: z.number(),
    key: z.string(),
    /** The SHA-256 the version's manifest states for the file (checked against the bytes before sharing). */
    sha256: z.string().optional(),
  })),
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

/** What the installed versions' `files.json` tell: piece digests, and stored keys by stated SHA-256 and size. */
export interface KnownFiles {
  /** Digests of partial chunk pieces (key → SHA-256). */
  digests: Map<string, string>;
  /** Store keys of files by `sha256:size` as their manifests stated them (not yet checked against the bytes). */
  bySha256: Map<string, string[]>;
}

/** The lookup key of a file by its stated SHA-256 and size. */
export function shaKey(sha256: string, size: number): string {
  return `${sha256}:${size}`;
}

/** Reads the `files.json` of installed version directories: their piece digests and their files' stated SHA-256. */
export async function knownFiles(dirs: readonly string[]): Promise<KnownFiles> {
  const digests = new Map<string, string>();
  const bySha256 = new Map<string, string[]>();
  for (const dir of dirs) {
    const record = await readFilesRecord(dir);
    for (const [k, v] of Object.entries(record?.digests ?? {})) digests.set(k, v);
    for (const f of record?.files ?? []) {
      if (f.sha256 === undefined) continue;
      const keys = bySha256.get(shaKey(f.sha256, f.size)) ?? [];
      if (!keys.includes(f.key)) bySha256.set(shaKey(f.sha256, f.size), [...keys, f.key]);
    }
  }
  return { digests, bySha256 };
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
