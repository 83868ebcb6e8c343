import assert from "node:assert/strict";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCatalog } from "../catalog/mod.ts";
import { StarmapError } from "../errors.ts";
import { openCatalog } from "./mod.ts";

const V1 = new URL("../../tests/fixtures/catalog_v1/catalog.json", import.meta.url);

Deno.test("openCatalog reads a catalog directory of version 1 through the migration", async () => {
  const dir = await mkdtemp(join(tmpdir(), "starmap-open-"));
  try {
    await copyFile(V1, join(dir, "catalog.json"));
    const loaded = await openCatalog({ dir });
    assert.match(loaded.migrated ?? "", /^catalog version 1 migrated to version 2: 49 rows became offerings/);
    assert.ok(loaded.catalog.offerings("anthropic/claude-sonnet-4-5").length > 1);
    assert.equal(loaded.origin, join(dir, "catalog.json"));
  } finally {
    await rm(dir, { recursive: true });
  }
});

Deno.test("the catalog alone does not read an older document: without an upgrade it is invalid", async () => {
  const dir = await mkdtemp(join(tmpdir(), "starmap-open-"));
  try {
    await copyFile(V1, join(dir, "catalog.json"));
    const invalid = (e: unknown) => e instanceof StarmapError && e.kind === "invalid";
    await assert.rejects(loadCatalog({ dir }), invalid);
    await assert.rejects(loadCatalog({ dir, upgrade: () => undefined }), invalid);
  } finally {
    await rm(dir, { recursive: true });
  }
});
