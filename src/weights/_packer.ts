/**
 * The packer: turns a directory into chunks, a manifest and a `models.json` entry of a content-addressed
 * registry that any static HTTP server or object store can host. It streams: one chunk in memory at a time.
 *
 * @module
 */
import { lstat, mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { atomicWrite } from "../fs/mod.ts";
import { acquireFileLock } from "../runtime/mod.ts";
import { StarmapError } from "../errors.ts";
import { sha256, sha256Hex } from "./_hash.ts";
import { parseModelRef } from "./_model_ref.ts";
import { pathKey } from "./_manifest_check.ts";
import { MAX_CHUNK_SIZE } from "./_registry_client.ts";
import { checkName, pathProblem } from "./_safe_path.ts";
import { IndexEntry, type Manifest } from "./_schema.ts";
import { storage } from "./_storage_error.ts";
import { DEFAULT_CHUNK_SIZE } from "../limits.ts";

export { DEFAULT_CHUNK_SIZE };

/** Options of {@link pack}. */
export interface PackOptions {
  /** The directory of files to publish. */
  dir: string;
  /** The registry directory to write (`models.json`, `data/`). */
  out: string;
  /** `group/model`. */
  ref: string;
  /** The version. */
  version: string;
  /** Chunk size in bytes. @default 16 MiB */
  chunkSize?: number;
  /** An alias version name to point at this version (e.g. `latest`). */
  alias?: string;
  /** Metadata for the index entry. */
  metadata?: Record<string, unknown>;
  /** Replace a published version whose manifest differs. @default false */
  force?: boolean;
  /** How long to wait for another pack into the same registry, in ms. @default 60000 */
  lockTimeoutMs?: number;
}

/** What {@link pack} wrote. */
export interface PackResult {
  /** The manifest's SHA-256. */
  manifestHash: string;
  /** Bytes of all files. */
  totalSize: number;
  /** Number of files. */
  fileCount: number;
  /** Number of chunks (with repeats). */
  chunkCount: number;
  /** Chunks newly written (others were already in the registry). */
  newChunks: number;
}

async function listFiles(root: string, dir = root): Promise<string[]> {
  const out: string[] = [];
  const names = (await readdir(dir)).sort();
  for (const name of names) {
    const full = join(dir, name);
    const info = await lstat(full);
    const rel = relative(root, full).split(sep).join("/");
    if (info.isSymbolicLink()) {
      throw new StarmapError("invalid", `cannot pack ${full}: it is a symlink`, {
        hint: "replace it with a copy",
      });
    }
    if (rel.split("/")[0]!.toLowerCase() === ".starmap") {
      throw new StarmapError("invalid", `cannot pack ${rel}: .starmap is reserved for starmap's own files`);
    }
    if (info.isDirectory()) out.push(...(await listFiles(root, full)));
    else if (info.isFile()) {
      const problem = pathProblem(rel);
      if (problem) throw new StarmapError("invalid", `cannot pack ${rel}: ${problem}`);
      out.push(rel);
    }
  }
  return out;
}

/**
 * Refuses names that differ only in letter case or Unicode form (two files, or a file `Data` beside a directory
 * `data/`): they are one name on Windows and macOS, and every pull would refuse the version.
 */
function checkDistinct(paths: readonly string[]): void {
  const clash = (a: string, b: string) =>
    new StarmapError(
      "invalid",
      `cannot pack ${a} and ${b}: their names differ only in letter case or Unicode form`,
      {
        hint: "they would have one name on Windows and macOS; rename one of them",
      },
    );
  const seen = new Map<string, string>();
  for (const path of paths) {
    const other = seen.get(pathKey(path));
    if (other !== undefined) throw clash(other, path);
    seen.set(pathKey(path), path);
  }
  for (const [key, path] of seen) {
    const parts = key.split("/");
    for (let i = 1; i < parts.length; i++) {
      const file = seen.get(parts.slice(0, i).join("/"));
      if (file !== undefined) throw clash(file, path);
    }
  }
}

async function writeObject(dataDir: string, hash: string, bytes: Uint8Array): Promise<boolean> {
  const path = join(dataDir, hash);
  if ((await stat(path).catch(() => undefined))?.size === bytes.length) return false;
  const tmp = join(dataDir, `.${hash}.${crypto.randomUUID().slice(0, 8)}.tmp`);
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  return true;
}

/**
 * Packs `dir` into the registry at `out`: chunks and the manifest in `data/<hash>`, and `models.json` updated
 * atomically.
 *
 * @throws {StarmapError} `invalid` for bad options or files, `storage` for I/O errors.
 */
export async function pack(options: PackOptions): Promise<PackResult> {
  const { group, model } = parseModelRef(options.ref);
  checkName(options.version, "version", "invalid");
  if (options.alias !== undefined) checkName(options.alias, "alias", "invalid");
  if (options.alias === options.version) {
    throw new StarmapError("invalid", `alias ${options.alias} cannot point to its own version`);
  }
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
    throw new StarmapError("invalid", `chunk size must be 1 to ${MAX_CHUNK_SIZE} bytes, got ${chunkSize}`);
  }
  const dataDir = join(options.out, "data");
  if (!(await stat(options.dir).catch(() => undefined))?.isDirectory()) {
    throw new StarmapError("invalid", `cannot pack ${options.dir}: no such directory`);
  }
  const paths = await storage("read", options.dir, () => listFiles(options.dir));
  checkDistinct(paths);
  await storage("create", dataDir, () => mkdir(dataDir, { recursive: true }));
  const chunks: string[] = [];
  const files: Manifest["files"] = [];
  let newChunks = 0;
  let buffer = new Uint8Array(chunkSize);
  let filled = 0;
  const flush = async () => {
    const bytes = buffer.subarray(0, filled);
    const hash = await sha256Hex(bytes);
    if (await storage("write chunk to", dataDir, () => writeObject(dataDir, hash, bytes))) newChunks++;
    chunks.push(hash);
    buffer = new Uint8Array(chunkSize);
    filled = 0;
  };
  for (const path of paths) {
    const full = join(options.dir, ...path.split("/"));
    const file = await storage("open", full, () => open(full, "r"));
    let size = 0;
    const whole = sha256();
    try {
      for (;;) {
        const { bytesRead } = await file.read(buffer, filled, chunkSize - filled, null);
        if (bytesRead === 0) break;
        whole.update(buffer.subarray(filled, filled + bytesRead));
        filled += bytesRead;
        size += bytesRead;
        if (filled === chunkSize) await flush();
      }
    } finally {
      await file.close();
    }
    // The file's own SHA-256 lets a puller share an identical file that lies off this version's chunk grid.
    files.push({ path, size, sha256: whole.hex() });
  }
  if (filled > 0) await flush();
  const totalSize = files.reduce((a, f) => a + f.size, 0);
  const manifest: Manifest = { total_size: totalSize, chunk_size: chunkSize, chunks, files };
  const manifestBytes = new TextEncoder().encode(JSON.stringify(manifest));
  const manifestHash = await sha256Hex(manifestBytes);
  await storage("write manifest to", dataDir, () => writeObject(dataDir, manifestHash, manifestBytes));
  await publish(options, group, model, manifestHash, totalSize);
  return { manifestHash, totalSize, fileCount: files.length, chunkCount: chunks.length, newChunks };
}

