/**
 * Published generations: an immutable, checksummed document holding one catalog snapshot (with its changeset
 * from the previous generation and its provenance when known), and the manifest that names it. Replicas,
 * followers and the publication routes all read and verify the same bytes.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { Catalog } from "../catalog/mod.ts";
import type { CatalogData } from "../catalog/types.gen.ts";
import { StarmapError } from "../errors.ts";
import { serializeProvenance } from "../reconcile/mod.ts";
import type { Changeset, Provenance } from "../reconcile/types.gen.ts";
import type * as Types from "./types.gen.ts";
import { knownVersion, rememberVersion, versionOfJson } from "./_content_hash.ts";

/** What names a generation: its id (the catalog version), the SHA-256 and size of its bytes, and when it was made. */
export const GenerationManifest = z.strictObject({
  /** The catalog version of the snapshot (16 hex digits). */
  id: z.string().regex(/^[0-9a-f]{16}$/),
  /** SHA-256 of the generation document's bytes, hex. */
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
  /** Size of the generation document in bytes. */
  size: z.number().int().positive(),
  /** When the generation was published (ISO 8601). */
  time: z.string(),
  /** The generation it replaced, when known. */
  previous: z.string().nullable(),
  /**
   * The fleet's publication order: one more than every generation published before it (allocated in Redis). 0
   * for a snapshot never published by a fleet, and for manifests written before the field existed.
   */
  sequence: z.number().int().nonnegative().default(0),
});
/** What names a generation. */
export type GenerationManifest = Types.GenerationManifest;

const LooseManifest = z.object(GenerationManifest.shape);

/**
 * Reads a manifest another process wrote: fields a later version adds are dropped rather than refused, so a
 * replica keeps following a fleet that is being upgraded past it.
 *
 * @throws {z.ZodError} when a field this version knows is missing or wrong.
 */
export function readManifest(value: unknown): GenerationManifest {
  return LooseManifest.parse(value);
}

/**
 * Whether `next` replaces `active`: a higher sequence does; a lower one never does (the catalog never goes
 * back). Two generations of one sequence (two updaters during a lease split) are ordered by checksum, the same
 * way on every replica. Manifests without a sequence (0: written before the field existed) carry no order, so
 * another generation of sequence 0 is followed as before.
 */
export function supersedes(next: GenerationManifest, active: GenerationManifest): boolean {
  if (next.sequence !== active.sequence) return next.sequence > active.sequence;
  if (next.sequence === 0) return next.id !== active.id;
  return next.checksum > active.checksum;
}

/** Whether two manifests are one sequence with different bytes (two updaters published it). */
export function twins(a: GenerationManifest, b: GenerationManifest): boolean {
  return a.sequence > 0 && a.sequence === b.sequence && a.checksum !== b.checksum;
}

/** The same generation under the manifest the fleet published it with (its sequence). */
export function withManifest(generation: Generation, manifest: GenerationManifest): Generation {
  return { ...generation, manifest };
}

/**
 * A generation: its manifest, its bytes (which also hold the provenance, covered by the checksum, and not decoded
 * again here), the snapshot they hold and the changeset from `previous`.
 */
