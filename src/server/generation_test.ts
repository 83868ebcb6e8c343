import assert from "node:assert/strict";
import { GenerationManifest, readManifest, supersedes } from "./_generation.ts";

const manifest = (sequence: number | undefined, checksum = "a", id = "0123456789abcdef") => ({
  id,
  checksum: checksum.repeat(64),
  size: 10,
  time: "2026-01-01T00:00:00.000Z",
  previous: null,
  ...(sequence === undefined ? {} : { sequence }),
});

Deno.test("generation manifests: one written before sequences existed reads as sequence 0; fields of a later version are dropped", () => {
  assert.equal(readManifest(manifest(undefined)).sequence, 0);
  assert.equal(GenerationManifest.parse(manifest(undefined)).sequence, 0);
  const later = readManifest({ ...manifest(3), epoch: "x" });
  assert.deepEqual(later, manifest(3), "a later field does not stop a replica from following");
  assert.throws(() => readManifest({ ...manifest(3), sequence: -1 }));
  assert.throws(() => readManifest({ ...manifest(3), sequence: 1.5 }));
});

Deno.test("generation manifests: a higher sequence supersedes, a lower never does; one sequence twice is ordered by checksum; without sequences, another id is followed as before", () => {
  const m = (sequence: number, checksum = "a", id?: string) => readManifest(manifest(sequence, checksum, id));
  assert.equal(supersedes(m(2), m(1)), true);
  assert.equal(supersedes(m(1), m(2)), false);
  assert.equal(supersedes(m(2, "b"), m(2, "a")), true);
  assert.equal(supersedes(m(2, "a"), m(2, "b")), false);
  assert.equal(supersedes(m(2), m(2)), false, "the same generation");
  assert.equal(supersedes(m(0, "a", "fedcba9876543210"), m(0)), true);
  assert.equal(supersedes(m(0, "b"), m(0)), false, "the same catalog, no order known: kept");
  assert.equal(supersedes(m(1), m(0, "f", "fedcba9876543210")), true);
});
