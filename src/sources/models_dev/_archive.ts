/**
 * The `models.dev-archive` source: a GitHub source tarball of the models.dev repository, read in-process (gunzip
 * with `DecompressionStream`, untar as a stream, TOML parsed, `base_model` resolved) and translated into the same
 * records as the `/api.json` source. Needs only network access: no git, no temporary files.
 *
 * @module
 */
import { StarmapError } from "../../errors.ts";
import type { HttpClient } from "../../http/mod.ts";
import { readTar, TarError } from "../archive/mod.ts";
import type { Source, SourceFetchOptions, SourceResult } from "../_source.ts";
import { type ArchiveTree, documentFromTree, safeArchivePath } from "./_archive_tree.ts";
import { parseDevApi } from "./_parse.ts";
import { devApiResult } from "./_records.ts";

/** The GitHub tarball URL of models.dev for a ref (`{ref}` in the template is replaced). */
export const MODELS_DEV_ARCHIVE_URL = "https://codeload.github.com/anomalyco/models.dev/tar.gz/{ref}";
/** The default ref of the archive. */
export const MODELS_DEV_REF = "dev";

/** Options of the {@link ModelsDevArchiveSource}. */
export interface ModelsDevArchiveOptions {
  /** The HTTP client. */
  http: HttpClient;
  /** The tarball URL; `{ref}` in it is replaced by `ref`. @default MODELS_DEV_ARCHIVE_URL */
  url?: string | undefined;
  /** The git ref (branch, tag or commit). @default MODELS_DEV_REF */
  ref?: string | undefined;
  /** The largest archive accepted, compressed, in bytes. @default 64 MiB */
  maxBytes?: number | undefined;
}

const wanted =
  /^(providers\/[^/]+\/(provider\.toml|models\/.+\.toml)|models\/[^/]+\/.+\.toml|labs\/[^/]+\/logo\.svg)$/;
const decoder = new TextDecoder();

/** Reads the TOML files and links of a models.dev tarball stream into memory (only the parts that matter). */
export async function readArchiveTree(
  gzipped: ReadableStream<Uint8Array>,
  notes: string[],
): Promise<ArchiveTree> {
  const tree: ArchiveTree = { files: new Map(), links: new Map() };
  const tar = gzipped.pipeThrough(
    new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>,
  );
  for await (const entry of readTar(tar, { maxEntryBytes: 1024 * 1024 })) {
    if (entry.type === "directory") continue;
    const path = safeArchivePath(entry.path);
    if (path === undefined) {
      if (entry.path.split("/").filter(Boolean).length > 1 || entry.type !== "file") {
        notes.push(`archive entry "${entry.path}" refused: absolute path or ".." segment`);
      }
      continue;
    }
    if (!wanted.test(path)) continue;
    if (entry.type === "file") tree.files.set(path, decoder.decode(await entry.bytes()));
    else if (entry.type === "symlink") tree.links.set(path, entry.linkTarget);
    else notes.push(`archive entry "${path}" skipped: ${entry.type} entries are not read`);
  }
  return tree;
}

/** models.dev from its source archive. */
export class ModelsDevArchiveSource implements Source {
  /** `models.dev-archive`. */
  readonly id = "models.dev-archive";
  /** `models_dev`. */
  readonly kind = "models_dev" as const;
  readonly #http: HttpClient;
  readonly #url: string;
  readonly #maxBytes: number | undefined;

  /** Makes the source. */
  constructor(options: ModelsDevArchiveOptions) {
    this.#http = options.http;
    const ref = encodeURIComponent(options.ref ?? MODELS_DEV_REF);
    this.#url = (options.url ?? MODELS_DEV_ARCHIVE_URL).replaceAll("{ref}", ref);
    this.#maxBytes = options.maxBytes;
  }

  /** Downloads and reads the archive as a stream and translates it. */
  async fetch(options: SourceFetchOptions): Promise<SourceResult> {
    const notes: string[] = [];
    const response = await this.#http.open(this.#url, {
      source: this.id,
      signal: options.signal,
      headers: { accept: "application/gzip, application/octet-stream" },
      maxBodyBytes: this.#maxBytes,
    });
    let tree: ArchiveTree;
    try {
      tree = await readArchiveTree(response.body, notes);
    } catch (error) {
      if (error instanceof StarmapError) throw error;
      const what = error instanceof TarError
        ? error.message
        : `not a gzip tar archive (${(error as Error).message})`;
      throw new StarmapError("network", `cannot read source "${this.id}": ${what}`, {
        cause: error,
        hint: "check that the archive URL serves a .tar.gz of the models.dev repository",
      });
    }
    const doc = documentFromTree(tree);
    notes.push(...doc.notes);
    if (Object.keys(doc.api).length === 0) {
      throw new StarmapError(
        "network",
        `cannot read source "${this.id}": the archive has no providers/*/provider.toml`,
      );
    }
    const api = parseDevApi(doc.api, this.id, notes);
    const only = options.providers ? new Set(options.providers) : undefined;
    const filtered = only ? Object.fromEntries(Object.entries(api).filter(([id]) => only.has(id))) : api;
    return devApiResult(filtered, doc.labs, notes, {
      models: doc.bases,
      logos: doc.logos,
      hints: Object.fromEntries([...doc.baseModels].map(([key, baseModel]) => [key, { baseModel }])),
    });
  }
}
