/**
 * Reading a remote registry: `models.json` (with version aliases) and verified manifests.
 *
 * @module
 */
import { suggest } from "../catalog/suggest.ts";
import { StarmapError } from "../errors.ts";
import { checkHash } from "./hash.ts";
import { type FetchContext, fetchVerified } from "./http.ts";
import { checkName, pathProblem } from "./safe_path.ts";
import { Manifest, RegistryIndex } from "./schema.ts";

/** The largest index or manifest accepted, in bytes. */
const MAX_JSON = 64 * 1024 * 1024;
/** The largest chunk accepted, in bytes: chunks are held in memory one per worker. */
export const MAX_CHUNK_SIZE = 256 * 1024 * 1024;

/** A version resolved through aliases to a manifest hash. */
export interface ResolvedVersion {
  /** The group. */
  group: string;
  /** The model. */
  model: string;
  /** The version asked for (maybe an alias). */
  requested: string;
  /** The concrete version. */
  version: string;
  /** The manifest's SHA-256. */
  hash: string;
  /** The index's metadata of the version. */
  metadata: Record<string, unknown>;
}

/** A unique chunk to fetch: its hash and length. */
export interface ChunkJob {
  /** The chunk's SHA-256. */
  hash: string;
  /** Its length in bytes. */
  size: number;
}

/** The URL of an object of the registry at `base`. */
export function registryUrl(base: string, path: string): string {
  return new URL(path, base.endsWith("/") ? base : `${base}/`).href;
}

function parseJson(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    throw new StarmapError("verification", `${what} is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Fetches and parses `models.json`. @throws {StarmapError} `network` or `verification`. */
export async function fetchIndex(base: string, ctx: FetchContext): Promise<RegistryIndex> {
  const url = registryUrl(base, "models.json");
  const bytes = await fetchVerified(url, ctx, { what: "registry index", maxSize: MAX_JSON });
  const result = RegistryIndex.safeParse(parseJson(bytes, `registry index ${url}`));
  if (!result.success) {
    throw new StarmapError("verification", `registry index ${url} does not have the models.json shape`, {
      cause: result.error,
    });
  }
  return result.data;
}

/**
 * Resolves `group/model` at `version` (following aliases, rejecting cycles) to a manifest hash.
 *
 * @throws {StarmapError} `not_found` with suggestions, `verification` for cycles, unsafe names or bad hashes.
 */
export function resolveVersion(
  index: RegistryIndex,
  group: string,
  model: string,
  version: string,
): ResolvedVersion {
  const models = index[group];
  const versions = models?.[model];
  if (!models || !versions) {
    const refs = Object.entries(index).flatMap(([g, ms]) => Object.keys(ms).map((m) => `${g}/${m}`));
    const near = suggest(`${group}/${model}`, refs);
    throw new StarmapError("not_found", `model ${group}/${model} is not in the registry`, {
      suggestions: near,
      hint: near.length
        ? `did you mean ${near.slice(0, 3).join(", ")}?`
        : "list the registry with `starmap weights list --remote`",
    });
  }
  const seen: string[] = [];
  let current = version;
  for (;;) {
    checkName(current, "version");
    const entry = versions[current];
    if (!entry) {
      const what = seen.length
        ? `alias ${seen.at(-1)} points to version ${current}, which`
        : `version ${current}`;
      throw new StarmapError("not_found", `${what} of ${group}/${model} is not in the registry`, {
        suggestions: suggest(current, Object.keys(versions)),
        hint: `versions: ${Object.keys(versions).slice(0, 20).join(", ")}`,
      });
    }
    if (entry.alias === undefined) {
      const hash = checkHash(entry.hash, `manifest hash of ${group}/${model} ${current}`);
      return { group, model, requested: version, version: current, hash, metadata: entry.metadata ?? {} };
    }
    seen.push(current);
    if (seen.includes(entry.alias)) {
      throw new StarmapError(
        "verification",
        `alias cycle in ${group}/${model}: ${[...seen, entry.alias].join(" → ")}`,
      );
    }
    current = entry.alias;
  }
}

/** Fetches the manifest `hash`, checks its SHA-256 before parsing, then its shape. */
export async function fetchManifest(
  base: string,
  hash: string,
  ctx: FetchContext,
): Promise<{ manifest: Manifest; bytes: Uint8Array }> {
  checkHash(hash, "manifest hash");
  const url = registryUrl(base, `data/${hash}`);
  const bytes = await fetchVerified(url, ctx, {
    what: `manifest ${hash.slice(0, 12)}`,
    hash,
    maxSize: MAX_JSON,
  });
  const result = Manifest.safeParse(parseJson(bytes, `manifest ${hash}`));
  if (!result.success) {
    throw new StarmapError("verification", `manifest ${hash} does not have the manifest shape`, {
      cause: result.error,
    });
  }
  return { manifest: result.data, bytes };
}

function bad(message: string): StarmapError {
  return new StarmapError("verification", `invalid manifest: ${message}`, {
    hint: "the registry is corrupt; nothing was written",
  });
}

/**
 * Checks a manifest's consistency (sizes, chunk count, hashes, paths) and lists its unique chunks.
 *
 * @throws {StarmapError} `verification` for any inconsistency or unsafe path.
 */
export function planChunks(manifest: Manifest): ChunkJob[] {
  const { total_size: total, chunk_size: size, chunks, files } = manifest;
  if (size > MAX_CHUNK_SIZE) throw bad(`chunk_size ${size} is over the limit of ${MAX_CHUNK_SIZE}`);
  const sum = files.reduce((a, f) => a + f.size, 0);
  if (sum !== total) throw bad(`the files add up to ${sum} bytes, total_size is ${total}`);
  const count = Math.ceil(total / size);
  if (chunks.length !== count) throw bad(`${chunks.length} chunks, expected ${count} for ${total} bytes`);
  const paths = new Set<string>();
  for (const f of files) {
    const problem = pathProblem(f.path);
    if (problem) {
      throw new StarmapError(
        "verification",
        `unsafe path in manifest: ${JSON.stringify(f.path.slice(0, 200))} (${problem})`,
        { hint: "the registry is corrupt or hostile; nothing was written" },
      );
    }
    const key = f.path.toLowerCase();
    if (key.split("/")[0] === ".starmap") throw bad(`path ${f.path} uses the reserved .starmap directory`);
    if (paths.has(key)) throw bad(`path ${f.path} appears twice (letter case ignored)`);
    paths.add(key);
  }
  for (const key of paths) {
    const parts = key.split("/");
    for (let i = 1; i < parts.length; i++) {
      if (paths.has(parts.slice(0, i).join("/"))) {
        throw bad(`${parts.slice(0, i).join("/")} is both a file and a directory`);
      }
    }
  }
  const jobs = new Map<string, number>();
  chunks.forEach((h, i) => {
    const hash = checkHash(h, `chunk ${i}`);
    const length = Math.min(size, total - i * size);
    const known = jobs.get(hash);
    if (known !== undefined && known !== length) {
      throw bad(`chunk ${hash} appears with lengths ${known} and ${length}`);
    }
    jobs.set(hash, length);
  });
  return [...jobs].map(([hash, length]) => ({ hash, size: length }));
}
