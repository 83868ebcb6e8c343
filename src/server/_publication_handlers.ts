/**
 * The publication routes: `GET /catalog/manifest` names the generation served now, `GET /catalog/generations/{id}`
 * serves its immutable bytes. Followers poll the first (with its ETag) and fetch the second.
 *
 * @module
 */
import { z } from "zod";
import { CatalogData } from "../catalog/mod.ts";
import { Changeset } from "../reconcile/mod.ts";
import { HttpError } from "./_errors.ts";
import { type Generation, makeGeneration } from "./_generation.ts";
import type { AppState, RouteRequest } from "./_route.ts";
import { etagMatches } from "./_answer.ts";

/** The document of a generation, as `GET /catalog/generations/{id}` serves it. */
export const GenerationDocument = z.strictObject({
  id: z.string(),
  catalog: CatalogData,
  changeset: Changeset.optional(),
  provenance: z.unknown().optional(),
});

/** How many past generations a server keeps serving after it moved on (for followers that are one behind). */
const KEEP = 4;
const recent = new WeakMap<AppState, Map<string, Generation>>();

/** The generation served now (the backend's own, or one made from its snapshot), remembered for a while. */
export function currentGeneration(r: RouteRequest): Generation {
  const catalog = r.catalog();
  const generation = r.state.options.backend.generation?.() ?? makeGeneration(catalog);
  let kept = recent.get(r.state);
  if (!kept) recent.set(r.state, kept = new Map());
  if (!kept.has(generation.manifest.id)) {
    kept.set(generation.manifest.id, generation);
    for (const id of kept.keys()) if (kept.size > KEEP) kept.delete(id);
  }
  return generation;
}

/** `GET /catalog/manifest`: the current generation's manifest; its ETag is the checksum. */
export function manifest(r: RouteRequest): Response {
  const { manifest } = currentGeneration(r);
  const etag = `"${manifest.checksum}"`;
  const headers = { etag, "cache-control": "no-cache", "x-catalog-version": manifest.id };
  if (etagMatches(r.c.req.header("if-none-match"), etag, true)) {
    return new Response(null, { status: 304, headers });
  }
  return Response.json(manifest, { headers });
}

/** `GET /catalog/generations/{id}`: the bytes of a generation this server holds; they never change. */
export function generation(r: RouteRequest): Response {
  const id = r.params.id!;
  const current = currentGeneration(r);
  const found = current.manifest.id === id ? current : recent.get(r.state)?.get(id);
  if (!found) {
    throw new HttpError(404, "not_found", `generation "${id.slice(0, 64)}" is not held here`, {
      suggestions: [current.manifest.id],
    });
  }
  const etag = `"${found.manifest.checksum}"`;
  const cache = { "cache-control": "public, max-age=31536000, immutable", etag };
  if (etagMatches(r.c.req.header("if-none-match"), etag, true)) {
    return new Response(null, { status: 304, headers: cache });
  }
  return new Response(found.body, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      ...cache,
      "x-checksum-sha256": found.manifest.checksum,
    },
  });
}
