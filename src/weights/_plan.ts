/**
 * Where each chunk of a manifest goes: the ranges of the (selected) files it covers, and for each file the chunk
 * portions it is made of. A chunk that spans files is split into several placements; a chunk that repeats is
 * fetched once and written to every place it occurs.
 *
 * @module
 */
import type { Manifest } from "./_schema.ts";

/** A range of a file that a range of a chunk fills. */
export interface Placement {
  /** The file's index in the manifest. */
  file: number;
  /** Where the range starts in the file. */
  fileOffset: number;
  /** Where the range starts in the chunk. */
  chunkOffset: number;
  /** Its length. */
  length: number;
}

/** A unique chunk to obtain, with every place its bytes go (in chunk order per occurrence). */
export interface ChunkTask {
  /** The chunk's SHA-256. */
  hash: string;
  /** Its length in bytes. */
  size: number;
  /** Each occurrence's placements, sorted by chunk offset. */
  occurrences: Placement[][];
}

/** A piece of a file: a range of one chunk. */
export interface FilePortion {
  /** The chunk's SHA-256. */
  hash: string;
  /** Where the piece starts in the chunk. */
  chunkOffset: number;
  /** Its length. */
  length: number;
  /** Whether the piece is the whole chunk (its digest is then the chunk's hash). */
  whole: boolean;
}

/** A selected file of the manifest. */
export interface FilePlan {
  /** Its index in the manifest. */
  index: number;
  /** Its path in the model directory. */
  path: string;
  /** Its size. */
  size: number;
  /** Its pieces in order. */
  portions: FilePortion[];
}

/** A transfer plan: the selected files and the unique chunks they need. */
export interface TransferPlan {
  /** The selected files. */
  files: FilePlan[];
  /** The chunks to obtain (only those overlapping a selected file). */
  tasks: ChunkTask[];
}

/** The key under which the digest of a partial chunk piece is remembered. */
export function portionKey(p: { hash: string; chunkOffset: number; length: number }): string {
  return `${p.hash}:${p.chunkOffset}:${p.length}`;
}

/** Plans a transfer of the files of `manifest` that `selected` accepts (every file by default). */
export function planTransfer(
  manifest: Manifest,
  selected: (path: string) => boolean = () => true,
): TransferPlan {
  const { chunk_size: size, total_size: total, chunks } = manifest;
  const starts: number[] = [];
  let at = 0;
  for (const f of manifest.files) {
    starts.push(at);
    at += f.size;
  }
  const files: FilePlan[] = manifest.files.map((f, index) => ({
    index,
    path: f.path,
    size: f.size,
    portions: [],
  }));
  const tasks = new Map<string, ChunkTask>();
  let file = 0;
  for (let i = 0; i < chunks.length; i++) {
    const hash = chunks[i]!;
    const begin = i * size;
    const length = Math.min(size, total - begin);
    const occurrence: Placement[] = [];
    while (file < files.length && starts[file]! + files[file]!.size <= begin) file++;
    for (let f = file; f < files.length && starts[f]! < begin + length; f++) {
      const plan = files[f]!;
      const from = Math.max(begin, starts[f]!);
      const to = Math.min(begin + length, starts[f]! + plan.size);
      if (to <= from) continue;
      const portion = { hash, chunkOffset: from - begin, length: to - from, whole: to - from === length };
      plan.portions.push(portion);
      if (selected(plan.path)) {
        occurrence.push({
          file: f,
          fileOffset: from - starts[f]!,
          chunkOffset: from - begin,
          length: to - from,
        });
      }
    }
    if (!occurrence.length) continue;
    const task = tasks.get(hash) ?? { hash, size: length, occurrences: [] };
    task.occurrences.push(occurrence);
    tasks.set(hash, task);
  }
  return { files: files.filter((f) => selected(f.path)), tasks: [...tasks.values()] };
}

/** Whether an occurrence covers its whole chunk from the start (so the chunk can be read back from it). */
export function coversChunk(occurrence: readonly Placement[], size: number): boolean {
  let next = 0;
  for (const p of occurrence) {
    if (p.chunkOffset !== next) return false;
    next += p.length;
  }
  return next === size;
}
