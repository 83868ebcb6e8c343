/**
 * A small conditional-request cache on disk: the last body of a URL with its `ETag` and `Last-Modified`, so a
 * refresh costs a 304 when nothing changed.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { atomicWrite } from "../fs/mod.ts";

const Meta = z.object({
  url: z.string(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
});

/** A cached body with the validators to revalidate it. */
export interface CachedBody {
  /** The validators. */
  meta: z.infer<typeof Meta>;
  /** The body bytes. */
  body: Uint8Array;
}

/** A cache of one named document in a directory (`<name>.body` and `<name>.meta.json`). */
export class ConditionalCache {
  readonly #bodyFile: string;
  readonly #metaFile: string;

  /** Makes a cache for one document name in a directory. */
  constructor(dir: string, name: string) {
    this.#bodyFile = join(dir, `${name}.body`);
    this.#metaFile = join(dir, `${name}.meta.json`);
  }

  /** The cached body for a URL, or `undefined` when there is none (or it was fetched from another URL). */
  async read(url: string): Promise<CachedBody | undefined> {
    try {
      const meta = Meta.safeParse(JSON.parse(await readFile(this.#metaFile, "utf8")));
      if (!meta.success || meta.data.url !== url) return undefined;
      return { meta: meta.data, body: new Uint8Array(await readFile(this.#bodyFile)) };
    } catch {
      return undefined;
    }
  }

  /** Request headers that make a conditional request from a cached entry. */
  static conditionalHeaders(cached: CachedBody | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    if (cached?.meta.etag) out["if-none-match"] = cached.meta.etag;
    if (cached?.meta.lastModified) out["if-modified-since"] = cached.meta.lastModified;
    return out;
  }

  /** Stores a body with the validators of its response (nothing is stored when there are none). */
  async write(url: string, headers: Headers, body: Uint8Array): Promise<void> {
    const etag = headers.get("etag") ?? undefined;
    const lastModified = headers.get("last-modified") ?? undefined;
    if (!etag && !lastModified) return;
    await atomicWrite(this.#bodyFile, body);
    const meta: z.infer<typeof Meta> = { url };
    if (etag) meta.etag = etag;
    if (lastModified) meta.lastModified = lastModified;
    await atomicWrite(this.#metaFile, JSON.stringify(meta));
  }
}
