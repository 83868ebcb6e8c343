/**
 * Files for bulk transfers: Deno's own file API where it exists (its writes run off the JavaScript thread, so
 * network, hashing and disk overlap), `node:fs/promises` elsewhere.
 *
 * @module
 */
import { open } from "node:fs/promises";

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

/** How to open a bulk file: read an existing one, or create a new one (failing when it exists). */
export type BulkMode = "read" | "create";

/** Opens a file for bulk transfer. New files are created exclusively (never through an existing path). */
export async function openBulk(path: string, mode: BulkMode, permissions = 0o644): Promise<BulkFile> {
  if (deno) {
    const file = await deno.open(
      path,
      mode === "read" ? { read: true } : { write: true, createNew: true, mode: permissions },
    );
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
