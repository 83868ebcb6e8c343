/**
 * Chunks already on this disk: inside the files of installed versions (found through their manifests), or just
 * verified by another running pull (its ready records). A pull copies such a chunk instead of fetching it, and
 * checks its SHA-256 while copying, so a modified file is never trusted.
 *
 * Claims let concurrent pulls (in any process) fetch a shared chunk once: the first pull that needs a chunk from
 * the network claims it; the others wait for its ready record and copy the bytes from its staged file.
 *
 * @module
 */
import { mkdir, open, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { hostName, processAlive, processId } from "../runtime/process_info.ts";
import { readFilesRecord } from "./file_keys.ts";
import { isHash } from "./hash.ts";
import { coversChunk, type Placement } from "./plan.ts";
import { Manifest } from "./schema.ts";

/** Where a whole chunk lies contiguously in a file. */
export interface ChunkLocation {
  /** The file. */
  path: string;
  /** The chunk's first byte in it. */
  offset: number;
}

/** An installed version to look into. */
export interface InstalledVersionDir {
  /** The version directory. */
  dir: string;
}

/** Maps chunk hashes to where whole copies lie in the files of installed versions. */
export async function installedChunks(
  versions: readonly InstalledVersionDir[],
): Promise<Map<string, ChunkLocation>> {
  const out = new Map<string, ChunkLocation>();
  for (const v of versions) {
    const text = await readFile(join(v.dir, ".starmap", "manifest.json"), "utf8").catch(() => undefined);
    const parsed = text === undefined ? undefined : Manifest.safeParse(JSON.parse(text));
    if (!parsed?.success) continue;
    const m = parsed.data;
    const record = await readFilesRecord(v.dir);
    const present = record ? new Set(record.files.map((f) => f.path)) : undefined;
    let file = 0;
    let start = 0;
    for (let i = 0; i < m.chunks.length; i++) {
      const begin = i * m.chunk_size;
      const end = Math.min(begin + m.chunk_size, m.total_size);
      while (file < m.files.length && start + m.files[file]!.size <= begin) start += m.files[file++]!.size;
      const f = m.files[file];
      if (!f || start + f.size < end || out.has(m.chunks[i]!)) continue;
      if (present && !present.has(f.path)) continue;
      out.set(m.chunks[i]!, { path: join(v.dir, ...f.path.split("/")), offset: begin - start });
    }
  }
  return out;
}

interface ClaimRecord {
  pid: number;
  host: string;
  at: number;
}

/** The claims directory of a models directory, shared by every pull. */
export class ChunkClaims {
  readonly #dir: string;
  readonly #mine = new Set<string>();

  /** Makes the claims of `dir` (created on first use). */
  constructor(dir: string) {
    this.#dir = dir;
  }

  /** Claims a chunk for fetching: true when this pull should fetch it, false while a live pull has it. */
  async take(hash: string): Promise<boolean> {
    if (!isHash(hash)) return true;
    await mkdir(this.#dir, { recursive: true });
    const path = join(this.#dir, hash);
    for (let i = 0; i < 3; i++) {
      try {
        const file = await open(path, "wx");
        const record: ClaimRecord = { pid: processId(), host: hostName(), at: Date.now() };
        await file.writeFile(JSON.stringify(record));
        await file.close();
        this.#mine.add(hash);
        return true;
      } catch (error) {
        if ((error as { code?: string }).code !== "EEXIST") return true;
      }
      const record = await readFile(path, "utf8").then((t) => JSON.parse(t) as ClaimRecord).catch(() =>
        undefined
      );
      const dead = !record || (record.host === hostName() && !processAlive(record.pid)) ||
        (record.host !== hostName() && Date.now() - record.at > 10 * 60_000);
      if (!dead) return false;
      await rm(path, { force: true });
    }
    return true;
  }

  /** Publishes where a claimed chunk now lies whole, for the pulls waiting on it. */
  async ready(
    hash: string,
    occurrences: readonly Placement[][],
    size: number,
    path: (f: number) => string,
  ): Promise<void> {
    if (!this.#mine.has(hash)) return;
    const whole = occurrences.find((o) => o.length === 1 && coversChunk(o, size));
    if (!whole) return;
    const at: ChunkLocation = { path: path(whole[0]!.file), offset: whole[0]!.fileOffset };
    await writeFile(join(this.#dir, `${hash}.ready`), JSON.stringify(at)).catch(() => {});
  }

  /** Where another pull published a chunk, if it did. */
  async whereReady(hash: string): Promise<ChunkLocation | undefined> {
    if (!isHash(hash)) return undefined;
    return await readFile(join(this.#dir, `${hash}.ready`), "utf8")
      .then((t) => JSON.parse(t) as ChunkLocation).catch(() => undefined);
  }

  /** Whether a chunk is claimed by a live pull other than this one. */
  async busy(hash: string): Promise<boolean> {
    if (this.#mine.has(hash)) return false;
    const text = await readFile(join(this.#dir, hash), "utf8").catch(() => undefined);
    if (text === undefined) return false;
    const record = (() => {
      try {
        return JSON.parse(text) as ClaimRecord;
      } catch {
        return undefined;
      }
    })();
    return !!record && !(record.host === hostName() && !processAlive(record.pid));
  }

  /** Drops this pull's claims and ready records (its staged files are about to move). */
  async release(): Promise<void> {
    for (const hash of this.#mine) {
      await rm(join(this.#dir, `${hash}.ready`), { force: true });
      await rm(join(this.#dir, hash), { force: true });
    }
    this.#mine.clear();
  }
}
