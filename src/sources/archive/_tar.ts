/**
 * A streaming tar reader (ustar, pax extended headers and GNU long names): entries come out one at a time as the
 * bytes arrive, and an entry's data is read only when asked for, so memory stays at one entry. It never touches
 * the filesystem: it yields names and bytes, and the caller decides what they mean.
 *
 * @example
 * ```ts
 * const stream = response.body!.pipeThrough(new DecompressionStream("gzip"));
 * for await (const entry of readTar(stream)) {
 *   if (entry.type === "file" && entry.path.endsWith(".toml")) console.log(entry.path, (await entry.bytes()).length);
 * }
 * ```
 *
 * @module
 */

/** What a tar entry is. */
export type TarEntryType = "file" | "directory" | "symlink" | "hardlink" | "other";

/** One entry of a tar stream. Its data must be read (or not) before the next entry is requested. */
export interface TarEntry {
  /** The entry's path as stored (pax `path` or GNU long name when present), never interpreted. */
  path: string;
  /** The entry type. */
  type: TarEntryType;
  /** The data size in bytes. */
  size: number;
  /** The target of a symbolic or hard link, as stored. */
  linkTarget: string;
  /** Reads the entry's data (at most once, before the next entry). */
  bytes(): Promise<Uint8Array>;
}

/** Options of {@link readTar}. */
export interface ReadTarOptions {
  /** The largest entry data read into memory, in bytes. @default 16 MiB */
  maxEntryBytes?: number;
}

/** A malformed tar stream. */
export class TarError extends Error {
  /** Makes the error. */
  constructor(message: string) {
    super(message);
    this.name = "TarError";
  }
}

const BLOCK = 512;
const decoder = new TextDecoder();

