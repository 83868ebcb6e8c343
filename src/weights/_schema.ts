/**
 * The wire format of a content-addressed weights registry (`models.json`, manifests) and the local
 * `registry.json` of installed models.
 *
 * @module
 */
import { z } from "zod";
import type * as Types from "./types.gen.ts";

/** A version entry of `models.json`: a manifest hash with metadata, or an alias of another version. */
export const IndexEntry = z.looseObject({
  hash: z.string().optional(),
  alias: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
/** A version entry of `models.json`. */
export type IndexEntry = Types.IndexEntry;

/** `models.json`: group → model → version → entry. Unknown fields are ignored. */
export const RegistryIndex = z.record(z.string(), z.record(z.string(), z.record(z.string(), IndexEntry)));
/** `models.json`: group → model → version → entry. */
export type RegistryIndex = Types.RegistryIndex;

/** A file of a manifest: a slice of the joined chunk stream. */
export const ManifestFile = z.looseObject({
  path: z.string(),
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  /** The file's SHA-256 (starmap's packer writes it; optional in the format, used only when it is a hash). */
  sha256: z.unknown().optional(),
});
/** A file of a manifest. */
export type ManifestFile = Types.ManifestFile;

/** A manifest (`data/<hash>`): chunk hashes in order and the files they form. */
export const Manifest = z.looseObject({
  total_size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  chunk_size: z.number().int().positive(),
  chunks: z.array(z.string()),
  files: z.array(ManifestFile),
});
/** A manifest. */
export type Manifest = Types.Manifest;

/** An installed model version as `registry.json` records it. */
export const InstalledEntry = z.object({
  manifest_hash: z.string(),
  total_size: z.number().int().nonnegative(),
  file_count: z.number().int().nonnegative(),
  installed_at: z.string(),
  /** Globs of the files taken, when the pull was partial. */
  include: z.array(z.string()).optional(),
  /** Globs of the files left out, when the pull was partial. */
  exclude: z.array(z.string()).optional(),
  /** The selections of several partial pulls whose files together make the install (instead of include/exclude). */
  selections: z.array(z.object({
    include: z.array(z.string()).optional(),
    exclude: z.array(z.string()).optional(),
  })).optional(),
});
/** An installed model version. */
export type InstalledEntry = Types.InstalledEntry;

/** `registry.json`: group → model → version → installed entry. */
export const InstalledIndex = z.record(
  z.string(),
  z.record(z.string(), z.record(z.string(), InstalledEntry)),
);
/** `registry.json`. */
export type InstalledIndex = Types.InstalledIndex;

/** `aliases.json`: `group/model` → alias → the version it pointed to when last pulled or updated. */
export const LocalAliases = z.record(z.string(), z.record(z.string(), z.string()));
/** `aliases.json`. */
export type LocalAliases = Types.LocalAliases;
