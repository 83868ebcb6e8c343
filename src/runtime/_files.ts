/**
 * Files for bulk transfers: Deno's own file API where it exists (its writes run off the JavaScript thread, so
 * network, hashing and disk overlap), `node:fs/promises` elsewhere.
 *
 * @module
 */
import { open, stat } from "node:fs/promises";

/** An open file for sequential bulk reads or writes. */
export interface BulkFile {
  /** Writes all of `bytes` at the current position. */
  writeAll(bytes: Uint8Array): Promise<void>;
  /** Reads into `buffer` at the current position; 0 at the end. */
  read(buffer: Uint8Array): Promise<number>;
  /** Closes the file. */
  close(): Promise<void>;
}

interface DenoFile {
  write(p: Uint8Array): Promise<number>;
  read(p: Uint8Array): Promise<number | null>;
  close(): void;
}
interface DenoFiles {
  open(
    path: string,
    options: { read?: boolean; write?: boolean; createNew?: boolean; mode?: number },
  ): Promise<DenoFile>;
}

const deno = (globalThis as { Deno?: DenoFiles }).Deno;

/** A Deno file as a {@link BulkFile}: writes loop until every byte is written. */
function fromDeno(file: DenoFile): BulkFile {
  return {
    async writeAll(bytes) {
      let at = 0;
      while (at < bytes.length) at += await file.write(bytes.subarray(at));
    },
    async read(buffer) {
      return (await file.read(buffer)) ?? 0;
    },
    close() {
      file.close();
      return Promise.resolve();
    },
  };
}

/** How to open a bulk file: read an existing one, or create a new one (failing when it exists). */
export type BulkMode = "read" | "create";

/** Opens a file for bulk transfer. New files are created exclusively (never through an existing path). */
export async function openBulk(path: string, mode: BulkMode, permissions = 0o644): Promise<BulkFile> {
  if (deno) {
    const file = await deno.open(
      path,
      mode === "read" ? { read: true } : { write: true, createNew: true, mode: permissions },
    );
    return fromDeno(file);
  }
  const handle = await open(path, mode === "read" ? "r" : "wx", permissions);
  return {
    async writeAll(bytes) {
      let at = 0;
      while (at < bytes.length) at += (await handle.write(bytes, at, bytes.length - at)).bytesWritten;
    },
    async read(buffer) {
      return (await handle.read(buffer, 0, buffer.length, null)).bytesRead;
    },
    close: () => handle.close(),
  };
}

/** An open file read or written from a given position on (each holder has its own position). */
export interface RangeFile {
  /** Writes all of `bytes` at the current position and advances it. */
  writeAll(bytes: Uint8Array): Promise<void>;
  /** Reads into `buffer` at the current position and advances it; 0 at the end. */
  read(buffer: Uint8Array): Promise<number>;
  /** Closes the file. */
  close(): Promise<void>;
}

interface DenoSeekFile extends DenoFile {
  seek(offset: number, whence: number): Promise<number>;
}

/**
 * Opens an existing file for reading or writing from `position` on. Each call has its own file handle, so
 * several writers fill different ranges of one file at once without sharing a cursor.
 */
export async function openAt(path: string, position: number, mode: "read" | "write"): Promise<RangeFile> {
  if (deno) {
    const file = await deno.open(path, mode === "read" ? { read: true } : { write: true }) as DenoSeekFile;
    if (position > 0) await file.seek(position, 0);
    return fromDeno(file);
  }
  const handle = await open(path, mode === "read" ? "r" : "r+");
  let at = position;
  return {
    async writeAll(bytes) {
      let done = 0;
      while (done < bytes.length) {
        done += (await handle.write(bytes, done, bytes.length - done, at + done)).bytesWritten;
      }
      at += bytes.length;
    },
    async read(buffer) {
      const n = (await handle.read(buffer, 0, buffer.length, at)).bytesRead;
      at += n;
      return n;
    },
    close: () => handle.close(),
  };
}

/**
 * Makes sure a file exists with exactly `size` bytes (new space is sparse: it takes disk only when written);
 * returns whether it was created now.
 */
export async function ensureSizedFile(path: string, size: number): Promise<boolean> {
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isFile() && existing.size === size) return false;
  const handle = await open(path, existing ? "r+" : "w");
  try {
    await handle.truncate(size);
  } finally {
    await handle.close();
  }
  return existing === undefined;
}

/** Bytes of disk a file really occupies (its allocated blocks; less than its size when sparse). */
export async function allocatedBytes(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  return typeof info.blocks === "number" && info.blocks >= 0
    ? Math.min(info.size, info.blocks * 512)
    : info.size;
}
