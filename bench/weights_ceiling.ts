/**
 * The floor of a verified pull in this runtime, for `bench/weights.ts` to print beside starmap: the least work a
 * pull must do, in a bare script without the CLI. Chunks are fetched over plain TCP (one HTTP/1.1 GET each,
 * `--concurrency` at once, the body read into one reused buffer per connection), hashed with `node:crypto`'s
 * SHA-256 as they arrive, and written once at their offsets in one file. No retries, resume, journal, progress,
 * locks or sharing: its time and peak RSS are what Deno itself costs for the bytes, not what starmap adds.
 *
 * Usage: deno run -A bench/weights_ceiling.ts <url-list> <chunk-size> <out-file> [concurrency]
 * (`<url-list>`: one chunk URL a line, in the model's order, each ending in the chunk's SHA-256.)
 *
 * @module
 */
import { createHash } from "node:crypto";

const BUFFER = 512 * 1024;
const encoder = new TextEncoder();

/** Reads the response head into `buf`; returns the body bytes that came with it. */
async function readHead(conn: Deno.Conn, buf: Uint8Array, url: URL): Promise<Uint8Array> {
  let filled = 0;
  for (;;) {
    const n = await conn.read(buf.subarray(filled));
    if (n === null) throw new Error(`${url}: connection closed in the head`);
    filled += n;
    const text = new TextDecoder("latin1").decode(buf.subarray(0, filled));
    const end = text.indexOf("\r\n\r\n");
    if (end < 0) continue;
    if (!/^HTTP\/1\.[01] 200 /.test(text)) throw new Error(`${url}: ${text.slice(0, text.indexOf("\r\n"))}`);
    return buf.subarray(end + 4, filled);
  }
}

/** Fetches one chunk, hashing it and writing it at `offset` of `out`; checks its SHA-256. */
async function chunk(href: string, offset: number, out: string, buf: Uint8Array): Promise<number> {
  const url = new URL(href);
  const conn = await Deno.connect({ hostname: url.hostname, port: Number(url.port || 80) });
  const file = await Deno.open(out, { write: true });
  try {
    await conn.write(
      encoder.encode(`GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`),
    );
    const hash = createHash("sha256");
    await file.seek(offset, Deno.SeekMode.Start);
    let size = 0;
    let bytes = await readHead(conn, buf, url);
    for (;;) {
      hash.update(bytes);
      for (let at = 0; at < bytes.length;) at += await file.write(bytes.subarray(at));
      size += bytes.length;
      const n = await conn.read(buf);
      if (n === null) break;
      bytes = buf.subarray(0, n);
    }
    const digest = hash.digest("hex");
    if (!href.endsWith(digest)) throw new Error(`${url}: SHA-256 ${digest} does not match`);
    return size;
  } finally {
    conn.close();
    file.close();
  }
}

async function main(): Promise<void> {
  const [list, chunkSize, out, concurrency = "4"] = Deno.args;
  if (!list || !chunkSize || !out) {
    throw new Error("usage: weights_ceiling.ts <url-list> <chunk-size> <out-file>");
  }
  const urls = (await Deno.readTextFile(list)).split("\n").filter((u) => u !== "");
  await Deno.writeFile(out, new Uint8Array(0));
  let next = 0;
  let total = 0;
  await Promise.all(Array.from({ length: Number(concurrency) }, async () => {
    const buf = new Uint8Array(BUFFER);
    while (next < urls.length) {
      const i = next++;
      total += await chunk(urls[i]!, i * Number(chunkSize), out, buf);
    }
  }));
  // deno-lint-ignore no-console
  console.log(total);
}

await main();
