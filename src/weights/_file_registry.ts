/**
 * A registry in a directory (what `weights pack --out` writes, on a local disk, a USB drive or a network share):
 * a `fetch` for `file:` URLs that answers as a static HTTP server would, with 404 for a missing object, 206 for a
 * range from a byte on and 416 for a range that starts at or past the end, so the one HTTP core, the verification
 * and the resume work unchanged.
 *
 * @module
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openAt, type RangeFile } from "../runtime/mod.ts";

/** How much a read of a registry file takes at once when the reader brings no buffer. */
const PIECE = 256 * 1024;

/** A file's bytes from `from` on as a byte stream (readers may bring their own buffer). */
function fileBody(path: string, from: number): ReadableStream<Uint8Array> {
  let file: RangeFile | undefined;
  const source: UnderlyingByteSource = {
    type: "bytes",
    autoAllocateChunkSize: PIECE,
    async pull(controller: ReadableByteStreamController) {
      const request = controller.byobRequest!;
      const view = request.view as Uint8Array;
      let n: number;
      try {
        file ??= await openAt(path, from, "read");
        n = await file.read(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
      } catch (error) {
        // The stream errors without a cancel: the file is closed here.
        await file?.close().catch(() => {});
        throw error;
      }
      if (n > 0) return request.respond(n);
      await file.close();
      controller.close();
      request.respond(0);
    },
    async cancel() {
      await file?.close();
    },
  };
  return new ReadableStream(source) as ReadableStream<Uint8Array>;
}

/** The first byte a `Range: bytes=N-` header asks for (`undefined` for none or 0), even at or past `size`. */
function rangeStart(header: string | null): number | undefined {
  const m = /^bytes=(\d+)-$/.exec(header?.trim() ?? "");
  const start = m ? Number(m[1]) : undefined;
  return start !== undefined && start > 0 ? start : undefined;
}

/** A `fetch` for `file:` URLs: GET of a registry directory's objects (404 when missing, 206 or 416 for a range). */
export async function fileFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const url = new URL(request.url);
  if (url.protocol !== "file:") return new Response("not a file URL\n", { status: 400 });
  const path = fileURLToPath(url);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return new Response(`${url.pathname} not found\n`, { status: 404 });
  const start = rangeStart(request.headers.get("range"));
  if (start !== undefined && start >= info.size) {
    // As RFC 9110 says a server answers a range it cannot satisfy: 416 with the object's size.
    return new Response(null, { status: 416, headers: { "content-range": `bytes */${info.size}` } });
  }
  const headers: Record<string, string> = {
    "content-type": "application/octet-stream",
    "content-length": String(info.size - (start ?? 0)),
  };
  if (start === undefined) return new Response(fileBody(path, 0), { status: 200, headers });
  headers["content-range"] = `bytes ${start}-${info.size - 1}/${info.size}`;
  return new Response(fileBody(path, start), { status: 206, headers });
}

/** Why a registry directory cannot serve `models.json` (`/x: no such directory`), or `undefined`. */
export async function registryDirectoryProblem(base: URL): Promise<string | undefined> {
  const dir = fileURLToPath(base).replace(/(?<=.)[\\/]+$/, "");
  const info = await stat(dir).catch(() => undefined);
  if (!info) return `${dir}: no such directory`;
  if (!info.isDirectory()) return `${dir}: not a directory`;
  const index = await stat(join(dir, "models.json")).catch(() => undefined);
  return index?.isFile() ? undefined : `${dir}: no models.json in it`;
}
