/**
 * The journal of a staged pull: one JSON line per verified chunk (with the digests of its partial pieces) and, for
 * a chunk being received, how many of its bytes are already written. With the staged files it is the whole resume
 * state: a resumed pull skips verified chunks and continues a chunk from where its bytes stop.
 *
 * @module
 */
import { type FileHandle, open, readFile } from "node:fs/promises";

type Line = { c: string; d?: Record<string, string> } | { p: string; n: number };

/** The journal of one staging directory. */
export class Journal {
  /** The journal file. */
  readonly path: string;
  readonly #verified = new Set<string>();
  readonly #partial = new Map<string, number>();
  readonly #digests = new Map<string, string>();
  #queue: Promise<void> = Promise.resolve();
  #handle: Promise<FileHandle> | undefined;

  private constructor(path: string) {
    this.path = path;
  }

  /** Opens (reads) the journal at `path`; a missing file is an empty journal, a torn last line is ignored. */
  static async open(path: string): Promise<Journal> {
    const journal = new Journal(path);
    const text = await readFile(path, "utf8").catch(() => "");
    for (const raw of text.split("\n")) {
      if (!raw) continue;
      let line: Line;
      try {
        line = JSON.parse(raw) as Line;
      } catch {
        continue;
      }
      if ("c" in line && typeof line.c === "string") {
        journal.#verified.add(line.c);
        journal.#partial.delete(line.c);
        for (const [k, v] of Object.entries(line.d ?? {})) journal.#digests.set(k, v);
      } else if ("p" in line && typeof line.p === "string" && Number.isSafeInteger(line.n)) {
        journal.#partial.set(line.p, line.n);
      }
    }
    return journal;
  }

  /** Whether a chunk is verified and written. */
  verified(hash: string): boolean {
    return this.#verified.has(hash);
  }

  /** Bytes of a chunk already written (0 when none or verified). */
  written(hash: string): number {
    return this.#partial.get(hash) ?? 0;
  }

  /** Digests of partial chunk pieces recorded so far (key → SHA-256). */
  digests(): ReadonlyMap<string, string> {
    return this.#digests;
  }

  /** Records a verified chunk and the digests of its partial pieces. */
  async verify(hash: string, digests: Record<string, string>): Promise<void> {
    this.#verified.add(hash);
    this.#partial.delete(hash);
    for (const [k, v] of Object.entries(digests)) this.#digests.set(k, v);
    await this.#append({ c: hash, ...(Object.keys(digests).length ? { d: digests } : {}) });
  }

  /** Records that the first `bytes` of a chunk are written. */
  async progress(hash: string, bytes: number): Promise<void> {
    this.#partial.set(hash, bytes);
    await this.#append({ p: hash, n: bytes });
  }

  /** Forgets a chunk's partial bytes (it starts again from its first byte). */
  async restart(hash: string): Promise<void> {
    if (!this.#partial.has(hash)) return;
    this.#partial.delete(hash);
    await this.#append({ p: hash, n: 0 });
  }

  async #append(line: Line): Promise<void> {
    // One handle for the whole pull: opening the file for each record cost a tenth of a second per GiB.
    const next = this.#queue.then(async () => {
      this.#handle ??= open(this.path, "a");
      await (await this.#handle).write(`${JSON.stringify(line)}\n`);
    });
    this.#queue = next.catch(() => {});
    await next;
  }

  /** Closes the journal's file (records written so far are kept; a later record opens it again). */
  async close(): Promise<void> {
    await this.#queue;
    const handle = this.#handle;
    this.#handle = undefined;
    await (await handle?.catch(() => undefined))?.close().catch(() => {});
  }
}