export interface Generation {
  /** The manifest. */
  manifest: Types.GenerationManifest;
  /** The UTF-8 JSON document: `{id, catalog, changeset?, provenance?}`. */
  body: Uint8Array<ArrayBuffer>;
  /** The snapshot. */
  catalog: Catalog;
  /** The changeset from the previous generation, when the publisher had it. */
  changes?: Changeset | undefined;
  /** Whether the document holds the snapshot's provenance. */
  hasProvenance: boolean;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const byCatalog = new WeakMap<Catalog, Generation>();

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Options of {@link makeGeneration}. */
export interface MakeGenerationOptions {
  /** The changeset from the previous generation. */
  changes?: Changeset | undefined;
  /** The provenance of the snapshot (written in the form of `provenance.json`). */
  provenance?: Provenance | undefined;
  /** The id of the previous generation. */
  previous?: string | null | undefined;
  /** The publication time. @default now */
  time?: string;
}

/** Makes (once per snapshot) the generation of a snapshot. */
export function makeGeneration(catalog: Catalog, options: MakeGenerationOptions = {}): Generation {
  const known = byCatalog.get(catalog);
  if (known) return known;
  // The catalog's JSON is made once: its hash is the id (unless known) and it is the document's middle.
  const catalogText = JSON.stringify(catalog.data);
  const id = knownVersion(catalog) ?? versionOfJson(catalogText);
  rememberVersion(catalog, id);
  // The same bytes as JSON.stringify({id, catalog, changeset, provenance}); the provenance is already JSON in its
  // file form, spliced in rather than parsed and written again.
  let text = `{"id":${JSON.stringify(id)},"catalog":${catalogText}`;
  if (options.changes) text += `,"changeset":${JSON.stringify(options.changes)}`;
  if (options.provenance) text += `,"provenance":${serializeProvenance(options.provenance).trimEnd()}`;
  text += "}";
  const body = encoder.encode(text);
  const manifest = {
    id,
    checksum: sha256(body),
    size: body.byteLength,
    time: options.time ?? new Date().toISOString(),
    previous: options.previous ?? null,
    sequence: 0,
  };
  const generation = {
    manifest,
    body,
    catalog,
    changes: options.changes,
    hasProvenance: !!options.provenance,
  };
  byCatalog.set(catalog, generation);
  return generation;
}

interface Document {
  id: string;
  catalog: CatalogData;
  changeset?: Changeset;
}

/**
 * The parts of a verified document a replica needs. The provenance, written last by {@link makeGeneration}, is
 * served as bytes but not decoded: the text before it is parsed alone (half the work on a large catalog), and
 * the whole text only when that is not how the document ends.
 */
function parseDocument(text: string, fail: (what: string) => Error): { doc: Document; provenance: boolean } {
  const cut = text.lastIndexOf(',"provenance":{');
  if (cut > 0) {
    try {
      return { doc: JSON.parse(`${text.slice(0, cut)}}`), provenance: true };
    } catch {
      // not the layout makeGeneration writes: read the whole document
    }
  }
  try {
    const doc = JSON.parse(text);
    return { doc, provenance: doc.provenance !== undefined };
  } catch {
    throw fail("not JSON");
  }
}

/**
 * Verifies a generation's bytes against its manifest (size, SHA-256, and the id of the snapshot they hold) and
 * opens it. Nothing is activated from bytes this refuses.
 *
 * @throws {StarmapError} `verification` naming what did not match.
 */
export function openGeneration(
  manifest: GenerationManifest,
  body: Uint8Array<ArrayBuffer> | string,
): Generation {
  const bytes = typeof body === "string" ? encoder.encode(body) : body;
  const fail = (what: string) =>
    new StarmapError("verification", `generation ${manifest.id}: ${what}`, { hint: "it is not activated" });
  if (bytes.byteLength !== manifest.size) throw fail(`size ${bytes.byteLength}, expected ${manifest.size}`);
  if (sha256(bytes) !== manifest.checksum) throw fail("checksum mismatch");
  const text = typeof body === "string" ? body : decoder.decode(bytes);
  const { doc, provenance } = parseDocument(text, fail);
  if (doc.id !== manifest.id || !doc.catalog || !Array.isArray(doc.catalog.models)) {
    throw fail("wrong document");
  }
  const catalog = Catalog.from(doc.catalog);
  // The checksummed bytes name the version: it is not hashed again from the catalog.
  rememberVersion(catalog, manifest.id);
  const generation = {
    manifest,
    body: bytes,
    catalog,
    changes: doc.changeset,
    hasProvenance: provenance,
  };
  byCatalog.set(catalog, generation);
  return generation;
}

/** The manifest text of a generation (what Redis and `GET /catalog/manifest` hold). */
export function manifestJson(generation: Generation): string {
  return JSON.stringify(generation.manifest);
}
