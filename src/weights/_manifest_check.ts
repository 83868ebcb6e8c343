/**
 * Consistency checks of a manifest before anything is written: sizes, chunk count, hashes and safe, distinct
 * paths.
 *
 * @module
 */
import { StarmapError } from "../errors.ts";
import { checkHash } from "./_hash.ts";
import { MAX_CHUNK_SIZE } from "./_registry_client.ts";
import { pathProblem } from "./_safe_path.ts";
import type { Manifest } from "./_schema.ts";

function bad(message: string): StarmapError {
  return new StarmapError("verification", `invalid manifest: ${message}`);
}

/**
 * The name two paths share when they name one file where names ignore letter case (Windows, macOS) or Unicode
 * form (macOS: a composed é is e + ´).
 */
export function pathKey(path: string): string {
  return path.normalize("NFC").toLowerCase();
}

function checkPaths(manifest: Manifest): void {
  const paths = new Set<string>();
  for (const f of manifest.files) {
    const problem = pathProblem(f.path);
    if (problem) {
      throw new StarmapError(
        "verification",
        `unsafe path in manifest: ${JSON.stringify(f.path.slice(0, 200))} (${problem})`,
      );
    }
    const key = pathKey(f.path);
    if (key.split("/")[0] === ".starmap") throw bad(`path ${f.path} uses the reserved .starmap directory`);
    if (paths.has(key)) throw bad(`path ${f.path} appears twice (letter case and Unicode form ignored)`);
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
}

/**
 * Checks a manifest's consistency (sizes, chunk count, hashes, paths).
 *
 * @throws {StarmapError} `verification` for any inconsistency or unsafe path.
 */
export function checkManifest(manifest: Manifest): void {
  const { total_size: total, chunk_size: size, chunks, files } = manifest;
  if (size > MAX_CHUNK_SIZE) throw bad(`chunk_size ${size} is over the limit of ${MAX_CHUNK_SIZE}`);
  const sum = files.reduce((a, f) => a + f.size, 0);
  if (sum !== total) throw bad(`the files add up to ${sum} bytes, total_size is ${total}`);
  const count = Math.ceil(total / size);
  if (chunks.length !== count) throw bad(`${chunks.length} chunks, expected ${count} for ${total} bytes`);
  checkPaths(manifest);
  const lengths = new Map<string, number>();
  chunks.forEach((h, i) => {
    const hash = checkHash(h, `chunk ${i}`);
    const length = Math.min(size, total - i * size);
    const known = lengths.get(hash);
    if (known !== undefined && known !== length) {
      throw bad(`chunk ${hash} appears with lengths ${known} and ${length}`);
    }
    lengths.set(hash, length);
  });
}