/** The version is already published with another manifest (replace it with `force`). */
export class PublishedVersionError extends StarmapError {
  /** `group/model`. */
  readonly ref: string;
  /** The version. */
  readonly version: string;
  /** The manifest hash published now, or the version the alias of that name points to. */
  readonly published: string;

  /** Makes the error; `as` says whether the name is published as a version or as an alias. */
  constructor(ref: string, version: string, published: string, as: "version" | "alias" = "version") {
    super(
      "invalid",
      as === "alias"
        ? `${ref} ${version} is already published as an alias of ${published}`
        : `${ref} ${version} is already published with another manifest (${published.slice(0, 12)})`,
    );
    this.name = "PublishedVersionError";
    this.ref = ref;
    this.version = version;
    this.published = published;
  }
}

/** The value when it is a JSON object, else a new empty one (other entries of the index are kept as they are). */
function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as Record<string, unknown>
    : {};
}

/** Records the version in `models.json` under the registry's pack lock, so parallel packs lose nothing. */
async function publish(
  options: PackOptions,
  group: string,
  model: string,
  manifestHash: string,
  totalSize: number,
): Promise<void> {
  const indexFile = join(options.out, "models.json");
  const lock = await storage("lock", options.out, () =>
    acquireFileLock(join(options.out, ".pack.lock"), {
      timeoutMs: options.lockTimeoutMs ?? 60_000,
      purpose: `pack ${group}/${model} ${options.version}`,
    }));
  try {
    await storage("update", indexFile, async () => {
      const text = await readFile(indexFile, "utf8").catch((e) =>
        (e as { code?: string }).code === "ENOENT" ? "{}" : Promise.reject(e)
      );
      const index = asRecord(JSON.parse(text));
      const models = index[group] = asRecord(index[group]);
      const versions = models[model] = asRecord(models[model]);
      const published = IndexEntry.safeParse(versions[options.version]).data;
      if (published?.hash !== undefined && published.hash !== manifestHash && !options.force) {
        throw new PublishedVersionError(`${group}/${model}`, options.version, published.hash);
      }
      if (published?.alias !== undefined && !options.force) {
        throw new PublishedVersionError(`${group}/${model}`, options.version, published.alias, "alias");
      }
      versions[options.version] = {
        hash: manifestHash,
        metadata: { total_size: totalSize, ...options.metadata },
      };
      if (options.alias !== undefined) {
        // An alias moves; a published version it would replace is gone from the registry.
        const named = IndexEntry.safeParse(versions[options.alias]).data;
        if (named?.hash !== undefined && named.alias === undefined && !options.force) {
          throw new PublishedVersionError(`${group}/${model}`, options.alias, named.hash);
        }
        versions[options.alias] = { alias: options.version };
      }
      await atomicWrite(indexFile, `${JSON.stringify(index, null, 2)}\n`);
    });
  } finally {
    await lock.release();
  }
}
