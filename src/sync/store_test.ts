import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { embeddedCatalogData } from "../catalog/_embedded.ts";
import { CATALOG_DIGEST_FILE, loadCatalog } from "../catalog/mod.ts";
import { StarmapError } from "../errors.ts";
import { encodeProvenance } from "../reconcile/_provenance_file.ts";
import { loadEmbeddedProvenance } from "../reconcile/mod.ts";
import { catalogChunks, saveCatalog, serializeCatalog } from "./_store.ts";

Deno.test("a saved generation is written in pieces, byte for byte the documents JSON.stringify makes", async () => {
  const data = embeddedCatalogData();
  const provenance = (await loadEmbeddedProvenance(data))!;
  const whole = `${JSON.stringify(data, null, 2)}\n`;
  assert.equal(serializeCatalog(data), whole);
  assert.ok([...catalogChunks(data)].length > data.offerings.length, "one piece per offering at least");
  const empty = { ...data, providers: [], offerings: [] };
  assert.equal(serializeCatalog(empty), `${JSON.stringify(empty, null, 2)}\n`);
  const dir = await mkdtemp(join(tmpdir(), "starmap-store-"));
  try {
    const path = await saveCatalog(dir, data, provenance);
    assert.equal(await readFile(path, "utf8"), whole);
    const saved = await readFile(join(path, "..", "provenance.json"), "utf8");
    assert.equal(saved, `${JSON.stringify(encodeProvenance(provenance))}\n`);
  } finally {
    await rm(dir, { recursive: true });
  }
});

Deno.test("a saved catalog is read back without validation while its digest matches, and validated once edited", async () => {
  const data = embeddedCatalogData();
  const provenance = (await loadEmbeddedProvenance(data))!;
  const dir = await mkdtemp(join(tmpdir(), "starmap-store-"));
  try {
    const path = await saveCatalog(dir, data, provenance);
    const text = await readFile(path, "utf8");
    const digest = (await readFile(join(path, "..", CATALOG_DIGEST_FILE), "utf8")).trim();
    assert.equal(digest, createHash("sha256").update(text).digest("hex"));
    assert.equal((await loadCatalog({ dir })).catalog.data.offerings.length, data.offerings.length);
    // A document that fails the schema but still has the digest starmap wrote for it: read as written (the
    // digest is what spares the validation).
    const invalid = { ...data, providers: [{ id: "x" }] };
    const invalidText = serializeCatalog(invalid as typeof data);
    await writeFile(path, invalidText);
    await writeFile(
      join(path, "..", CATALOG_DIGEST_FILE),
      createHash("sha256").update(invalidText).digest("hex"),
    );
    assert.equal((await loadCatalog({ dir })).catalog.data.providers.length, 1);
    // Edited after it was written: the digest no longer matches, and the schemas find the fault.
    await writeFile(path, invalidText.replace('"x"', '"y"'));
    await assert.rejects(loadCatalog({ dir }), (e) => e instanceof StarmapError && e.kind === "invalid");
  } finally {
    await rm(dir, { recursive: true });
  }
});
