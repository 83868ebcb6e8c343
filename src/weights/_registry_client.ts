/**
 * A remote registry: `models.json` (with version aliases, read entry by entry so one bad entry only skips
 * itself), verified manifests, and chunk bodies as streams from a byte offset (HTTP `Range`).
 *
 * @module
 */
import { suggest } from "../words/mod.ts";
import { StarmapError } from "../errors.ts";
import type { HttpClient } from "../http/mod.ts";
import { checkHash, isHash, sha256Hex } from "./_hash.ts";
import { objectUrl, type RegistryEndpoint } from "./_http.ts";
import { registryDirectoryProblem } from "./_file_registry.ts";
import { checkName, nameProblem } from "./_safe_path.ts";
import { IndexEntry, Manifest, type RegistryIndex } from "./_schema.ts";
import { compareVersions } from "./_versions.ts";

/** The largest index or manifest accepted, in bytes. */
const MAX_JSON = 64 * 1024 * 1024;
/** The largest chunk accepted, in bytes. */
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

/** A chunk body being received. */
export interface ChunkBody {
  /** The offset of the body's first byte in the chunk (0 when the server ignored the range). */
  start: number;
  /** The bytes. */
  body: ReadableStream<Uint8Array>;
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads `models.json` entry by entry: a malformed group, model or version entry is skipped with a note, never
 * the rest of the index.
 *
 * @throws {StarmapError} `verification` when the index as a whole is not an object.
 */
export function parseIndex(raw: unknown, where: string, note: (message: string) => void): RegistryIndex {
  if (!isRecord(raw)) throw new StarmapError("verification", `registry index ${where} is not a JSON object`);
  const index: RegistryIndex = {};
  for (const [group, models] of Object.entries(raw)) {
    if (!isRecord(models) || nameProblem(group)) {
      note(`registry index: group ${JSON.stringify(group)} is malformed and was skipped`);
      continue;
    }
    for (const [model, versions] of Object.entries(models)) {
      if (!isRecord(versions) || nameProblem(model)) {
        note(`registry index: model ${group}/${model} is malformed and was skipped`);
        continue;
      }
      for (const [version, entry] of Object.entries(versions)) {
        const parsed = IndexEntry.safeParse(entry);
        const ok = parsed.success && !nameProblem(version) &&
          (parsed.data.alias !== undefined || isHash(parsed.data.hash));
        if (!ok) {
          note(`registry index: ${group}/${model} ${version} is malformed and was skipped`);
          continue;
        }
        ((index[group] ??= {})[model] ??= {})[version] = parsed.data;
      }
    }
  }
  return index;
}

/** A registry reached through the one HTTP core, with its base URL and credentials. */
export class RegistryClient {
  readonly #endpoint: RegistryEndpoint;
  readonly #http: HttpClient;
  readonly #stallMs: number;
  readonly #note: (message: string) => void;

  /** Makes a client for a registry endpoint. */
  constructor(endpoint: RegistryEndpoint, http: HttpClient, options: {
    stallMs: number;
    note: (message: string) => void;
  }) {
    this.#endpoint = endpoint;
    this.#http = http;
    this.#stallMs = options.stallMs;
    this.#note = options.note;
  }

  /** The registry's base URL fit for messages (no credentials). */
  get shown(): string {
    return this.#endpoint.shown;
  }

  /** Whether the registry is a directory on this machine (a `file:` base). */
  get onDisk(): boolean {
    return this.#endpoint.base.protocol === "file:";
  }

  #request(signal: AbortSignal, extra: Record<string, string> = {}) {
    return {
      source: "weights registry",
      headers: { ...this.#endpoint.headers, accept: "*/*", ...extra },
      signal,
    };
  }

  /** Fetches and parses `models.json`. @throws {StarmapError} `network` or `verification`. */
  async index(signal: AbortSignal): Promise<RegistryIndex> {
    const url = objectUrl(this.#endpoint.base, "models.json");
    const res = await this.#http.get(url, { ...this.#request(signal), maxBodyBytes: MAX_JSON }).catch(
      async (error) => {
        const base = this.#endpoint.base;
        const problem = base.protocol === "file:" ? await registryDirectoryProblem(base) : undefined;
        if (problem === undefined) throw error;
        throw new StarmapError("network", `no weights registry at ${problem}`, {
          cause: error,
          hint:
            "a registry directory is what `starmap weights pack <dir> <group/model> <version> --out <dir>` " +
            "writes",
        });
      },
    );
    return parseIndex(parseJson(res.body, `registry index ${this.shown}`), this.shown, this.#note);
  }

  /** Fetches the manifest `hash`, checks its SHA-256 before parsing, then its shape. */
  async manifest(hash: string, signal: AbortSignal): Promise<{ manifest: Manifest; bytes: Uint8Array }> {
    checkHash(hash, "manifest hash");
    const url = objectUrl(this.#endpoint.base, `data/${hash}`);
    const res = await this.#http.get(url, { ...this.#request(signal), maxBodyBytes: MAX_JSON });
    const got = await sha256Hex(res.body);
    if (got !== hash) {
      throw new StarmapError(
        "verification",
        `manifest ${hash.slice(0, 12)}: SHA-256 is ${got}, expected ${hash}`,
      );
    }
    const result = Manifest.safeParse(parseJson(res.body, `manifest ${hash}`));
    if (!result.success) {
      throw new StarmapError("verification", `manifest ${hash} does not have the manifest shape`, {
        cause: result.error,
      });
    }
    return { manifest: result.data, bytes: res.body };
  }

  /** Opens a chunk's body from byte `from` on (a server that ignores `Range` sends it from 0). */
  async chunk(hash: string, size: number, from: number, signal: AbortSignal): Promise<ChunkBody> {
    const url = objectUrl(this.#endpoint.base, `data/${hash}`);
    const range: Record<string, string> = from > 0 ? { range: `bytes=${from}-` } : {};
    const res = await this.#http.open(url, {
      ...this.#request(signal, range),
      maxBodyBytes: size,
      stallMs: this.#stallMs,
    });
    let start = 0;
    if (res.status === 206) {
      const m = /^bytes (\d+)-/.exec(res.headers.get("content-range") ?? "");
      start = m ? Number(m[1]) : 0;
      if (start !== from) {
        await res.body.cancel().catch(() => {});
        return await this.chunk(hash, size, 0, signal);
      }
    }
    return { start, body: res.body };
  }
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
  const versions = index[group]?.[model];
  if (!versions) {
    const refs = Object.entries(index).flatMap(([g, ms]) => Object.keys(ms).map((m) => `${g}/${m}`));
    const near = suggest(`${group}/${model}`, refs);
    throw new StarmapError("not_found", `model ${group}/${model} is not in the registry`, {
      suggestions: near,
    });
  }
  const seen: string[] = [];
  let current = version;
  for (;;) {
    checkName(current, "version");
    const entry = versions[current];
    if (!entry) {
      const what = seen.length
        ? `alias ${seen.at(-1)} of ${group}/${model} points to version ${current}, which`
        : `version ${current} of ${group}/${model}`;
      const known = Object.keys(versions).sort(compareVersions);
      throw new StarmapError("not_found", `${what} is not in the registry`, {
        suggestions: suggest(current, known),
        hint: `versions: ${known.slice(0, 20).join(", ")}`,
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