/** Pulls exact byte counts out of a stream of chunks. */
class ByteReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  #chunks: Uint8Array[] = [];
  #buffered = 0;
  #done = false;

  constructor(stream: ReadableStream<Uint8Array>) {
    this.#reader = stream.getReader();
  }

  async #fill(n: number): Promise<void> {
    while (this.#buffered < n && !this.#done) {
      const { done, value } = await this.#reader.read();
      if (done) this.#done = true;
      else if (value.byteLength) {
        this.#chunks.push(value);
        this.#buffered += value.byteLength;
      }
    }
  }

  /** Exactly `n` bytes, or `undefined` at a clean end of stream; throws on a partial read. */
  async read(n: number): Promise<Uint8Array | undefined> {
    await this.#fill(n);
    if (this.#buffered === 0 && n > 0) return undefined;
    if (this.#buffered < n) {
      throw new TarError(`truncated tar stream (wanted ${n} bytes, got ${this.#buffered})`);
    }
    const out = new Uint8Array(n);
    let at = 0;
    while (at < n) {
      const head = this.#chunks[0]!;
      const take = Math.min(head.byteLength, n - at);
      out.set(head.subarray(0, take), at);
      at += take;
      if (take === head.byteLength) this.#chunks.shift();
      else this.#chunks[0] = head.subarray(take);
    }
    this.#buffered -= n;
    return out;
  }

  /** Skips `n` bytes without keeping them. */
  async skip(n: number): Promise<void> {
    let left = n;
    while (left > 0) {
      await this.#fill(Math.min(left, 1 << 16));
      if (this.#buffered === 0) throw new TarError("truncated tar stream while skipping entry data");
      const head = this.#chunks[0]!;
      const take = Math.min(head.byteLength, left);
      if (take === head.byteLength) this.#chunks.shift();
      else this.#chunks[0] = head.subarray(take);
      this.#buffered -= take;
      left -= take;
    }
  }

  async cancel(): Promise<void> {
    await this.#reader.cancel().catch(() => {});
  }
}

function text(block: Uint8Array, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return decoder.decode(end === -1 ? field : field.subarray(0, end));
}

function octal(block: Uint8Array, start: number, length: number): number {
  const first = block[start]!;
  if (first & 0x80) {
    // GNU base-256 for sizes past 8 GiB.
    let n = first & 0x7f;
    for (let i = 1; i < length; i++) n = n * 256 + block[start + i]!;
    return n;
  }
  const s = text(block, start, length).trim();
  if (s === "") return 0;
  if (!/^[0-7]+$/.test(s)) throw new TarError(`invalid octal number "${s}" in tar header`);
  return parseInt(s, 8);
}

function checksumOk(block: Uint8Array): boolean {
  const stored = octal(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
  return sum === stored;
}

/** Parses pax records `"<len> key=value\n"`. */
export function parsePax(data: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  let at = 0;
  while (at < data.byteLength) {
    let space = at;
    while (space < data.byteLength && data[space] !== 0x20) space++;
    const length = Number(decoder.decode(data.subarray(at, space)));
    if (!Number.isInteger(length) || length <= 0 || at + length > data.byteLength) {
      throw new TarError("invalid pax extended header record");
    }
    const record = decoder.decode(data.subarray(space + 1, at + length - 1));
    const eq = record.indexOf("=");
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return out;
}

function typeOf(flag: string): TarEntryType {
  if (flag === "0" || flag === "\0" || flag === "" || flag === "7") return "file";
  if (flag === "5") return "directory";
  if (flag === "2") return "symlink";
  if (flag === "1") return "hardlink";
  return "other";
}

/**
 * Reads a tar stream entry by entry.
 *
 * @throws {TarError} for a truncated stream, a bad header checksum or an entry past `maxEntryBytes` that is read.
 */
export async function* readTar(
  stream: ReadableStream<Uint8Array>,
  options: ReadTarOptions = {},
): AsyncGenerator<TarEntry, void, undefined> {
  const maxEntry = options.maxEntryBytes ?? 16 * 1024 * 1024;
  const input = new ByteReader(stream);
  let globalPax = new Map<string, string>();
  let pax = new Map<string, string>();
  let longName: string | undefined;
  let longLink: string | undefined;
  const readData = async (size: number): Promise<Uint8Array> => {
    if (size > maxEntry) throw new TarError(`tar entry of ${size} bytes exceeds the cap of ${maxEntry}`);
    const data = await input.read(size);
    // A stream that ends right after a header is cut, not a clean end: the entry promised `size` bytes.
    if (data === undefined && size > 0) {
      throw new TarError(`truncated tar stream (wanted ${size} bytes, got 0)`);
    }
    if (data === undefined) return new Uint8Array(0);
    await input.skip(padding(size));
    return data;
  };
  try {
    for (;;) {
      const block = await input.read(BLOCK);
      if (!block || block.every((b) => b === 0)) return;
      if (!checksumOk(block)) throw new TarError("invalid tar header checksum");
      const flag = String.fromCharCode(block[156]!);
      const headerSize = octal(block, 124, 12);
      if (flag === "x" || flag === "g") {
        const records = parsePax(await readData(headerSize));
        if (flag === "g") globalPax = new Map([...globalPax, ...records]);
        else pax = records;
        continue;
      }
      if (flag === "L" || flag === "K") {
        const value = text(await readData(headerSize), 0, headerSize);
        if (flag === "L") longName = value;
        else longLink = value;
        continue;
      }
      const magic = text(block, 257, 6);
      const prefix = magic.startsWith("ustar") ? text(block, 345, 155) : "";
      const name = text(block, 0, 100);
      const attrs = new Map([...globalPax, ...pax]);
      const path = attrs.get("path") ?? longName ?? (prefix ? `${prefix}/${name}` : name);
      const linkTarget = attrs.get("linkpath") ?? longLink ?? text(block, 157, 100);
      const paxSize = attrs.get("size");
      const size = paxSize !== undefined && /^\d+$/.test(paxSize) ? Number(paxSize) : headerSize;
      pax = new Map();
      longName = undefined;
      longLink = undefined;
      const type = typeOf(flag);
      const dataSize = type === "file" || type === "other" ? size : 0;
      let consumed = false;
      const entry: TarEntry = {
        path,
        type,
        size: dataSize,
        linkTarget,
        bytes: async () => {
          if (consumed) throw new TarError(`data of tar entry ${path} already read`);
          consumed = true;
          return await readData(dataSize);
        },
      };
      yield entry;
      if (!consumed) {
        consumed = true;
        await input.skip(dataSize + padding(dataSize));
      }
    }
  } finally {
    await input.cancel();
  }
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}
