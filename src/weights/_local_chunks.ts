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
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createExclusive } from "../fs/mod.ts";
import { hostName, processAlive, processId } from "../runtime/mod.ts";
import { readFilesRecord } from "./_file_keys.ts";
import { isHash } from "./_hash.ts";
import { coversChunk, type Placement } from "./_plan.ts";
import { Manifest } from "./_schema.ts";

/** A range of a file holding part of a chunk. */
export interface ChunkSpan {
  /** The file. */
  path: string;
  /** Where the range starts in it. */
  offset: number;
  /** Its length. */
  length: number;
}

/** Where a whole chunk lies on disk: ranges of files that, in order, hold its bytes. */
export type ChunkLocation = ChunkSpan[];

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
    const starts: number[] = [];
    let at = 0;
    for (const f of m.files) {
      starts.push(at);
      at += f.size;
    }
    let file = 0;
    for (let i = 0; i < m.chunks.length; i++) {
      const begin = i * m.chunk_size;
      const end = Math.min(begin + m.chunk_size, m.total_size);
      if (out.has(m.chunks[i]!)) continue;
      while (file < m.files.length && starts[file]! + m.files[file]!.size <= begin) file++;
      const spans: ChunkSpan[] = [];
      for (let f = file; f < m.files.length && starts[f]! < end; f++) {
        const from = Math.max(begin, starts[f]!);
        const to = Math.min(end, starts[f]! + m.files[f]!.size);
        if (to <= from) continue;
        if (present && !present.has(m.files[f]!.path)) {
          spans.length = 0;
          break;
        }
        spans.push({
          path: join(v.dir, ...m.files[f]!.path.split("/")),
          offset: from - starts[f]!,
          length: to - from,
        });
      }
      if (spans.reduce((a, x) => a + x.length, 0) === end - begin) out.set(m.chunks[i]!, spans);
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
      const claim: ClaimRecord = { pid: processId(), host: hostName(), at: Date.now() };
      const created = await createExclusive(path, JSON.stringify(claim)).catch(() => undefined);
      if (created === undefined) return true;
      if (created) {
        this.#mine.add(hash);
        return true;
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
    const at: ChunkLocation = [{ path: path(whole[0]!.file), offset: whole[0]!.fileOffset, length: size }];
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
