/**
 * The version of a catalog snapshot: a short SHA-256 of its content, computed once per snapshot. ETags and
 * events carry it.
 *
 * @module
 */
import { createHash } from "node:crypto";
import type { Catalog } from "../catalog/mod.ts";

const versions = new WeakMap<Catalog, string>();

/** The content version of a snapshot (16 hex digits), cached per snapshot. */
export function catalogVersion(catalog: Catalog): string {
  let version = versions.get(catalog);
  if (version === undefined) {
    version = versionOfJson(JSON.stringify(catalog.data));
    versions.set(catalog, version);
  }
  return version;
}

/** The version of a snapshot whose `JSON.stringify(catalog.data)` is `text` (for callers that made the text). */
export function versionOfJson(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/** The version already known for a snapshot, if any. */
export function knownVersion(catalog: Catalog): string | undefined {
  return versions.get(catalog);
}

/**
 * Records the version of a snapshot opened from a verified generation, whose checksummed bytes name it, so it
 * is not computed again from the catalog.
 */
export function rememberVersion(catalog: Catalog, version: string): void {
  versions.set(catalog, version);
}

/** A 32-bit FNV-1a hash in hex, for cheap ETag parts. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}
